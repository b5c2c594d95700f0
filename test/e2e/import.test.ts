import { describe, expect, inject, it } from "vitest";
import { apiClient, type Schemas } from "../client/index.ts";
import { treatyInput, uniqueId } from "../support/lambda.ts";

/**
 * TimelineJS sheets into a treaty's history, over HTTP: a dry run's verdicts, all-or-nothing,
 * re-imports that store nothing new, and the round trip from ?format=csv into an empty treaty.
 * Through the typed client (test/client), so each verdict list is held to the document's ImportResult.
 */
const base = inject("apiUrl");
const key = inject("apiKey");
const api = apiClient(base, key);

const HEADER =
  "Year,Month,Day,Time,End Year,End Month,End Day,End Time,Display Date,Headline,Text,Media,Media Credit,Media Caption,Media Thumbnail,Type,Group,Background";

const importSheet = (treatyId: string, csv: string, query: { dryRun?: "true" | "false" } = {}) =>
  api.POST("/treaties/{treatyId}/events:import", {
    params: { path: { treatyId }, query },
    body: csv,
    bodySerializer: (sheet: string) => sheet,
    headers: { "content-type": "text/csv" },
  });

async function givenTreaty(): Promise<string> {
  const id = uniqueId("imp");
  const { data, error } = await api.POST("/treaties", { body: treatyInput(id) as Schemas["TreatyInput"] });
  if (!data) throw new Error(JSON.stringify(error));
  return id;
}

type HistoryEvent = Schemas["StoredEvent"];

async function history(treatyId: string): Promise<HistoryEvent[]> {
  const { data } = await api.GET("/treaties/{treatyId}/history", {
    params: { path: { treatyId }, query: { limit: "200" } },
  });
  if (!data || !("treatyId" in data)) throw new Error("no history page");
  return data.events;
}

