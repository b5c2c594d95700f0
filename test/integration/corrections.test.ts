import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { describe, expect, it } from "vitest";
import { handler as correctEvent } from "../../functions/correct-event.ts";
import { handler as daysUntilExit } from "../../functions/days-until-exit.ts";
import { handler as eventRevisions } from "../../functions/event-revisions.ts";
import { handler as getTreaty } from "../../functions/get-treaty.ts";
import { handler as listCorrections } from "../../functions/list-corrections.ts";
import { handler as listHistory } from "../../functions/list-history.ts";
import { handler as retractEvent } from "../../functions/retract-event.ts";
import { handler as treatyDeadlines } from "../../functions/treaty-deadlines.ts";
import { handler as upcomingDeadlines } from "../../functions/upcoming-deadlines.ts";
import { givenEvent, givenTreaty } from "../support/fixtures.ts";
import { call, sampleEvent } from "../support/lambda.ts";

type Change = Parameters<typeof sampleEvent>[1];

function withIfMatch(event: APIGatewayProxyEventV2, ifMatch: string | undefined): APIGatewayProxyEventV2 {
  const headers = { ...event.headers };
  delete headers["if-match"];
  if (ifMatch !== undefined) headers["if-match"] = ifMatch;
  return { ...event, headers };
}

const patch = (treatyId: string, eventId: string, ifMatch: string | undefined, change: Change) =>
  call(
    correctEvent,
    withIfMatch(sampleEvent("correct-event.json", { path: { treatyId, eventId }, ...change }), ifMatch),
  );

const retract = (treatyId: string, eventId: string, ifMatch: string | undefined, change: Change) =>
  call(
    retractEvent,
    withIfMatch(sampleEvent("retract-event.json", { path: { treatyId, eventId }, ...change }), ifMatch),
  );

const revisions = (treatyId: string, eventId: string) =>
  call(eventRevisions, sampleEvent("event-revisions.json", { path: { treatyId, eventId } }));

const corrections = (query: Record<string, string> = {}) =>
  call(listCorrections, sampleEvent("list-corrections.json", { query }));

async function snapshot(treatyId: string) {
  const treaty = await call(getTreaty, sampleEvent("get-treaty.json", { path: { treatyId } }));
  const history = await call(listHistory, sampleEvent("list-history.json", { path: { treatyId }, query: {} }));
  return { treaty: treaty.body, events: history.body.events };
}

async function deadlinesOf(treatyId: string) {
  return (await call(treatyDeadlines, sampleEvent("treaty-deadlines.json", { path: { treatyId } }))).body.deadlines;
}

const exitAsOf = async (treatyId: string, asOf: string) =>
  (await call(daysUntilExit, sampleEvent("days-until-exit.json", { path: { treatyId }, query: { asOf } }))).body;

/** A fresh treaty with a US notice on 2 February 2019: withdrawal takes effect on 2 August 2019. */
async function givenNotice(change: Record<string, unknown> = {}) {
  const treatyId = await givenTreaty();
  const notice = await givenEvent(treatyId, change);
  return { treatyId, notice };
}

