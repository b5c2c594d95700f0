import { DynamoDBClient, GetItemCommand } from "@aws-sdk/client-dynamodb";
import { describe, expect, inject, it } from "vitest";
import { createApiKey } from "#store/api-keys";
import { idempotencyKey } from "#store/keys";
import { handler as addEvent } from "../../functions/add-event.ts";
import { handler as getTreaty } from "../../functions/get-treaty.ts";
import { handler as listHistory } from "../../functions/list-history.ts";
import { givenTreaty } from "../support/fixtures.ts";
import { call, eventInput, sampleEvent, uniqueId } from "../support/lambda.ts";

const post = (treatyId: string, key: string | undefined, body: unknown, headers: Record<string, string> = {}) =>
  call(
    addEvent,
    sampleEvent("add-event.json", {
      path: { treatyId },
      body,
      headers: { ...(key === undefined ? {} : { "idempotency-key": key }), ...headers },
    }),
  );

async function storedEvents(treatyId: string) {
  const history = await call(listHistory, sampleEvent("list-history.json", { path: { treatyId }, query: {} }));
  const treaty = await call(getTreaty, sampleEvent("get-treaty.json", { path: { treatyId } }));
  return { events: history.body.events as Array<{ id: string }>, eventCount: treaty.body.eventCount };
}

describe("idempotent event writes (in-process against DynamoDB Local)", () => {
  it("answers a retry with the original 201, same body and event id, and stores nothing new", async () => {
    const treatyId = await givenTreaty();
    const key = uniqueId("retry");

    const first = await post(treatyId, key, eventInput());
    const retry = await post(treatyId, key, eventInput());

    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers.location).toBe(first.headers.location);
    expect(retry.headers["idempotent-replayed"]).toBe("true");
    expect(first.headers["idempotent-replayed"]).toBeUndefined();
    expect(await storedEvents(treatyId)).toEqual({ events: [first.body], eventCount: 1 });
  });

  it("treats a retry whose JSON differs only in key order and spacing as the same request", async () => {
    const treatyId = await givenTreaty();
    const key = uniqueId("order");
    const first = await post(treatyId, key, eventInput());
    const { sources, title, ...rest } = eventInput();
    const reordered = JSON.stringify({ title: `  ${title}`, sources, ...rest }, null, 4);
    const retry = await call(
      addEvent,
      sampleEvent("add-event.json", { path: { treatyId }, rawBody: reordered, headers: { "idempotency-key": key } }),
    );
    expect(retry.status).toBe(201);
    expect(retry.body.id).toBe(first.body.id);
  });

  it("refuses the same key with a different body with 422 idempotency-key-reused, and stores nothing", async () => {
    const treatyId = await givenTreaty();
    const key = uniqueId("reuse");
    const first = await post(treatyId, key, eventInput());

    const other = await post(treatyId, key, eventInput({ date: "2019-02-03" }));

    expect(other.status).toBe(422);
    expect(other.headers["content-type"]).toBe("application/problem+json");
    expect(other.body).toMatchObject({ status: 422, type: expect.stringMatching(/\/idempotency-key-reused$/) });
    expect(await storedEvents(treatyId)).toEqual({ events: [first.body], eventCount: 1 });
  });

  it("refuses the same key and body sent to another treaty", async () => {
    const [a, b] = [await givenTreaty(), await givenTreaty()];
    const key = uniqueId("treaty");
    expect((await post(a, key, eventInput())).status).toBe(201);
    expect((await post(b, key, eventInput())).status).toBe(422);
    expect((await storedEvents(b)).events).toEqual([]);
  });

  it("stores one event when ten identical requests arrive at once", async () => {
    const treatyId = await givenTreaty();
    const key = uniqueId("burst");

    const answers = await Promise.all(Array.from({ length: 10 }, () => post(treatyId, key, eventInput())));

    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(201));
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    expect(answers.filter((a) => a.headers["idempotent-replayed"] === "true")).toHaveLength(9);
    const { events, eventCount } = await storedEvents(treatyId);
    expect(events.map((e) => e.id)).toEqual([answers[0]?.body.id]);
    expect(eventCount).toBe(1);
  });

  it("keeps the keys of different writers apart", async () => {
    const treatyId = await givenTreaty();
    const key = uniqueId("shared");
    const { key: otherWriter } = await createApiKey("Idempotency test desk");
    const mine = await post(treatyId, key, eventInput());
    const theirs = await post(treatyId, key, eventInput(), { "x-api-key": otherWriter });
    expect([mine.status, theirs.status]).toEqual([201, 201]);
    expect(theirs.body.id).not.toBe(mine.body.id);
    expect(theirs.body.createdBy).not.toBe(mine.body.createdBy);
  });

  it("does not use up a key on a refused request", async () => {
    const treatyId = await givenTreaty();
    const key = uniqueId("refused");
    expect((await post(treatyId, key, eventInput({ party: "FR" }))).status).toBe(422);
    expect((await post(treatyId, key, eventInput())).status).toBe(201);
  });

  it("keeps the record for 24 hours through the table's TTL attribute, expiresAt", async () => {
    const treatyId = await givenTreaty();
    const key = uniqueId("ttl");
    const answer = await post(treatyId, key, eventInput());
    const client = new DynamoDBClient({});
    const { Item } = await client.send(
      new GetItemCommand({
        TableName: inject("tableName"),
        Key: Object.fromEntries(
          Object.entries(idempotencyKey(answer.body.createdBy, key)).map(([name, value]) => [name, { S: value }]),
        ),
      }),
    );
    client.destroy();
    const expiresAt = Number(Item?.expiresAt?.N);
    expect(expiresAt - Date.parse(answer.body.createdAt) / 1000).toBeCloseTo(24 * 60 * 60, -1);
  });

  it.each([
    ["an empty key", ""],
    ["a key of 129 characters", "k".repeat(129)],
    ["a key with non-ASCII characters", "ключ-1"],
    ["a key with a control character", "key\u0001"],
  ])("refuses %s with 400 and stores nothing", async (_what, key) => {
    const treatyId = await givenTreaty();
    const answer = await post(treatyId, key, eventInput());
    expect(answer.status).toBe(400);
    expect(answer.headers["content-type"]).toBe("application/problem+json");
    expect((await storedEvents(treatyId)).events).toEqual([]);
  });

  it("accepts a key of 128 printable characters", async () => {
    const treatyId = await givenTreaty();
    const key = `${uniqueId("long")} ~!@#$%^&*()`.padEnd(128, "x");
    const first = await post(treatyId, key, eventInput());
    const retry = await post(treatyId, key, eventInput());
    expect([first.status, retry.status]).toEqual([201, 201]);
    expect(retry.body.id).toBe(first.body.id);
  });
});
