import { describe, expect, it } from "vitest";
import { handler } from "../../functions/list-history.ts";
import { givenEvent, givenTreaty } from "../support/fixtures.ts";
import { call, sampleEvent } from "../support/lambda.ts";

const history = (treatyId: string, query: Record<string, string> = {}) =>
  call(handler, sampleEvent("list-history.json", { path: { treatyId }, query }));

describe("history (in-process against DynamoDB Local)", () => {
  it("tells the INF story from signature on 8 December 1987 to the exit on 2 August 2019, every event sourced", async () => {
    const answer = await history("inf", { limit: "200" });
    expect(answer.status).toBe(200);
    const events = answer.body.events as Array<{ date: string; sources: unknown[] }>;
    expect(events[0]?.date).toBe("1987-12-08");
    expect(events.at(-1)?.date).toBe("2019-08-02");
    expect(events.every((event) => event.sources.length >= 1)).toBe(true);
    expect(answer.body.nextCursor).toBeNull();
  });

  it("puts the month-precise May 1991 eliminations before any full date in May 1991", async () => {
    const answer = await history("inf", { from: "1991", to: "1991" });
    expect(answer.body.events[0]?.date).toBe("1991-05");
  });

  it("visits every event exactly once when walked two at a time", async () => {
    const all = (await history("inf", { limit: "200" })).body.events.map((e: { id: string }) => e.id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await history("inf", { limit: "2", ...(cursor ? { cursor } : {}) });
      expect(page.status).toBe(200);
      expect(page.body.events.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.events.map((e: { id: string }) => e.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all);
  });

  it("walks newest first when asked", async () => {
    const answer = await history("inf", { order: "desc", limit: "1" });
    expect(answer.body.events[0]?.date).toBe("2019-08-02");
  });

  it("filters by type, party and dates", async () => {
    const answer = await history("inf", { type: "suspension,withdrawal_notice", party: "RU", from: "2019" });
    const events = answer.body.events as Array<{ type: string; party: string; date: string }>;
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((e) => e.party === "RU" && e.type === "suspension" && e.date >= "2019")).toBe(true);
  });

  it("refuses a forged cursor, and a cursor from another query", async () => {
    const forged = await history("inf", { cursor: "eyJxIjoiIiwicCI6IkVWRU5UIyJ9.AAAA" });
    expect(forged.status).toBe(400);
    expect(forged.headers["content-type"]).toBe("application/problem+json");
    const page = await history("inf", { limit: "2" });
    const foreign = await history("inf", { limit: "2", order: "desc", cursor: page.body.nextCursor });
    expect(foreign.status).toBe(400);
    const tampered = `${page.body.nextCursor.slice(0, -2)}xx`;
    expect((await history("inf", { cursor: tampered })).status).toBe(400);
  });

  it.each([
    [{ limit: "0" }],
    [{ limit: "201" }],
    [{ limit: "ten" }],
    [{ from: "2019-02-30" }],
    [{ type: "coup" }],
    [{ order: "sideways" }],
    [{ from: "2020", to: "2019" }],
    [{ colour: "blue" }],
  ])("refuses %j with 400", async (query) => {
    const answer = await history("inf", query);
    expect(answer.status).toBe(400);
    expect(answer.body.type).toMatch(/^https:\/\//);
  });

  it("answers 404 for an unknown treaty and an empty list for a treaty without events", async () => {
    expect((await history("no-such-treaty")).status).toBe(404);
    const treatyId = await givenTreaty();
    const empty = await history(treatyId);
    expect(empty.body).toEqual({ treatyId, events: [], nextCursor: null });
  });

  it("shows an event added through the API in its place in the timeline", async () => {
    const treatyId = await givenTreaty();
    await givenEvent(treatyId, { date: "2019-02-02", type: "withdrawal_notice", title: "Notice" });
    await givenEvent(treatyId, { date: "2018-10-20", type: "withdrawal_announced", title: "Announcement" });
    const answer = await history(treatyId);
    expect(answer.body.events.map((e: { title: string }) => e.title)).toEqual(["Announcement", "Notice"]);
  });
});