const row = (cells: Partial<Record<string, string>>) =>
  HEADER.split(",")
    .map((column) => {
      const value = cells[column] ?? "";
      return /[",\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
    })
    .join(",");

const source = (url: string, label: string) => `<ul><li><a href="${url}">${label}</a></li></ul>`;

describe("TimelineJS sheet import", () => {
  it("gives a verdict per row on a dry run, naming the column, and writes nothing", async () => {
    const treatyId = await givenTreaty();
    const csv = [
      HEADER,
      row({ Headline: "Title slide", Type: "title" }),
      row({
        Year: "2019",
        Month: "2",
        Day: "2",
        Headline: "Notice",
        Text: source("https://example.org/n", "Note"),
        Group: "Statement",
      }),
      row({ Year: "2019", Month: "3", Headline: "No source", Text: "<p>Trust me.</p>", Group: "Statement" }),
      row({
        Year: "2019",
        Month: "3",
        Day: "1",
        Time: "10:00",
        Headline: "Timed",
        Text: source("https://example.org/t", "T"),
      }),
      row({ Year: "2019", "End Year": "2020", Headline: "A span", Text: source("https://example.org/s", "S") }),
      row({ Year: "-500", Headline: "Ancient", Text: source("https://example.org/a", "A") }),
      row({ Year: "2019", Month: "2", Day: "30", Headline: "No such day", Text: source("https://example.org/d", "D") }),
      row({ Year: "2019", Headline: "Gossip", Text: source("https://example.org/g", "G"), Group: "Gossip" }),
    ].join("\r\n");
    const dry = await importSheet(treatyId, csv, { dryRun: "true" });
    expect(dry.response.status).toBe(200);
    const verdicts = (dry.data?.rows ?? []).map((r) => [
      r.row,
      r.verdict,
      "problems" in r ? r.problems.map((problem) => problem.column).join(",") : undefined,
    ]);
    expect(verdicts).toEqual([
      [2, "skipped", undefined],
      [3, "store", undefined],
      [4, "refused", "Text"],
      [5, "refused", "Time"],
      [6, "refused", "End Year"],
      [7, "refused", "Year"],
      [8, "refused", "Day"],
      [9, "refused", "Group"],
    ]);
    expect(dry.data).toMatchObject({ dryRun: true, written: false, stored: 1, refused: 6 });
    expect(await history(treatyId)).toEqual([]);

    const real = await importSheet(treatyId, csv);
    expect(real.response.status).toBe(422);
    expect((real.error?.errors ?? []).map((error) => error.path)).toContain("rows.9.Group");
    expect(await history(treatyId)).toEqual([]);
  });

  it("round-trips a treaty's ?format=csv into an empty treaty, and a second import stores nothing new", async () => {
    const from = await givenTreaty();
    const events: Schemas["EventInput"][] = [
      {
        date: "1991-05",
        type: "statement",
        title: "Inspections <script>alert(1)</script> end",
        sources: [{ url: "https://example.org/a", title: "Report A" }],
      },
      {
        date: "2019-02-02",
        type: "withdrawal_announced",
        title: "=SUM(A1) is not a formula",
        description: "First paragraph & more.\n\nSecond one,\nwith a break.",
        sources: [{ url: "https://example.org/b", title: "Statement" }, { url: "https://www.example.net/c" }],
      },
      { date: "2020", type: "other", title: "A year only", sources: [{ url: "https://example.org/d", title: "D" }] },
    ];
    for (const event of events) {
      const added = await api.POST("/treaties/{treatyId}/events", {
        params: { path: { treatyId: from } },
        body: event,
      });
      expect(added.response.status, JSON.stringify(added.error)).toBe(201);
    }
    const { data: csv = "" } = await api.GET("/treaties/{treatyId}/history", {
      params: { path: { treatyId: from }, query: { format: "csv" } },
      parseAs: "text",
    });

    const to = await givenTreaty();
    const first = await importSheet(to, csv);
    expect(first.response.status, JSON.stringify(first.error)).toBe(201);
    expect(first.data).toMatchObject({ written: true, stored: 3, alreadyStored: 0, refused: 0 });

    const shape = (list: HistoryEvent[]) =>
      list.map(({ date, type, title, description, sources }) => ({ date, type, title, description, sources }));
    expect(shape(await history(to))).toEqual(shape(await history(from)));

    const again = await importSheet(to, csv);
    expect(again.response.status).toBe(200);
    expect(again.data).toMatchObject({ written: false, stored: 0, alreadyStored: 3 });
    expect(await history(to)).toHaveLength(3);
  });

  it("refuses a sheet of more than 40 new events, saying why, and stores none of it", async () => {
    const treatyId = await givenTreaty();
    const rows = Array.from({ length: 41 }, (_, i) =>
      row({
        Year: String(1950 + i),
        Headline: `Event ${i}`,
        Text: source(`https://example.org/${i}`, `S${i}`),
        Group: "Statement",
      }),
    );
    const answer = await importSheet(treatyId, [HEADER, ...rows].join("\r\n"));
    expect(answer.response.status).toBe(413);
    expect(answer.error?.detail).toContain("at most 40");
    expect(answer.error?.detail).toContain("100 items");
    expect(await history(treatyId)).toEqual([]);
  });

  it("needs a key and a CSV body", async () => {
    const treatyId = await givenTreaty();
    const keyless = await fetch(`${base}/treaties/${treatyId}/events:import`, {
      method: "POST",
      headers: { "content-type": "text/csv" },
      body: HEADER,
    });
    expect(keyless.status).toBe(401);
    // A JSON body where the document takes text/csv: sent raw, since the typed client would not send it.
    const json = await fetch(`${base}/treaties/${treatyId}/events:import`, {
      method: "POST",
      headers: { "x-api-key": key, "content-type": "application/json" },
      body: "{}",
    });
    expect(json.status).toBe(415);
    expect(json.headers.get("content-type")).toBe("application/problem+json");
  });
});
