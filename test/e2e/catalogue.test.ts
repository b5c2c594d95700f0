/**
 * The catalogue a newsroom gets on first start, over HTTP: every seeded treaty answers every read, the exits still
 * ahead are listed, and each party's status comes out as a sheet a graphics desk can chart. Through the typed
 * client (test/client), so every answer is also held to the OpenAPI document's exact schemas.
 */
import { parse } from "csv-parse/sync";
import { describe, expect, inject, it } from "vitest";
import { readSeedFiles } from "../../scripts/local/seed-data.ts";
import { apiClient } from "../client/index.ts";

const api = apiClient(inject("apiUrl"));
const seeded = readSeedFiles().map(({ treaty }) => treaty.id);
const asOf = "2026-11-30";

describe("the seeded catalogue over HTTP", () => {
  it("lists every seeded treaty in the catalogue, a page at a time", async () => {
    const ids: string[] = [];
    let cursor: string | undefined;
    do {
      const { data, error } = await api.GET("/treaties", { params: { query: { limit: "5", cursor } } });
      if (!data) throw new Error(JSON.stringify(error));
      ids.push(...data.treaties.map((treaty) => treaty.id));
      cursor = data.nextCursor ?? undefined;
    } while (cursor);
    expect(ids).toEqual(expect.arrayContaining(seeded));
  });

  it.each(seeded)(
    "answers every read for %s: the treaty, its countdown, its parties, its calendar and its embed",
    async (treatyId) => {
      const path = { treatyId };
      const answers = [
        await api.GET("/treaties/{treatyId}", { params: { path } }),
        await api.GET("/treaties/{treatyId}/deadlines", { params: { path } }),
        await api.GET("/treaties/{treatyId}/days-until-exit", { params: { path, query: { asOf } } }),
        await api.GET("/treaties/{treatyId}/days-until-exit", {
          params: { path, query: { asOf, format: "text" } },
          parseAs: "text",
        }),
        await api.GET("/treaties/{treatyId}/parties", { params: { path, query: { asOf } } }),
        await api.GET("/treaties/{treatyId}/calendar.ics", { params: { path }, parseAs: "text" }),
        await api.GET("/treaties/{treatyId}/embed", { params: { path, query: { asOf } }, parseAs: "text" }),
        await api.GET("/treaties/{treatyId}/history", { params: { path, query: { format: "timelinejs" } } }),
      ];
      for (const { response, error } of answers) {
        expect(response.status, `${response.url}: ${JSON.stringify(error)}`).toBe(200);
      }
      const { data: treaty } = await api.GET("/treaties/{treatyId}", { params: { path } });
      const { data: deadlines } = await api.GET("/treaties/{treatyId}/deadlines", { params: { path } });
      expect(deadlines?.deadlines).toEqual(treaty?.deadlines);
    },
  );

  it("lists the exits still ahead on 30 November 2026: UNESCO's at the end of the year among them", async () => {
    const { data } = await api.GET("/deadlines", { params: { query: { from: asOf, to: "2027-12-31" } } });
    const exits = (data?.deadlines ?? []).filter((deadline) => deadline.kind === "withdrawal_effective");
    expect(exits).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ treatyId: "unesco", party: "US", date: "2026-12-31" }),
        expect.objectContaining({ treatyId: "unesco", party: "NI", date: "2026-12-31" }),
      ]),
    );
    for (const exit of exits) expect(exit.date >= asOf).toBe(true);
  });

  it("gives the Ottawa parties as a sheet: three Baltic exits on 27 December 2025 and Ukraine's suspension", async () => {
    const { data, response } = await api.GET("/treaties/{treatyId}/parties", {
      params: { path: { treatyId: "ottawa" }, query: { asOf: "2025-08-01", format: "csv" } },
      parseAs: "text",
    });
    expect(response.headers.get("content-type")).toContain("text/csv");
    const rows: Record<string, string>[] = parse(data ?? "", { columns: true });
    const byCode = Object.fromEntries(rows.map((row) => [row.Code, row]));
    for (const code of ["EE", "LV", "LT"]) {
      expect(byCode[code]).toMatchObject({ Status: "notice_given", Date: "2025-12-27" });
    }
    expect(byCode.UA).toMatchObject({ Status: "suspended" });
    const bad = await api.GET("/treaties/{treatyId}/parties", {
      // A format the document does not offer: the cast is the point.
      params: { path: { treatyId: "ottawa" }, query: { format: "xlsx" as "csv" } },
    });
    expect(bad.response.status).toBe(400);
    expect(bad.response.headers.get("content-type")).toContain("application/problem+json");
    expect(bad.error).toMatchObject({ status: 400 });
  });
});
