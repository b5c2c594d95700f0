import { describe, expect, it } from "vitest";
import { handler } from "../../functions/days-until-exit.ts";
import { givenEvent, givenTreaty } from "../support/fixtures.ts";
import { call, sampleEvent } from "../support/lambda.ts";

const daysUntilExit = (treatyId: string, query: Record<string, string>) =>
  call(handler, sampleEvent("days-until-exit.json", { path: { treatyId }, query }));

describe("days until exit (in-process against DynamoDB Local)", () => {
  it("counts 29 days and 21 weekdays from 4 July 2019 to the US exit from the INF Treaty", async () => {
    const answer = await daysUntilExit("inf", { asOf: "2019-07-04" });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      treatyId: "inf",
      party: "US",
      asOf: "2019-07-04",
      timeZone: "UTC",
      exitDate: "2019-08-02",
      daysUntil: 29,
      businessDaysUntil: 21,
      status: "pending",
    });
    expect(answer.body.basis.article).toContain("Article XV(2)");
    expect(answer.body.basis.explanation).toBe(
      "Notice delivered on 2 February 2019. Article XV(2): withdrawal takes effect six months after notice. 2 February 2019 + 6 months = 2 August 2019.",
    );
  });

  it("says the INF Treaty ended 152 days before 1 January 2020, when the U.S. withdrawal took effect", async () => {
    const answer = await daysUntilExit("inf", { asOf: "2020-01-01" });
    expect(answer.body).toMatchObject({
      daysUntil: -152,
      status: "ended",
      exitDate: "2019-08-02",
      parties: ["US"],
      treatyEnded: { date: "2019-08-02", reason: "withdrawal" },
    });
    expect(answer.body.basis.explanation).toContain("a treaty between two parties ends when either leaves");
  });

  it("says a party's exit passed 10 days before, while the treaty stands", async () => {
    const answer = await daysUntilExit("cfe", { asOf: "2023-11-17" });
    expect(answer.body).toMatchObject({ daysUntil: -10, status: "passed", exitDate: "2023-11-07", parties: ["RU"] });
  });

  it("says today on the day the exit takes effect", async () => {
    const answer = await daysUntilExit("inf", { asOf: "2019-08-02" });
    expect(answer.body).toMatchObject({ daysUntil: 0, status: "today" });
  });

  it("answers what-if: notice on 26 November 2026 would take effect on 26 May 2027", async () => {
    const answer = await daysUntilExit("inf", { asOf: "2026-11-26", noticeOn: "2026-11-26" });
    expect(answer.body).toMatchObject({ exitDate: "2027-05-26", daysUntil: 181, whatIf: true, status: "pending" });
    expect(answer.body.basis.explanation).toContain("26 November 2026");
  });

  it("reads the as-of instant in the newsroom's time zone", async () => {
    const instant = "2019-08-01T23:30:00-04:00";
    const newYork = await daysUntilExit("inf", { asOf: instant, tz: "America/New_York" });
    const moscow = await daysUntilExit("inf", { asOf: instant, tz: "Europe/Moscow" });
    expect(newYork.body).toMatchObject({ asOf: "2019-08-01", daysUntil: 1, timeZone: "America/New_York" });
    expect(moscow.body).toMatchObject({ asOf: "2019-08-02", daysUntil: 0, status: "today" });
  });

  it("echoes tz=america/new_york as the database spells it, America/New_York", async () => {
    const answer = await daysUntilExit("inf", { asOf: "2019-08-01T23:30:00-04:00", tz: "america/new_york" });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ asOf: "2019-08-01", timeZone: "America/New_York" });
  });

  it("counts the ABM exit from the 13 December 2001 notice", async () => {
    const answer = await daysUntilExit("abm", { asOf: "2002-06-01" });
    expect(answer.body).toMatchObject({ exitDate: "2002-06-13", daysUntil: 12, party: "US" });
  });

  it("answers status none with a null exit date for a treaty with no notice on record", async () => {
    const treatyId = await givenTreaty();
    const answer = await daysUntilExit(treatyId, { asOf: "2019-07-04" });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ status: "none", exitDate: null, daysUntil: null });
  });

  it("follows a notice added a moment ago", async () => {
    const treatyId = await givenTreaty();
    await givenEvent(treatyId, { date: "2019-02-02", type: "withdrawal_notice", party: "US" });
    const answer = await daysUntilExit(treatyId, { asOf: "2019-07-04" });
    expect(answer.body).toMatchObject({ exitDate: "2019-08-02", daysUntil: 29 });
  });

  it.each([
    [{ asOf: "2019-02-30" }, "2019-02-30"],
    [{ asOf: "yesterday" }, "asOf"],
    [{ tz: "Mars/Olympus" }, "Mars/Olympus"],
    [{ noticeOn: "2019-13-01" }, "noticeOn"],
    [{ asOf: "2019-07-04T10:00:00" }, "asOf"],
    [{ asOf: "0019-07-04" }, "1800 or later"],
    [{ asOf: "1799-12-31T23:00:00Z" }, "1800 or later"],
    [{ asof: "2019-07-04" }, "asof"],
  ])("refuses %j with a 400 problem that names the value", async (query, named) => {
    const answer = await daysUntilExit("inf", query as Record<string, string>);
    expect(answer.status).toBe(400);
    expect(answer.headers["content-type"]).toBe("application/problem+json");
    expect(JSON.stringify(answer.body)).toContain(named);
  });

  it("refuses a party the treaty does not have", async () => {
    const answer = await daysUntilExit("inf", { party: "FR" });
    expect(answer.status).toBe(422);
    expect(answer.body.detail).toContain("US, RU");
  });

  it("answers 404 problem+json for an unknown treaty", async () => {
    const answer = await daysUntilExit("no-such-treaty", {});
    expect(answer.status).toBe(404);
    expect(answer.body).toMatchObject({ status: 404, title: "Not found" });
  });
});
