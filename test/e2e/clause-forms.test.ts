/**
 * Each clause form over HTTP, as a newsroom would meet it: create the real treaty (from the catalogue in
 * data/treaties, under a fresh id), add the real notice, read the exit date and its explanation.
 */
import { describe, expect, inject, it } from "vitest";
import { CLAUSE_EXAMPLES, exampleEvent } from "#http/clause-examples";
import { uniqueId } from "../support/lambda.ts";

const base = inject("apiUrl");
const key = inject("apiKey");

// biome-ignore lint/suspicious/noExplicitAny: tests read answers loosely and assert on them
type Body = any;

async function send(
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; type: string | null; body: Body }> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { "x-api-key": key, "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  const type = response.headers.get("content-type");
  return { status: response.status, type, body: type?.includes("json") ? JSON.parse(text) : text };
}

/** Creates the example's treaty under a fresh id and adds its real notice; returns the new id. */
async function givenExample(form: string, change: Record<string, unknown> = {}): Promise<string> {
  const example = CLAUSE_EXAMPLES.find((e) => e.form === form);
  if (example === undefined) throw new Error(`no example ${form}`);
  const id = uniqueId();
  const created = await send("POST", "/treaties", { ...example.file.treaty, id });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const { id: _id, ...notice } = exampleEvent(example);
  const added = await send("POST", `/treaties/${id}/events`, { ...notice, ...change });
  expect(added.status, JSON.stringify(added.body)).toBe(201);
  return id;
}

async function exitOf(treatyId: string, kind = "withdrawal_effective"): Promise<Body> {
  const answer = await send("GET", `/treaties/${treatyId}/deadlines`);
  expect(answer.status).toBe(200);
  const found = answer.body.deadlines.filter((d: Body) => d.kind === kind);
  expect(found).toHaveLength(1);
  return found[0];
}

