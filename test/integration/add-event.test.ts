import { QueryCommand } from "@aws-sdk/client-dynamodb";
import { describe, expect, it } from "vitest";
import { dynamo, tableName } from "#store/client";
import { treatyKey } from "#store/keys";
import { handler } from "../../functions/add-event.ts";
import { handler as getTreaty } from "../../functions/get-treaty.ts";
import { handler as listHistory } from "../../functions/list-history.ts";
import { givenTreaty } from "../support/fixtures.ts";
import { call, eventInput, sampleEvent, uniqueId } from "../support/lambda.ts";

const addEvent = (treatyId: string, change: Parameters<typeof sampleEvent>[1]) =>
  call(handler, sampleEvent("add-event.json", { path: { treatyId }, ...change }));

async function snapshot(treatyId: string) {
  const treaty = await call(getTreaty, sampleEvent("get-treaty.json", { path: { treatyId } }));
  const history = await call(listHistory, sampleEvent("list-history.json", { path: { treatyId }, query: {} }));
  return { treaty: treaty.body, events: history.body.events };
}

describe("add an event (in-process against DynamoDB Local)", () => {
  it("stores the event with a server-assigned id, createdAt and version, and answers 201", async () => {
    const treatyId = await givenTreaty();
    const answer = await addEvent(treatyId, { body: eventInput() });
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({ treatyId, date: "2019-02-02", type: "withdrawal_notice", version: 1 });
    expect(answer.body.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(Date.parse(answer.body.createdAt)).not.toBeNaN();
    expect(answer.headers.location).toBe(`/treaties/${treatyId}/events/${answer.body.id}`);
  });

  it("re-derives the treaty's deadlines in the same write", async () => {
    const treatyId = await givenTreaty();
    await addEvent(treatyId, { body: eventInput({ date: "2019-08-31" }) });
    const { treaty } = await snapshot(treatyId);
    expect(treaty.deadlines).toHaveLength(1);
    expect(treaty.deadlines[0]).toMatchObject({ kind: "withdrawal_effective", date: "2020-02-29", party: "US" });
    expect(treaty.deadlines[0].basis.explanation).toContain("29 February 2020");
  });

  it("cancels the deadline when the notice is retracted", async () => {
    const treatyId = await givenTreaty();
    await addEvent(treatyId, { body: eventInput() });
    await addEvent(treatyId, {
      body: eventInput({ date: "2019-03-01", type: "notice_retracted", title: "Notice withdrawn" }),
    });
    const { treaty } = await snapshot(treatyId);
    expect(treaty.deadlines.filter((d: { kind: string }) => d.kind === "withdrawal_effective")).toHaveLength(0);
  });

  it("keeps every deadline when events for one treaty are written at the same time", async () => {
    const treatyId = await givenTreaty();
    const answers = await Promise.all(
      ["US", "RU"].map((party, i) => addEvent(treatyId, { body: eventInput({ party, date: `2019-0${i + 2}-02` }) })),
    );
    expect(answers.map((a) => a.status)).toEqual([201, 201]);
    const { treaty } = await snapshot(treatyId);
    expect(treaty.eventCount).toBe(2);
    expect(treaty.deadlines.map((d: { party: string }) => d.party).sort()).toEqual(["RU", "US"]);
  });

  const bad: Array<[string, number, Parameters<typeof sampleEvent>[1]]> = [
    ["an impossible date", 400, { body: eventInput({ date: "2019-02-30" }) }],
    ["an event without sources", 400, { body: eventInput({ sources: [] }) }],
    ["a source that is not http(s)", 400, { body: eventInput({ sources: [{ url: "javascript:alert(1)" }] }) }],
    ["a wrong type", 400, { body: eventInput({ type: "coup" }) }],
    ["a title that is a number", 400, { body: eventInput({ title: 42 }) }],
    ["an unknown field", 400, { body: eventInput({ mood: "grim" }) }],
    ["a client-chosen id", 400, { body: eventInput({ id: "mine" }) }],
    ["control characters", 400, { body: eventInput({ title: "bell\u0007" }) }],
    ["malformed JSON", 400, { rawBody: '{"date": "2019-02-02",' }],
    ["an empty body", 400, { rawBody: "" }],
    ["deeply nested JSON", 400, { rawBody: `${"[".repeat(50)}${"]".repeat(50)}` }],
    ["an oversized body", 413, { body: eventInput({ description: "x".repeat(40_000) }) }],
    ["a party the treaty does not have", 422, { body: eventInput({ party: "FR" }) }],
    ["an ultimatum detail on a notice", 400, { body: eventInput({ ultimatum: { period: { days: 60 } } }) }],
    [
      "a negative ultimatum period",
      400,
      { body: eventInput({ type: "ultimatum", ultimatum: { period: { days: -1 } } }) },
    ],
    ["an empty ultimatum period", 400, { body: eventInput({ type: "ultimatum", ultimatum: { period: {} } }) }],
    ["no API key", 401, { body: eventInput(), withKey: false }],
    ["a wrong API key", 401, { body: eventInput(), withKey: false, headers: { "x-api-key": "guess" } }],
    ["a text/plain body", 415, { body: eventInput(), headers: { "content-type": "text/plain" } }],
  ];

  it.each(bad)("refuses %s with a %i problem and stores nothing", async (_what, status, change) => {
    const treatyId = await givenTreaty();
    const before = await snapshot(treatyId);
    const answer = await addEvent(treatyId, change);
    expect(answer.status).toBe(status);
    expect(answer.headers["content-type"]).toBe("application/problem+json");
    expect(answer.body).toMatchObject({ status, title: expect.any(String), detail: expect.any(String) });
    expect(await snapshot(treatyId)).toEqual(before);
  });

  it("accepts Authorization: Bearer as well as x-api-key", async () => {
    const treatyId = await givenTreaty();
    const event = sampleEvent("add-event.json", { path: { treatyId }, body: eventInput() });
    const key = event.headers["x-api-key"];
    delete event.headers["x-api-key"];
    event.headers.authorization = `Bearer ${key}`;
    expect((await call(handler, event)).status).toBe(201);
  });

  it("answers 404 for an unknown treaty and stores nothing", async () => {
    const treatyId = uniqueId("absent");
    const answer = await addEvent(treatyId, { body: eventInput() });
    expect(answer.status).toBe(404);
    const { Count } = await dynamo.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: "PK = :pk",
        ExpressionAttributeValues: { ":pk": { S: treatyKey(treatyId).PK } },
        ConsistentRead: true,
      }),
    );
    expect(Count).toBe(0);
  });
});