describe("correcting an event (in-process against DynamoDB Local)", () => {
  it("moves the notice to 1 February and the withdrawal date to 1 August in the same write", async () => {
    const { treatyId, notice } = await givenNotice();
    expect(await deadlinesOf(treatyId)).toMatchObject([{ kind: "withdrawal_effective", date: "2019-08-02" }]);

    const answer = await patch(treatyId, notice.id, '"1"', {
      body: { reason: "The note is dated 1 February; we had the delivery date.", date: "2019-02-01" },
    });

    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ id: notice.id, date: "2019-02-01", version: 2, createdBy: notice.createdBy });
    expect(answer.body.updatedBy).toBe(notice.createdBy);
    expect(Date.parse(answer.body.updatedAt)).not.toBeNaN();
    expect(await deadlinesOf(treatyId)).toMatchObject([
      { kind: "withdrawal_effective", date: "2019-08-01", basis: { triggerDate: "2019-02-01" } },
    ]);
    expect(await exitAsOf(treatyId, "2019-07-04")).toMatchObject({ exitDate: "2019-08-01", daysUntil: 28 });
    const { treaty, events } = await snapshot(treatyId);
    expect(events.map((e: { id: string; date: string }) => [e.id, e.date])).toEqual([[notice.id, "2019-02-01"]]);
    expect(treaty.eventCount).toBe(1);
  });

  it("moves the deadline in the index of deadlines across treaties too", async () => {
    const { treatyId, notice } = await givenNotice({ date: "2033-02-02" });
    await patch(treatyId, notice.id, "1", { body: { reason: "Wrong year.", date: "2034-02-02" } });
    const window = async (from: string, to: string) =>
      (await call(upcomingDeadlines, sampleEvent("upcoming-deadlines.json", { query: { from, to } }))).body.deadlines
        .filter((d: { treatyId: string }) => d.treatyId === treatyId)
        .map((d: { date: string }) => d.date);
    expect(await window("2033-01-01", "2033-12-31")).toEqual([]);
    expect(await window("2034-01-01", "2034-12-31")).toEqual(["2034-08-02"]);
  });

  it("keeps the previous version as a revision that says who changed it, when and why", async () => {
    const { treatyId, notice } = await givenNotice();
    await patch(treatyId, notice.id, "1", { body: { reason: "Misspelt headline.", title: "U.S. gives notice" } });
    await patch(treatyId, notice.id, "2", { body: { reason: "Date of the note.", date: "2019-02-01" } });

    const answer = await revisions(treatyId, notice.id);

    expect(answer.status).toBe(200);
    expect(answer.body.current).toMatchObject({ version: 3, title: "U.S. gives notice", date: "2019-02-01" });
    expect(answer.body.revisions).toMatchObject([
      {
        version: 1,
        replacedBy: 2,
        kind: "correction",
        by: notice.createdBy,
        reason: "Misspelt headline.",
        changes: { title: { from: "The U.S. gives notice of withdrawal", to: "U.S. gives notice" } },
        event: { version: 1, title: "The U.S. gives notice of withdrawal", date: "2019-02-02" },
      },
      {
        version: 2,
        replacedBy: 3,
        reason: "Date of the note.",
        changes: { date: { from: "2019-02-02", to: "2019-02-01" } },
        event: { version: 2, title: "U.S. gives notice", date: "2019-02-02" },
      },
    ]);
    const [first, second] = answer.body.revisions;
    expect(Date.parse(first.revisedAt)).toBeLessThanOrEqual(Date.parse(second.revisedAt));
  });

  it("turns a statement into a notice, which starts a withdrawal clock", async () => {
    const { treatyId, notice } = await givenNotice({ type: "statement", title: "The U.S. says it will leave" });
    expect(await deadlinesOf(treatyId)).toEqual([]);
    const answer = await patch(treatyId, notice.id, "1", {
      body: { reason: "It was the formal notice.", type: "withdrawal_notice" },
    });
    expect(answer.status).toBe(200);
    expect(await deadlinesOf(treatyId)).toMatchObject([{ kind: "withdrawal_effective", date: "2019-08-02" }]);
  });

  it("removes an optional field given as null", async () => {
    const { treatyId, notice } = await givenNotice({ type: "statement", description: "Said in Helsinki." });
    const answer = await patch(treatyId, notice.id, "1", {
      body: { reason: "Not said in Helsinki.", description: null, party: null },
    });
    expect(answer.status).toBe(200);
    expect(answer.body).not.toHaveProperty("description");
    expect(answer.body).not.toHaveProperty("party");
  });

  it.each([["3"], ['"3"'], ['W/"3"']])("takes If-Match %s as version 3", async (ifMatch) => {
    const { treatyId, notice } = await givenNotice();
    await patch(treatyId, notice.id, "1", { body: { reason: "one", title: "Title two" } });
    await patch(treatyId, notice.id, "2", { body: { reason: "two", title: "Title three" } });
    const answer = await patch(treatyId, notice.id, ifMatch, { body: { reason: "three", title: "Title four" } });
    expect(answer.status).toBe(200);
    expect(answer.body.version).toBe(4);
  });

  it("lets exactly one of two corrections made from the same version through; the other gets 412", async () => {
    const { treatyId, notice } = await givenNotice();
    const answers = await Promise.all(
      ["2019-02-01", "2019-02-03"].map((date) => patch(treatyId, notice.id, "1", { body: { reason: "race", date } })),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 412]);
    const winner = answers.find((a) => a.status === 200)?.body;
    const { events } = await snapshot(treatyId);
    expect(events).toMatchObject([{ id: notice.id, date: winner.date, version: 2 }]);
    expect((await revisions(treatyId, notice.id)).body.revisions).toHaveLength(1);
  });

  const bad: Array<[string, number, string | undefined, Record<string, unknown> | Change]> = [
    ["a stale If-Match", 412, '"7"', { body: { reason: "late", date: "2019-02-01" } }],
    ["a missing If-Match", 428, undefined, { body: { reason: "no precondition", date: "2019-02-01" } }],
    ["an If-Match that is not a version", 400, '"abc"', { body: { reason: "r", date: "2019-02-01" } }],
    ["If-Match: *", 400, "*", { body: { reason: "r", date: "2019-02-01" } }],
    ["a missing reason", 400, "1", { body: { date: "2019-02-01" } }],
    ["an empty reason", 400, "1", { body: { reason: "  ", date: "2019-02-01" } }],
    ["a reason with no field to correct", 400, "1", { body: { reason: "nothing" } }],
    ["an impossible date", 400, "1", { body: { reason: "r", date: "2019-02-30" } }],
    ["a field that cannot be corrected", 400, "1", { body: { reason: "r", createdBy: "someone" } }],
    ["an ultimatum detail on a notice", 400, "1", { body: { reason: "r", ultimatum: { period: { days: 60 } } } }],
    ["a correction that changes nothing", 422, "1", { body: { reason: "r", date: "2019-02-02" } }],
    ["a party the treaty does not have", 422, "1", { body: { reason: "r", party: "FR" } }],
    ["no API key", 401, "1", { body: { reason: "r", date: "2019-02-01" }, withKey: false }],
    ["malformed JSON", 400, "1", { rawBody: '{"reason": ' }],
  ];

  it.each(bad)("refuses %s with a %i problem and changes nothing", async (_what, status, ifMatch, change) => {
    const { treatyId, notice } = await givenNotice();
    const before = await snapshot(treatyId);
    const answer = await patch(treatyId, notice.id, ifMatch, change as Change);
    expect(answer.status).toBe(status);
    expect(answer.headers["content-type"]).toBe("application/problem+json");
    expect(answer.body).toMatchObject({ status, detail: expect.any(String) });
    expect(await snapshot(treatyId)).toEqual(before);
    expect((await revisions(treatyId, notice.id)).body.revisions).toEqual([]);
  });

  it("tells a stale writer which version is current", async () => {
    const { treatyId, notice } = await givenNotice();
    await patch(treatyId, notice.id, "1", { body: { reason: "first", title: "Changed" } });
    const answer = await patch(treatyId, notice.id, "1", { body: { reason: "second", date: "2019-02-01" } });
    expect(answer.status).toBe(412);
    expect(answer.body.detail).toContain("version 2");
  });

  it("answers 404 for an event or treaty that does not exist", async () => {
    const { treatyId } = await givenNotice();
    const body = { reason: "r", date: "2019-02-01" };
    expect((await patch(treatyId, "no-such-event", "1", { body })).status).toBe(404);
    expect((await patch(treatyId, "not an id!", "1", { body })).status).toBe(404);
    expect((await patch("no-such-treaty", "no-such-event", "1", { body })).status).toBe(404);
    expect((await revisions(treatyId, "no-such-event")).status).toBe(404);
  });
});

