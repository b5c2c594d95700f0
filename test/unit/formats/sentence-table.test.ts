import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { dayNumber, fromDayNumber } from "#domain/calendar";
import { countdown, whatIfNotice } from "#domain/countdown";
import { EXIT_KINDS } from "#domain/deadline-identity";
import { deriveDeadlines } from "#domain/deadlines";
import { exitSummary } from "#domain/exit-summary";
import { treatyEnd } from "#domain/parties";
import type { Deadline, TimelineEvent, Treaty } from "#domain/types";
import { phrasebook, summarySentence, whatIfText } from "#formats/sentence";

/**
 * Every seeded treaty in every status, in every style and language: the full sentence for each cell, written to
 * test/sentences/exit-sentences.tsv to be read as one table (GitHub and any spreadsheet show it as one). A change
 * to any sentence shows in review as a diff of that file (`npx vitest run -u` rewrites it after a deliberate one).
 *
 * As-of dates are chosen per treaty around its last exit (30 days before, the day before, the day, 10 days after),
 * 148 days before the first date on which several parties leave, and TODAY for the what-if (notice on TODAY, no
 * party) and the treaty's end. "—" means the status does not occur for that treaty.
 */
const DIR = new URL("../../../data/treaties/", import.meta.url);
const seeded = readdirSync(DIR)
  .filter((file) => file.endsWith(".json"))
  .sort()
  .map((file) => {
    const data = JSON.parse(readFileSync(new URL(file, DIR), "utf8")) as { treaty: Treaty; events: TimelineEvent[] };
    return { ...data, deadlines: deriveDeadlines(data.treaty, data.events) };
  });

const BOOKS = [
  ["ap", await phrasebook("ap", "en")],
  ["uk", await phrasebook("uk", "en")],
  ["fr", await phrasebook("ap", "fr")],
  ["de", await phrasebook("ap", "de")],
  ["es", await phrasebook("ap", "es")],
] as const;
const TODAY = "2026-11-30";

type Cell = { status: string; asOf: string; noticeOn?: string } | { status: string; none: string };

const shift = (date: string, days: number) => fromDayNumber(dayNumber(date) + days);

function cells(treaty: Treaty, deadlines: Deadline[], events: TimelineEvent[]): Cell[] {
  const exits = deadlines.filter((d) => EXIT_KINDS.has(d.kind)).sort((a, b) => (a.date < b.date ? -1 : 1));
  const last = exits.at(-1);
  const sameDay = exits.find((d) => exits.filter((e) => e.date === d.date && e.kind === d.kind).length > 1);
  const ended = treatyEnd(treaty, deadlines, events, TODAY);
  const none = "—";
  return [
    last ? { status: "pending", asOf: shift(last.date, -30) } : { status: "pending", asOf: TODAY },
    last ? { status: "tomorrow", asOf: shift(last.date, -1) } : { status: "tomorrow", none },
    last ? { status: "today", asOf: last.date } : { status: "today", none },
    last ? { status: "past", asOf: shift(last.date, 10) } : { status: "past", none },
    sameDay ? { status: "several parties", asOf: shift(sameDay.date, -148) } : { status: "several parties", none },
    { status: "what-if", asOf: TODAY, noticeOn: TODAY },
    ended ? { status: "ended", asOf: TODAY } : { status: "ended", none },
  ];
}

function say(
  book: (typeof BOOKS)[number][1],
  seededTreaty: (typeof seeded)[number],
  cell: { asOf: string; noticeOn?: string },
): string {
  const { treaty, deadlines, events } = seededTreaty;
  if (cell.noticeOn !== undefined) {
    try {
      const exit = whatIfNotice(treaty, cell.noticeOn);
      const ended = treatyEnd(treaty, deadlines, events, cell.asOf);
      return whatIfText(book, treaty, cell.noticeOn, exit, countdown(exit.date, cell.asOf, "UTC").daysUntil, ended);
    } catch (error) {
      return `(refused: ${(error as Error).message.split(";")[0]})`;
    }
  }
  return summarySentence(book, treaty, exitSummary(treaty, deadlines, events, cell.asOf, "UTC"));
}

const escapeCell = (text: string) => text.replace(/[\t\n]/g, " ");

describe("the sentence table", () => {
  it("says every seeded treaty in every status, style and language as the committed table does", async () => {
    const rows = [["treaty", "status", "asOf", ...BOOKS.map(([name]) => name)].join("\t")];
    for (const entry of seeded) {
      for (const cell of cells(entry.treaty, entry.deadlines, entry.events)) {
        const asOf = "none" in cell ? "" : `${cell.asOf}${cell.noticeOn ? ` (notice ${cell.noticeOn})` : ""}`;
        const sentences = BOOKS.map(([, book]) => ("none" in cell ? cell.none : say(book, entry, cell)));
        rows.push([entry.treaty.id, cell.status, asOf, ...sentences].map(escapeCell).join("\t"));
      }
    }
    const table = `${rows.join("\n")}\n`;
    expect(table).toContain(
      "Estonia, Latvia and Lithuania's withdrawals from the Ottawa Convention (Mine Ban Treaty) take effect in 148 days, on Dec. 27, 2025, the first three of four pending withdrawals.",
    );
    await expect(table).toMatchFileSnapshot("../../sentences/exit-sentences.tsv");
  });
});
