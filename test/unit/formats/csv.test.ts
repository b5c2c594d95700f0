import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import type { TimelineEvent } from "#domain/types";
import { TIMELINE_CSV_COLUMNS, toTimelineCsv } from "#formats/csv";
import { toTimelineJs } from "#formats/timelinejs";
import { infEvents, infEventsWithMessySources, infTreaty, usWithdrawalDeadline } from "../../support/inf.ts";

type Row = Record<(typeof TIMELINE_CSV_COLUMNS)[number], string>;

function parseCsv(csv: string): { header: string[]; rows: Row[] } {
  const [header = [], ...records] = parse(csv, { relax_column_count: false }) as string[][];
  const rows = records.map((record) => Object.fromEntries(header.map((column, i) => [column, record[i] ?? ""])) as Row);
  return { header, rows };
}

const hostile: TimelineEvent = {
  id: "evil",
  treatyId: "inf",
  date: "2019-03-01",
  type: "statement",
  title: '=HYPERLINK("http://evil")',
  description: '+SUM(1,2)\n-1 said "yes, but"\n\n@mention',
  sources: [],
};

describe("TimelineJS spreadsheet CSV", () => {
  it("has exactly the TimelineJS template's columns, in order", () => {
    const { header } = parseCsv(toTimelineCsv(infTreaty(), infEvents()));
    expect(header).toEqual([
      "Year",
      "Month",
      "Day",
      "Time",
      "End Year",
      "End Month",
      "End Day",
      "End Time",
      "Display Date",
      "Headline",
      "Text",
      "Media",
      "Media Credit",
      "Media Caption",
      "Media Thumbnail",
      "Type",
      "Group",
      "Background",
    ]);
  });

  it("starts with the title row, then the events in date order", () => {
    const { rows } = parseCsv(toTimelineCsv(infTreaty(), infEvents()));
    expect(rows[0]).toMatchObject({ Type: "title", Headline: "INF Treaty", Year: "" });
    const eventRows = rows.filter((row) => row.Type === "");
    expect(eventRows.map((row) => row.Headline)).toEqual([
      "INF Treaty enters into force",
      "Eliminations completed: 2,692 missiles destroyed",
      "U.S. delivers formal notice of withdrawal to Russia",
      "U.S. withdrawal takes effect and the INF Treaty ends",
    ]);
    expect(rows[2]).toMatchObject({ Year: "1991", Month: "5", Day: "", "Display Date": "May 1991", Group: "Other" });
    expect(rows[3]).toMatchObject({
      Year: "2019",
      Month: "2",
      Day: "2",
      "Display Date": "",
      Group: "Withdrawal notice",
    });
  });

  it("ends with an In force era row when the span is known", () => {
    const { rows } = parseCsv(toTimelineCsv(infTreaty(), infEvents(), { deadlines: [usWithdrawalDeadline()] }));
    expect(rows.at(-1)).toMatchObject({
      Type: "era",
      Headline: "In force",
      Year: "1988",
      Month: "6",
      Day: "1",
      "End Year": "2019",
      "End Month": "8",
      "End Day": "2",
    });
  });

  it("keeps a multilateral treaty's era to today past one party's exit, as the JSON does", () => {
    const treaty = { ...infTreaty(), bilateral: false };
    const exit = { ...usWithdrawalDeadline(), party: "RU" };
    const { rows } = parseCsv(toTimelineCsv(treaty, infEvents(), { deadlines: [exit], today: "2026-11-30" }));
    expect(rows.at(-1)).toMatchObject({ Type: "era", "End Year": "2026", "End Month": "11", "End Day": "30" });
  });

  it("puts the same HTML in Text as the TimelineJS JSON, source links and all", () => {
    const csv = toTimelineCsv(infTreaty(), infEventsWithMessySources());
    const json = toTimelineJs(infTreaty(), infEventsWithMessySources());
    const { rows } = parseCsv(csv);
    expect(rows[3]?.Text).toBe(json.events[2]?.text?.text);
    expect(rows[3]?.Text).toContain('<a href="https://www.example.org/news/inf-notice?a=1&amp;b=2">Example News</a>');
    expect(rows[0]?.Text).toBe(json.title.text?.text);
  });

  it("ends every record with CRLF", () => {
    const csv = toTimelineCsv(infTreaty(), infEvents());
    expect(csv.endsWith("\r\n")).toBe(true);
    expect(csv.split("\r\n")[0]).toBe(TIMELINE_CSV_COLUMNS.join(","));
    // Outside quoted cells, every line break is a CRLF.
    expect(csv.replace(/"(?:[^"]|"")*"/g, "")).not.toMatch(/[^\r]\n/);
  });

  it("writes headlines and groups as the plain text a spreadsheet shows, escaping only & < >", () => {
    const event: TimelineEvent = { ...hostile, title: `Russia's "suspension" of A<B & C`, description: "" };
    const { rows } = parseCsv(toTimelineCsv(infTreaty(), [event], { eventTypeLabels: { statement: "Moscow's word" } }));
    expect(rows[1]?.Headline).toBe(`Russia's "suspension" of A&lt;B &amp; C`);
    expect(rows[1]?.Group).toBe("Moscow's word");
    for (const row of rows) expect(`${row.Headline}${row.Group}`).not.toMatch(/&#39;|&quot;/);
  });

  it("turns an event titled =HYPERLINK(...) into text a spreadsheet will not run", () => {
    const { rows } = parseCsv(toTimelineCsv(infTreaty(), [hostile]));
    expect(rows[1]?.Headline).toBe(`'=HYPERLINK("http://evil")`);
    expect(rows[1]?.Text.startsWith("<p>")).toBe(true);
    for (const row of rows) {
      for (const cell of Object.values(row)) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    }
  });

  it("neutralises every formula trigger: = + - @ tab and carriage return", () => {
    for (const prefix of ["=", "+", "-", "@", "\t", "\r"]) {
      const event: TimelineEvent = { ...hostile, title: `${prefix}cmd|' /C calc'!A0` };
      const { rows } = parseCsv(toTimelineCsv(infTreaty(), [event]));
      expect(rows[1]?.Headline.startsWith(`'${prefix}`)).toBe(true);
    }
  });

  it("keeps quotes, commas and line breaks intact through a CSV parser", () => {
    const event: TimelineEvent = {
      ...hostile,
      title: 'Moscow says "no", again',
      description: 'First line, with a comma\nSecond "quoted" line',
      sources: [{ url: "https://example.org/a,b", title: 'Report, "final"' }],
    };
    const csv = toTimelineCsv(infTreaty(), [event]);
    const { rows } = parseCsv(csv);
    expect(rows[1]?.Headline).toBe('Moscow says "no", again');
    expect(rows[1]?.Text).toBe(
      "<p>First line, with a comma<br>\nSecond &quot;quoted&quot; line</p>\n" +
        '<ul><li><a href="https://example.org/a,b">Report, &quot;final&quot;</a></li></ul>',
    );
    expect(rows).toHaveLength(2);
  });
});