describe("retracting an event (in-process against DynamoDB Local)", () => {
  it("keeps the event in the history marked retracted, with who, when and why, and drops its deadline", async () => {
    const { treatyId, notice } = await givenNotice();

    const answer = await retract(treatyId, notice.id, undefined, {
      body: { reason: "The note was never delivered." },
    });

    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      id: notice.id,
      version: 2,
      retracted: { by: notice.createdBy, reason: "The note was never delivered." },
    });
    const { treaty, events } = await snapshot(treatyId);
    expect(events).toMatchObject([{ id: notice.id, date: "2019-02-02", retracted: { reason: expect.any(String) } }]);
    expect(treaty.deadlines).toEqual([]);
    expect(treaty.eventCount).toBe(1);
    expect(await exitAsOf(treatyId, "2019-07-04")).toMatchObject({ exitDate: null, status: "none" });
    expect((await revisions(treatyId, notice.id)).body.revisions).toMatchObject([
      { version: 1, replacedBy: 2, kind: "retraction", reason: "The note was never delivered." },
    ]);
  });

  it("keeps other notices' deadlines when one is retracted", async () => {
    const { treatyId, notice } = await givenNotice();
    await givenEvent(treatyId, { party: "RU", date: "2019-03-04" });
    await retract(treatyId, notice.id, "1", { body: { reason: "Wrong party." } });
    expect(await deadlinesOf(treatyId)).toMatchObject([{ kind: "withdrawal_effective", party: "RU" }]);
  });

  it.each([
    ["a missing reason", 400, undefined, { body: {} }],
    ["no body", 400, undefined, { rawBody: "" }],
    ["a stale If-Match", 412, '"2"', { body: { reason: "r" } }],
    ["no API key", 401, undefined, { body: { reason: "r" }, withKey: false }],
  ] as Array<[string, number, string | undefined, Change]>)(
    "refuses %s with a %i problem and changes nothing",
    async (_what, status, ifMatch, change) => {
      const { treatyId, notice } = await givenNotice();
      const before = await snapshot(treatyId);
      const answer = await retract(treatyId, notice.id, ifMatch, change);
      expect(answer.status).toBe(status);
      expect(answer.headers["content-type"]).toBe("application/problem+json");
      expect(await snapshot(treatyId)).toEqual(before);
    },
  );

  it("refuses to retract or correct an event twice retracted, with 422", async () => {
    const { treatyId, notice } = await givenNotice();
    await retract(treatyId, notice.id, undefined, { body: { reason: "gone" } });
    const again = await retract(treatyId, notice.id, undefined, { body: { reason: "again" } });
    expect(again.status).toBe(422);
    expect(again.body.type).toMatch(/event-retracted$/);
    const corrected = await patch(treatyId, notice.id, "2", { body: { reason: "revive", title: "Back" } });
    expect(corrected.status).toBe(422);
  });
});

