/**
 * Each clause form over HTTP, as a newsroom would meet it: create the real treaty (from the catalogue in
 * data/treaties, under a fresh id), add the real notice, read the exit date and its explanation. Through the
 * typed client (test/client): a request the OpenAPI document does not allow fails the type check, and an
 * answer it does not declare fails the test.
 */
import { describe, expect, inject, it } from "vitest";
import { CLAUSE_EXAMPLES, exampleEvent } from "#http/clause-examples";
import { apiClient, type Schemas } from "../client/index.ts";
import { uniqueId } from "../support/lambda.ts";

const api = apiClient(inject("apiUrl"), inject("apiKey"));

type DeadlineKind = Schemas["Deadline"]["kind"];

function exampleOf(form: string) {
  const example = CLAUSE_EXAMPLES.find((e) => e.form === form);
  if (example === undefined) throw new Error(`no example ${form}`);
  // The catalogue's files are typed loosely; the seed checks each against the request schemas.
  return {
    treaty: example.file.treaty as unknown as Schemas["TreatyInput"],
    notice: exampleEvent(example) as unknown as Schemas["EventInput"] & { id?: string },
  };
}

/** Creates the example's treaty under a fresh id and adds its real notice; returns the new id. */
async function givenExample(form: string, change: Partial<Schemas["EventInput"]> = {}): Promise<string> {
  const { treaty, notice } = exampleOf(form);
  const id = uniqueId();
  const created = await api.POST("/treaties", { body: { ...treaty, id } });
  expect(created.response.status, JSON.stringify(created.error)).toBe(201);
  expect(created.data).toMatchObject({ id, version: 1 });
  const { id: _id, ...fields } = notice;
  const added = await api.POST("/treaties/{treatyId}/events", {
    params: { path: { treatyId: id } },
    body: { ...fields, ...change },
  });
  expect(added.response.status, JSON.stringify(added.error)).toBe(201);
  expect(added.data).toMatchObject({ treatyId: id, version: 1, date: fields.date });
  return id;
}

async function exitOf(treatyId: string, kind: DeadlineKind = "withdrawal_effective"): Promise<Schemas["Deadline"]> {
  const { data } = await api.GET("/treaties/{treatyId}/deadlines", { params: { path: { treatyId } } });
  const found = (data?.deadlines ?? []).filter((d) => d.kind === kind);
  expect(found).toHaveLength(1);
  const [deadline] = found;
  if (!deadline) throw new Error(`no ${kind} deadline`);
  return deadline;
}

async function countdownOf(treatyId: string, query: { asOf?: string; noticeOn?: string; party?: string }) {
  return api.GET("/treaties/{treatyId}/days-until-exit", { params: { path: { treatyId }, query } });
}

