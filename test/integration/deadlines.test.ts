import { describe, expect, it } from "vitest";
import { handler as upcomingDeadlines } from "../../functions/upcoming-deadlines.ts";
import { givenEvent, givenTreaty } from "../support/fixtures.ts";
import { call, sampleEvent } from "../support/lambda.ts";

const window = (query: Record<string, string>) =>
  call(upcomingDeadlines, sampleEvent("upcoming-deadlines.json", { query }));

describe("deadlines across treaties (in-process against DynamoDB Local)", () => {
  it("lists the 2019 deadlines of every treaty, soonest first", async () => {
    const answer = await window({ from: "2019-01-01", to: "2019-12-31" });
    expect(answer.status).toBe(200);
    const rows = answer.body.deadlines as Array<{ treatyId: string; date: string; kind: string }>;
    expect(rows).toContainEqual(
      expect.objectContaining({ treatyId: "inf", date: "2019-08-02", kind: "withdrawal_effective" }),
    );
    expect(rows).toContainEqual(
      expect.objectContaining({ treatyId: "inf", date: "2019-02-02", kind: "ultimatum_end" }),
    );
    expect(rows.map((r) => r.date)).toEqual([...rows.map((r) => r.date)].sort());
  });

  it("moves a treaty's deadline in the index when a later notice replaces it", async () => {
    const treatyId = await givenTreaty();
    await givenEvent(treatyId, { date: "2031-01-10" });
    const first = await window({ from: "2031-01-01", to: "2031-12-31" });
    expect(first.body.deadlines.filter((d: { treatyId: string }) => d.treatyId === treatyId)).toHaveLength(1);
    await givenEvent(treatyId, { date: "2031-03-01", type: "notice_retracted", title: "Retracted" });
    const after = await window({ from: "2031-01-01", to: "2031-12-31" });
    expect(after.body.deadlines.filter((d: { treatyId: string }) => d.treatyId === treatyId)).toHaveLength(0);
  });

  it.each([
    [{ from: "2020-01-01", to: "2019-01-01" }],
    [{ from: "1900-01-01", to: "2100-01-01" }],
    [{ from: "2019-02-30" }],
  ])("refuses the window %j with 400", async (query) => {
    const answer = await window(query);
    expect(answer.status).toBe(400);
    expect(answer.headers["content-type"]).toBe("application/problem+json");
  });
});
