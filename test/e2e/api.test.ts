import { describe, expect, inject, it } from "vitest";
import { eventInput, treatyInput, uniqueId } from "../support/lambda.ts";

/** Over HTTP, against the API that the global setup started with serverless-offline. */
const base = inject("apiUrl");
const key = inject("apiKey");

interface Answer {
  status: number;
  type: string | null;
  // biome-ignore lint/suspicious/noExplicitAny: tests read answers loosely and assert on them
  body: any;
}

async function get(path: string): Promise<Answer> {
  const response = await fetch(`${base}${path}`);
  return { status: response.status, type: response.headers.get("content-type"), body: await response.json() };
}

async function post(
  path: string,
  body: unknown,
  headers: Record<string, string> = { "x-api-key": key },
): Promise<Answer> {
  const response = await fetch(`${base}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return { status: response.status, type: response.headers.get("content-type"), body: await response.json() };
}

describe("the API over HTTP", () => {
  it("answers GET /treaties/inf with the seeded treaty", async () => {
    const answer = await get("/treaties/inf");
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ id: "inf", shortName: "INF Treaty", signedOn: "1987-12-08" });
  });

  it("counts 29 days and 21 weekdays from 4 July 2019 to the US exit, citing Article XV(2)", async () => {
    const answer = await get("/treaties/inf/days-until-exit?asOf=2019-07-04");
    expect(answer.body).toMatchObject({
      exitDate: "2019-08-02",
      daysUntil: 29,
      businessDaysUntil: 21,
      status: "pending",
      basis: { article: "INF Treaty, Article XV(2)" },
    });
  });

  it("says the INF Treaty ended 152 days before 1 January 2020, and answers the 2026 what-if with a warning", async () => {
    expect((await get("/treaties/inf/days-until-exit?asOf=2020-01-01")).body).toMatchObject({
      daysUntil: -152,
      status: "ended",
      treatyEnded: { date: "2019-08-02", reason: "withdrawal" },
    });
    const whatIf = (await get("/treaties/inf/days-until-exit?noticeOn=2026-11-26")).body;
    expect(whatIf).toMatchObject({ exitDate: "2027-05-26", treatyEnded: { date: "2019-08-02" } });
    expect(whatIf.basis.warnings.join(" ")).toContain("It is no longer in force");
  });

  it("walks the INF history two at a time from 1987-12-08 to 2019-08-02, each event once", async () => {
    const ids: string[] = [];
    const dates: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : "";
      const page = await get(`/treaties/inf/history?limit=2${query}`);
      expect(page.status).toBe(200);
      for (const event of page.body.events) {
        ids.push(event.id);
        dates.push(event.date);
        expect(event.sources.length).toBeGreaterThan(0);
      }
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(new Set(ids).size).toBe(ids.length);
    expect(dates[0]).toBe("1987-12-08");
    expect(dates.at(-1)).toBe("2019-08-02");
  });

  it("changes days-until-exit on the next call after a notice is added through the API", async () => {
    const id = uniqueId();
    expect((await post("/treaties", treatyInput(id))).status).toBe(201);
    expect((await get(`/treaties/${id}/days-until-exit?asOf=2026-11-26`)).body.status).toBe("none");
    const added = await post(`/treaties/${id}/events`, eventInput({ date: "2026-11-20" }));
    expect(added.status).toBe(201);
    const after = await get(`/treaties/${id}/days-until-exit?asOf=2026-11-26`);
    expect(after.body).toMatchObject({ exitDate: "2027-05-20", daysUntil: 175, status: "pending" });
  });

  it("answers bad requests with problem+json and no change", async () => {
    const id = uniqueId();
    await post("/treaties", treatyInput(id));
    const cases = [
      await post(`/treaties/${id}/events`, eventInput(), {}),
      await post(`/treaties/${id}/events`, "{not json", { "x-api-key": key }),
      await post(`/treaties/${id}/events`, eventInput({ date: "2019-02-30" })),
      await post(`/treaties/${id}/events`, eventInput({ sources: [] })),
      await get(`/treaties/${id}/days-until-exit?tz=Mars/Olympus`),
      await get(`/treaties/${id}/history?cursor=forged`),
      await get("/treaties/unknown-treaty"),
    ];
    expect(cases.map((c) => c.status)).toEqual([401, 400, 400, 400, 400, 400, 404]);
    for (const c of cases) expect(c.type).toBe("application/problem+json");
    expect((await get(`/treaties/${id}`)).body).toMatchObject({ eventCount: 0, version: 1 });
  });

  it("serves the OpenAPI document", async () => {
    const answer = await get("/openapi.json");
    expect(answer.body.openapi).toBe("3.1.0");
  });
});
