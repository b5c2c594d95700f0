/**
 * The TimelineJS Google Sheets template as CSV (RFC 4180, CRLF), for newsrooms that build their
 * timeline in a spreadsheet. Text is HTML (paragraphs and source links), as the template's Text
 * column is. Headline and Group are what a reporter would type: plain text, with only `& < >`
 * escaped, because TimelineJS puts a headline into the page as HTML.
 */

import { stringify } from "csv-stringify/sync";
import type { PartyStatus } from "#domain/parties";
import type { TimelineEvent, Treaty } from "#domain/types";
import { escapeHtmlText } from "#formats/html";
import { eventTypeLabel } from "#formats/labels";
import {
  eventTextHtml,
  inForceEra,
  partialDisplayDate,
  sortEvents,
  type TimelineJsOptions,
  timelineJsDate,
  treatyTitleHtml,
} from "#formats/timelinejs";

/** The template's columns, in the template's order. */
export const TIMELINE_CSV_COLUMNS = [
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
] as const;

type Column = (typeof TIMELINE_CSV_COLUMNS)[number];
type Row = Partial<Record<Column, string | number>>;

/**
 * A spreadsheet runs a cell that starts with one of these as a formula (CSV injection); a leading
 * apostrophe makes it text.
 */
const FORMULA_TRIGGER = /^[=+\-@\t\r]/;

export function neutraliseFormula(cell: string): string {
  return FORMULA_TRIGGER.test(cell) ? `'${cell}` : cell;
}

/** The cell as it was before `neutraliseFormula`: the apostrophe it added goes again. */
export function restoreFormulaText(cell: string): string {
  return cell.startsWith("'") && FORMULA_TRIGGER.test(cell.slice(1)) ? cell.slice(1) : cell;
}

/**
 * One title row, one row per event in date order and, when the in-force span is known, one
 * "era" row. Options as for `toTimelineJs`.
 */
export function toTimelineCsv(treaty: Treaty, events: TimelineEvent[], options: TimelineJsOptions = {}): string {
  const rows: Row[] = [
    { Headline: escapeHtmlText(treaty.shortName), Text: treatyTitleHtml(treaty), Type: "title" },
    ...sortEvents(events).map((event) => eventRow(event, options)),
  ];
  const era = inForceEra(treaty, options.deadlines ?? [], options.eraEvents ?? events, options.today);
  if (era) {
    const start = timelineJsDate(era.start);
    const end = timelineJsDate(era.end);
    rows.push({
      Year: start.year,
      Month: start.month,
      Day: start.day,
      "End Year": end.year,
      "End Month": end.month,
      "End Day": end.day,
      Headline: "In force",
      Type: "era",
    });
  }
  const records = rows.map((row) => TIMELINE_CSV_COLUMNS.map((column) => neutraliseFormula(String(row[column] ?? ""))));
  return stringify([[...TIMELINE_CSV_COLUMNS], ...records], { record_delimiter: "\r\n" });
}

function eventRow(event: TimelineEvent, options: TimelineJsOptions): Row {
  const date = timelineJsDate(event.date);
  return {
    Year: date.year,
    Month: date.month,
    Day: date.day,
    "Display Date": partialDisplayDate(event.date),
    Headline: escapeHtmlText(event.title),
    Text: eventTextHtml(event),
    Group: escapeHtmlText(eventTypeLabel(event.type, options.eventTypeLabels)),
  };
}

/** The columns of the party-status sheet, for a graphics desk to chart. */
export const PARTY_CSV_COLUMNS = [
  "Party",
  "Code",
  "Status",
  "Date",
  "Contested",
  "Claimed date",
  "Basis",
  "Explanation",
] as const;

/** Each party's status as of a day, one row each (RFC 4180, CRLF; formula injection neutralised). */
export function toPartyStatusCsv(rows: readonly PartyStatus[]): string {
  const records = rows.map((row) =>
    [
      row.name,
      row.party,
      row.status,
      row.date ?? "",
      row.contested ? "yes" : "",
      row.claimedDate ?? "",
      row.basis.article ?? "",
      row.basis.explanation,
    ].map(neutraliseFormula),
  );
  return stringify([[...PARTY_CSV_COLUMNS], ...records], { record_delimiter: "\r\n" });
}