describe("the corrections page (in-process against DynamoDB Local)", () => {
  it("lists corrections and retractions across treaties, newest first, with who and why", async () => {
    const { treatyId, notice } = await givenNotice();
    await patch(treatyId, notice.id, "1", { body: { reason: "Date of the note.", date: "2019-02-01" } });
    await retract(treatyId, notice.id, "2", { body: { reason: "Never delivered." } });

    const answer = await corrections({ limit: "100" });

    expect(answer.status).toBe(200);
    const all = answer.body.corrections as Array<{ at: string; treatyId: string }>;
    expect(all.map((c) => c.at)).toEqual([...all.map((c) => c.at)].sort().reverse());
    expect(all.filter((c) => c.treatyId === treatyId)).toMatchObject([
      { kind: "retraction", eventId: notice.id, fromVersion: 2, toVersion: 3, reason: "Never delivered." },
      {
        kind: "correction",
        fromVersion: 1,
        toVersion: 2,
        by: notice.createdBy,
        title: "The U.S. gives notice of withdrawal",
        changes: { date: { from: "2019-02-02", to: "2019-02-01" } },
        revisions: `/treaties/${treatyId}/events/${notice.id}/revisions`,
      },
    ]);
  });

  it("pages with a cursor, each page older than the one before", async () => {
    const { treatyId, notice } = await givenNotice();
    await patch(treatyId, notice.id, "1", { body: { reason: "one", title: "Title two" } });
    await patch(treatyId, notice.id, "2", { body: { reason: "two", title: "Title three" } });
    const first = await corrections({ limit: "1" });
    expect(first.body.corrections).toHaveLength(1);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await corrections({ limit: "1", cursor: first.body.nextCursor });
    expect(second.status).toBe(200);
    expect(second.body.corrections).toHaveLength(1);
    const [a] = first.body.corrections;
    const [b] = second.body.corrections;
    expect(`${b.at}#${b.treatyId}#${b.eventId}` < `${a.at}#${a.treatyId}#${a.eventId}`).toBe(true);
  });

  it.each([
    [{ limit: "0" }],
    [{ limit: "101" }],
    [{ limit: "ten" }],
    [{ cursor: "bm90IGEgY3Vyc29y" }],
    [{ cursor: "%%%" }],
    [{ order: "asc" }],
  ])("refuses the query %j with 400", async (query) => {
    const answer = await corrections(query);
    expect(answer.status).toBe(400);
    expect(answer.headers["content-type"]).toBe("application/problem+json");
  });
});