describe("clause forms over HTTP", () => {
  it("counts the Philippines' Rome Statute exit from the day the UN received the note: 17 March 2019", async () => {
    const id = await givenExample("counted-from-receipt");
    const exit = await exitOf(id);
    expect(exit).toMatchObject({ date: "2019-03-17", party: "PH" });
    expect(exit.basis.explanation).toContain("Notice dated 15 March 2018, received on 17 March 2018.");
    const { data } = await countdownOf(id, { asOf: "2019-03-01" });
    expect(data).toMatchObject({ exitDate: "2019-03-17", daysUntil: 16, status: "pending" });
  });

  it("answers 1 July 2021 for a notice received in March 2021 under the Istanbul Convention's Article 80", async () => {
    const id = await givenExample("period-then-first-of-month");
    const { data } = await countdownOf(id, { noticeOn: "2021-03-22", party: "TR", asOf: "2021-03-22" });
    expect(data).toMatchObject({ exitDate: "2021-07-01", whatIf: true, daysUntil: 101 });
    expect(data?.basis?.explanation).toContain("the first day of the following month is 1 July 2021");
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
    const early = await countdownOf(id, { noticeOn: "2019-11-03", party: "US" });
    expect(early.response.status).toBe(422);
    expect(early.response.headers.get("content-type")).toContain("application/problem+json");
    expect(early.error?.detail).toContain("from 4 November 2019");
  });

  it("finds Brazil's ILO 158 denunciation in the first window and lists the windows as deadlines", async () => {
    const id = await givenExample("denunciation-windows");
    expect((await exitOf(id)).date).toBe("1997-11-20");
    const { data } = await api.GET("/treaties/{treatyId}/deadlines", { params: { path: { treatyId: id } } });
    expect(data?.deadlines.filter((d) => d.kind === "notice_window_opens")[0]?.date).toBe("1995-11-23");
  });

  it("ends the Ukraine-Russia Friendship Treaty on 1 April 2019", async () => {
    const id = await givenExample("renewing-term");
    const exit = await exitOf(id);
    expect(exit.date).toBe("2019-04-01");
    const { data } = await api.GET("/treaties/{treatyId}/days-until-exit", {
      params: { path: { treatyId: id }, query: { asOf: "2019-03-01", format: "text" } },
      parseAs: "text",
    });
    expect(data).toContain("takes effect in 31 days, on April 1, 2019");
  });

  it("binds the US to the Paris Agreement again on 19 February 2021", async () => {
    const id = await givenExample("entry-into-force-for-a-party");
    expect(await exitOf(id, "party_bound")).toMatchObject({ date: "2021-02-19", party: "US" });
    const { data } = await api.GET("/treaties/{treatyId}/parties", {
      params: { path: { treatyId: id }, query: { asOf: "2021-02-01" } },
    });
    expect(data?.parties.find((p) => p.party === "US")).toMatchObject({ status: "not_yet_bound", date: "2021-02-19" });
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
    const { data: countdown } = await countdownOf(id, { asOf: "2003-02-01" });
    expect(countdown).toMatchObject({ exitDate: "2003-04-10", contested: true, claimedDate: "2003-01-11" });
    const { data: parties } = await api.GET("/treaties/{treatyId}/parties", {
      params: { path: { treatyId: id }, query: { asOf: "2003-02-01" } },
    });
    expect(parties?.parties.find((p) => p.party === "KP")).toMatchObject({
      status: "notice_given",
      contested: true,
      claimedDate: "2003-01-11",
    });
  });

  it("refuses malformed clauses and notice details with a 4xx problem+json naming the field, and stores nothing", async () => {
    const { treaty } = exampleOf("end-of-year");
    const id = uniqueId();
    const clause = treaty.withdrawal;
    // A clause of the wrong shape is a 400; one of the right shape that says two things at once is a 422.
    // The bodies the document refuses are cast: sending them anyway is the point.
    type Clause = Schemas["TreatyInput"]["withdrawal"];
    const bad: Array<[unknown, number, string]> = [
      [{ ...clause, takesEffect: { kind: "end_of_year", yearsAfter: -1 } }, 400, "withdrawal.takesEffect"],
      [{ ...clause, noticePeriod: { months: 6 } }, 422, "withdrawal.takesEffect"],
      [{ ...clause, takesEffect: { kind: "sometime" } }, 400, "withdrawal.takesEffect"],
      [{ ...clause, counting: "arrival" }, 400, "withdrawal.counting"],
    ];
    for (const [withdrawal, status, field] of bad) {
      const answer = await api.POST("/treaties", { body: { ...treaty, id, withdrawal: withdrawal as Clause } });
      expect(answer.response.status, JSON.stringify(withdrawal)).toBe(status);
      expect(answer.response.headers.get("content-type")).toContain("application/problem+json");
      expect((answer.error?.errors ?? []).map((e) => e.path).join(" ")).toContain(field);
    }
    const missing = await api.GET("/treaties/{treatyId}", { params: { path: { treatyId: id } } });
    expect(missing.response.status).toBe(404);

    const treatyId = await givenExample("contested-exit");
    const history = () => api.GET("/treaties/{treatyId}/history", { params: { path: { treatyId } } });
    const before = (await history()).data;
    for (const [change, field, status] of [
      [{ receivedOn: "2003-01-09" }, "receivedOn", 422],
      [{ type: "statement", effectiveOn: "2003-05-01" }, "effectiveOn", 422],
      [{ effectiveOn: "2003-01-10" }, "effectiveOn", 422],
      [{ claimedEffectiveOn: "2003-13-01" }, "claimedEffectiveOn", 400],
    ] as const) {
      const answer = await api.POST("/treaties/{treatyId}/events", {
        params: { path: { treatyId } },
        body: {
          date: "2003-01-10",
          type: "withdrawal_notice",
          party: "KP",
          title: "Another notice",
          sources: [{ url: "https://example.org/" }],
          ...change,
        },
      });
      expect(answer.response.status, JSON.stringify(change)).toBe(status);
      expect(answer.response.headers.get("content-type")).toContain("application/problem+json");
      expect((answer.error?.errors ?? []).map((e) => e.path)).toContain(field);
    }
    expect((await history()).data).toEqual(before);
  });
});
