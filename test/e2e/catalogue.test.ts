/**
 * The catalogue a newsroom gets on first start, over HTTP: every seeded treaty answers every read, the exits still
 * ahead are listed, and each party's status comes out as a sheet a graphics desk can chart.
 */
import { parse } from "csv-parse/sync";
import { describe, expect, inject, it } from "vitest";
import { readSeedFiles } from "../../scripts/local/seed-data.ts";

const base = inject("apiUrl");
const seeded = readSeedFiles().map(({ treaty }) => treaty.id);

async function get(path: string): Promise<{ status: number; type: string | null; text: string }> {
  const response = await fetch(`${base}${path}`);
  return { status: response.status, type: response.headers.get("content-type"), text: await response.text() };
}

describe("the seeded catalogue over HTTP", () => {
  it.each(seeded)(
    "answers every read for %s: the treaty, its countdown, its parties, its calendar and its embed",
    async (id) => {
      for (const path of [
        `/treaties/${id}`,
        `/treaties/${id}/deadlines`,
        `/treaties/${id}/days-until-exit?asOf=2026-11-30`,
        `/treaties/${id}/days-until-exit?asOf=2026-11-30&format=text`,
        `/treaties/${id}/parties?asOf=2026-11-30`,
        `/treaties/${id}/calendar.ics`,
        `/treaties/${id}/embed?asOf=2026-11-30`,
        `/treaties/${id}/history?format=timelinejs`,
      ]) {
        const answer = await get(path);
        expect(answer.status, `${path}: ${answer.text.slice(0, 300)}`).toBe(200);
      }
    },
  );

  it("lists the exits still ahead on 30 November 2026: UNESCO's at the end of the year among them", async () => {
    const answer = JSON.parse((await get("/deadlines?from=2026-11-30&to=2027-12-31")).text);
    const exits = answer.deadlines.filter((d: { kind: string }) => d.kind === "withdrawal_effective");
    expect(exits).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ treatyId: "unesco", party: "US", date: "2026-12-31" }),
        expect.objectContaining({ treatyId: "unesco", party: "NI", date: "2026-12-31" }),
      ]),
    );
    for (const exit of exits) expect(exit.date >= "2026-11-30").toBe(true);
  });

  it("gives the Ottawa parties as a sheet: three Baltic exits on 27 December 2025 and Ukraine's suspension", async () => {
    const answer = await get("/treaties/ottawa/parties?asOf=2025-08-01&format=csv");
    expect(answer.type).toContain("text/csv");
    const rows: Record<string, string>[] = parse(answer.text, { columns: true });
    const byCode = Object.fromEntries(rows.map((row) => [row.Code, row]));
    for (const code of ["EE", "LV", "LT"]) {
      expect(byCode[code]).toMatchObject({ Status: "notice_given", Date: "2025-12-27" });
    }
    expect(byCode.UA).toMatchObject({ Status: "suspended" });
    const bad = await get("/treaties/ottawa/parties?format=xlsx");
    expect(bad.status).toBe(400);
    expect(bad.type).toContain("application/problem+json");
  });
});