describe("clause forms over HTTP", () => {
  it("counts the Philippines' Rome Statute exit from the day the UN received the note: 17 March 2019", async () => {
    const id = await givenExample("counted-from-receipt");
    const exit = await exitOf(id);
    expect(exit).toMatchObject({ date: "2019-03-17", party: "PH" });
    expect(exit.basis.explanation).toContain("Notice dated 15 March 2018, received on 17 March 2018.");
    const countdown = await send("GET", `/treaties/${id}/days-until-exit?asOf=2019-03-01`);
    expect(countdown.body).toMatchObject({ exitDate: "2019-03-17", daysUntil: 16, status: "pending" });
  });

  it("answers 1 July 2021 for a notice received in March 2021 under the Istanbul Convention's Article 80", async () => {
    const id = await givenExample("period-then-first-of-month");
    const whatIf = await send("GET", `/treaties/${id}/days-until-exit?noticeOn=2021-03-22&party=TR&asOf=2021-03-22`);
    expect(whatIf.body).toMatchObject({ exitDate: "2021-07-01", whatIf: true, daysUntil: 101 });
    expect(whatIf.body.basis.explanation).toContain("the first day of the following month is 1 July 2021");
  });

  it("puts the US exit from UNESCO on 31 December 2018", async () => {
    const id = await givenExample("end-of-year");
    expect((await exitOf(id)).date).toBe("2018-12-31");
  });

  it("takes the 7 November 2023 named in Russia's CFE notice", async () => {
    const id = await givenExample("later-date-in-notice");
    const exit = await exitOf(id);
    expect(exit.date).toBe("2023-11-07");
    expect(exit.basis.explanation).toContain("The notification names a later date, 7 November 2023");
  });

  it("dates the first US Paris exit 4 November 2020, notice given on its first eligible day", async () => {
    const id = await givenExample("earliest-notice-per-party");
    const exit = await exitOf(id);
    expect(exit.date).toBe("2020-11-04");
    const early = await send("GET", `/treaties/${id}/days-until-exit?noticeOn=2019-11-03&party=US`);
    expect(early.status).toBe(422);
    expect(early.type).toContain("application/problem+json");
    expect(early.body.detail).toContain("from 4 November 2019");
  });

  it("finds Brazil's ILO 158 denunciation in the first window and lists the windows as deadlines", async () => {
    const id = await givenExample("denunciation-windows");
    expect((await exitOf(id)).date).toBe("1997-11-20");
    const deadlines = (await send("GET", `/treaties/${id}/deadlines`)).body.deadlines;
    expect(deadlines.filter((d: Body) => d.kind === "notice_window_opens")[0].date).toBe("1995-11-23");
  });

  it("ends the Ukraine-Russia Friendship Treaty on 1 April 2019", async () => {
    const id = await givenExample("renewing-term");
    const exit = await exitOf(id);
    expect(exit.date).toBe("2019-04-01");
    const text = await send("GET", `/treaties/${id}/days-until-exit?asOf=2019-03-01&format=text`);
    expect(text.body).toContain("takes effect in 31 days, on April 1, 2019");
  });

  it("binds the US to the Paris Agreement again on 19 February 2021", async () => {
    const id = await givenExample("entry-into-force-for-a-party");
    expect(await exitOf(id, "party_bound")).toMatchObject({ date: "2021-02-19", party: "US" });
    const parties = await send("GET", `/treaties/${id}/parties?asOf=2021-02-01`);
    expect(parties.body.parties.find((p: Body) => p.party === "US")).toMatchObject({
      status: "not_yet_bound",
      date: "2021-02-19",
    });
  });

  it("applies the US's own WHO terms: 22 January 2026", async () => {
    const id = await givenExample("party-own-terms");
    const exit = await exitOf(id);
    expect(exit.date).toBe("2026-01-22");
    expect(exit.basis.article).toContain("United States' terms");
  });

  it("shows North Korea's NPT exit contested, with both dates", async () => {
    const id = await givenExample("contested-exit");
    expect(await exitOf(id)).toMatchObject({ date: "2003-04-10", contested: true, claimedDate: "2003-01-11" });
    const countdown = await send("GET", `/treaties/${id}/days-until-exit?asOf=2003-02-01`);
    expect(countdown.body).toMatchObject({ exitDate: "2003-04-10", contested: true, claimedDate: "2003-01-11" });
    const parties = await send("GET", `/treaties/${id}/parties?asOf=2003-02-01`);
    expect(parties.body.parties.find((p: Body) => p.party === "KP")).toMatchObject({
      status: "notice_given",
      contested: true,
      claimedDate: "2003-01-11",
    });
  });

  it("refuses malformed clauses and notice details with a 4xx problem+json naming the field, and stores nothing", async () => {
    const treaty = CLAUSE_EXAMPLES.find((e) => e.form === "end-of-year")?.file.treaty as Body;
    const id = uniqueId();
    const clause = treaty.withdrawal;
    // A clause of the wrong shape is a 400; one of the right shape that says two things at once is a 422.
    const bad = [
      [{ ...clause, takesEffect: { kind: "end_of_year", yearsAfter: -1 } }, 400, "withdrawal.takesEffect"],
      [{ ...clause, noticePeriod: { months: 6 } }, 422, "withdrawal.takesEffect"],
      [{ ...clause, takesEffect: { kind: "sometime" } }, 400, "withdrawal.takesEffect"],
      [{ ...clause, counting: "arrival" }, 400, "withdrawal.counting"],
    ] as const;
    for (const [withdrawal, status, field] of bad) {
      const answer = await send("POST", "/treaties", { ...treaty, id, withdrawal });
      expect(answer.status, JSON.stringify(withdrawal)).toBe(status);
      expect(answer.type).toContain("application/problem+json");
      expect(answer.body.errors.map((e: Body) => e.path).join(" ")).toContain(field);
    }
    expect((await send("GET", `/treaties/${id}`)).status).toBe(404);

    const treatyId = await givenExample("contested-exit");
    const before = (await send("GET", `/treaties/${treatyId}/history`)).body;
    for (const [change, field, status] of [
      [{ receivedOn: "2003-01-09" }, "receivedOn", 422],
      [{ type: "statement", effectiveOn: "2003-05-01" }, "effectiveOn", 422],
      [{ effectiveOn: "2003-01-10" }, "effectiveOn", 422],
      [{ claimedEffectiveOn: "2003-13-01" }, "claimedEffectiveOn", 400],
    ] as const) {
      const answer = await send("POST", `/treaties/${treatyId}/events`, {
        date: "2003-01-10",
        type: "withdrawal_notice",
        party: "KP",
        title: "Another notice",
        sources: [{ url: "https://example.org/" }],
        ...change,
      });
      expect(answer.status, JSON.stringify(change)).toBe(status);
      expect(answer.type).toContain("application/problem+json");
      expect(answer.body.errors.map((e: Body) => e.path)).toContain(field);
    }
    expect((await send("GET", `/treaties/${treatyId}/history`)).body).toEqual(before);
  });
});
