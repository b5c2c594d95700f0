import { describe, expect, inject, it } from "vitest";
import { treatyInput, uniqueId } from "../support/lambda.ts";

/**
 * TimelineJS sheets into a treaty's history, over HTTP: a dry run's verdicts, all-or-nothing,
 * re-imports that store nothing new, and the round trip from ?format=csv into an empty treaty.
 */
const base = inject("apiUrl");
const key = inject("apiKey");

const HEADER =
  "Year,Month,Day,Time,End Year,End Month,End Day,End Time,Display Date,Headline,Text,Media,Media Credit,Media Caption,Media Thumbnail,Type,Group,Background";

interface Answer {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: the test reads answers loosely and asserts on them
  body: any;
  text: string;
}

async function send(
  method: string,
  path: string,
  body?: string,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const response = await fetch(`${base}${path}`, { method, headers: { "x-api-key": key, ...headers }, body });
  const text = await response.text();
  return {
    status: response.status,
    body: /json/.test(response.headers.get("content-type") ?? "") ? JSON.parse(text) : undefined,
    text,
  };
}

const importSheet = (treatyId: string, csv: string, query = "") =>
  send("POST", `/treaties/${treatyId}/events:import${query}`, csv, { "content-type": "text/csv" });

async function givenTreaty(): Promise<string> {
  const id = uniqueId("imp");
  const answer = await send("POST", "/treaties", JSON.stringify(treatyInput(id)), {
    "content-type": "application/json",
  });
  if (answer.status !== 201) throw new Error(answer.text);
  return id;
}

interface HistoryEvent {
  date: string;
  type: string;
  title: string;
  description?: string;
  sources: Array<{ url: string; title?: string; publisher?: string }>;
}

const history = async (treatyId: string): Promise<HistoryEvent[]> =>
  (await send("GET", `/treaties/${treatyId}/history?limit=200`)).body.events;

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
    const dry = await importSheet(treatyId, csv, "?dryRun=true");
    expect(dry.status).toBe(200);
    const verdicts = dry.body.rows.map((r: { row: number; verdict: string; problems?: Array<{ column: string }> }) => [
      r.row,
      r.verdict,
      r.problems?.map((problem) => problem.column).join(","),
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
    expect(dry.body).toMatchObject({ dryRun: true, written: false, stored: 1, refused: 6 });
    expect(await history(treatyId)).toEqual([]);

    const real = await importSheet(treatyId, csv);
    expect(real.status).toBe(422);
    expect(real.body.errors.map((error: { path: string }) => error.path)).toContain("rows.9.Group");
    expect(await history(treatyId)).toEqual([]);
  });

  it("round-trips a treaty's ?format=csv into an empty treaty, and a second import stores nothing new", async () => {
    const from = await givenTreaty();
    const events = [
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
      const added = await send("POST", `/treaties/${from}/events`, JSON.stringify(event), {
        "content-type": "application/json",
      });
      expect(added.status, added.text).toBe(201);
    }
    const csv = (await send("GET", `/treaties/${from}/history?format=csv`)).text;

    const to = await givenTreaty();
    const first = await importSheet(to, csv);
    expect(first.status, first.text).toBe(201);
    expect(first.body).toMatchObject({ written: true, stored: 3, alreadyStored: 0, refused: 0 });

    const shape = (list: HistoryEvent[]) =>
      list.map(({ date, type, title, description, sources }) => ({ date, type, title, description, sources }));
    expect(shape(await history(to))).toEqual(shape(await history(from)));

    const again = await importSheet(to, csv);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ written: false, stored: 0, alreadyStored: 3 });
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
    expect(answer.status).toBe(413);
    expect(answer.body.detail).toContain("at most 40");
    expect(answer.body.detail).toContain("100 items");
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
    const json = await send("POST", `/treaties/${treatyId}/events:import`, "{}", {
      "content-type": "application/json",
    });
    expect(json.status).toBe(415);
  });
});
