/**
 * Reads the TimelineJS Google Sheets template, as CSV, back into events: the columns `?format=csv`
 * writes (lib/formats/csv.ts), each data row one event. Headline and Text are HTML, as TimelineJS
 * reads them: the Headline's text is the title, the Text's paragraphs the description and every
 * http(s) link in it (or the Media URL) a source. The Group is the event type, by its label or its
 * name. Title and era rows are skipped. A row treaty-clock cannot hold is refused with the column
 * and the reason: no source URL, a date with a time or an end (a span), a date outside 0001-9999,
 * an unknown group.
 */
import { parse } from "csv-parse/sync";
import { type ChildNode, type Element, isTag, isText } from "domhandler";
import { parseDocument } from "htmlparser2";
import { parsePartialDate } from "#domain/calendar";
import { DomainError } from "#domain/errors";
import { EVENT_TYPES, type EventType, type Source } from "#domain/types";
import { restoreFormulaText, TIMELINE_CSV_COLUMNS } from "#formats/csv";
import { EVENT_TYPE_LABELS } from "#formats/labels";

export interface SheetEventDraft {
  date: string;
  type: EventType;
  title: string;
  description?: string;
  sources: Source[];
}

export interface SheetProblem {
  column: string;
  message: string;
}

export type SheetRow =
  | { row: number; verdict: "event"; draft: SheetEventDraft }
  | { row: number; verdict: "skipped"; reason: string }
  | { row: number; verdict: "refused"; problems: SheetProblem[] };

export class SheetFormatError extends Error {}

type Cells = Record<string, string>;

const TYPE_BY_NAME = new Map<string, EventType>([
  ...EVENT_TYPES.map((type) => [type, type] as const),
  ...Object.entries(EVENT_TYPE_LABELS).map(([type, label]) => [label.toLowerCase(), type as EventType] as const),
]);

/** The sheet's rows, numbered as the spreadsheet numbers them (the header is row 1). @throws SheetFormatError. */
export function readTimelineSheet(csv: string): SheetRow[] {
  let records: Cells[];
  try {
    records = parse(csv.replace(/^\uFEFF/, ""), {
      columns: (header: string[]) => header.map((name) => name.trim()),
      skip_empty_lines: true,
      relax_column_count: true,
    });
  } catch (error) {
    throw new SheetFormatError(`The sheet is not CSV that can be read: ${(error as Error).message}`);
  }
  const first = records[0];
  const missing = ["Year", "Headline", "Text"].filter((column) => first !== undefined && !(column in first));
  if (records.length > 0 && missing.length > 0) {
    throw new SheetFormatError(
      `The sheet lacks the template's column${missing.length > 1 ? "s" : ""} ${missing.join(", ")}; its header row must name the TimelineJS template's columns (${TIMELINE_CSV_COLUMNS.join(", ")}).`,
    );
  }
  return records.map((record, index) => readRow(index + 2, cellsOf(record)));
}

function cellsOf(record: Cells): Cells {
  const cells: Cells = {};
  for (const [column, value] of Object.entries(record)) cells[column] = restoreFormulaText(String(value ?? "").trim());
  return cells;
}

function readRow(row: number, cells: Cells): SheetRow {
  const slide = (cells.Type ?? "").toLowerCase();
  if (slide === "title" || slide === "era") return { row, verdict: "skipped", reason: `a ${slide} row, not an event` };
  const problems: SheetProblem[] = [];
  const date = readDate(cells, problems);
  const title = htmlText(cells.Headline ?? "")
    .replace(/\s+/g, " ")
    .trim();
  if (!title) problems.push({ column: "Headline", message: "an event needs a headline" });
  const { description, links } = readText(cells.Text ?? "");
  const sources = [...links];
  const media = cells.Media ?? "";
  if (isHttpUrl(media) && !sources.some((source) => source.url === media)) {
    sources.push({ url: media, ...(cells["Media Credit"] ? { publisher: htmlText(cells["Media Credit"]) } : {}) });
  }
  if (sources.length === 0) {
    problems.push({
      column: "Text",
      message: "no source URL: link at least one source (http or https) in Text, or give it as Media",
    });
  }
  const group = htmlText(cells.Group ?? "").trim();
  const type = group === "" ? "other" : TYPE_BY_NAME.get(group.toLowerCase());
  if (type === undefined) {
    problems.push({
      column: "Group",
      message: `unknown group "${group}": use one of ${Object.values(EVENT_TYPE_LABELS).join(", ")} (or an event type's name)`,
    });
  }
  if (problems.length > 0 || date === undefined || type === undefined) return { row, verdict: "refused", problems };
  return {
    row,
    verdict: "event",
    draft: { date, type, title, ...(description ? { description } : {}), sources },
  };
}

function readDate(cells: Cells, problems: SheetProblem[]): string | undefined {
  for (const column of ["Time", "End Year", "End Month", "End Day", "End Time"]) {
    if (cells[column]) {
      problems.push({
        column,
        message: column.startsWith("End")
          ? "a span of dates: treaty-clock holds each event on one date; give the end as its own row"
          : "a time of day: treaty-clock holds events on civil dates; leave Time empty",
      });
      return undefined;
    }
  }
  const [year, month, day] = [cells.Year ?? "", cells.Month ?? "", cells.Day ?? ""];
  if (!/^\d{1,4}$/.test(year)) {
    problems.push({
      column: "Year",
      message: `"${year}" is not a year treaty-clock can hold: 1 to 9999, no era before the common era`,
    });
    return undefined;
  }
  if (day && !month) {
    problems.push({ column: "Day", message: "a day without a month" });
    return undefined;
  }
  for (const [column, value] of [
    ["Month", month],
    ["Day", day],
  ] as const) {
    if (value && !/^\d{1,2}$/.test(value)) {
      problems.push({ column, message: `"${value}" is not a number` });
      return undefined;
    }
  }
  const date = [
    year.padStart(4, "0"),
    ...[month, day].filter((part) => part !== "").map((part) => part.padStart(2, "0")),
  ].join("-");
  try {
    parsePartialDate(date);
    return date;
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    problems.push({ column: day ? "Day" : month ? "Month" : "Year", message: error.message });
    return undefined;
  }
}

const isHttpUrl = (value: string) => /^https?:\/\/\S+$/i.test(value) && URL.canParse(value);

/** The text of an HTML fragment, `<br>` as a line break, entities decoded. */
function htmlText(html: string): string {
  return nodesText(parseDocument(html).children);
}

function nodesText(nodes: readonly ChildNode[]): string {
  return nodes
    .map((node) => {
      // In HTML a line break in text is a space; only <br> breaks a line.
      if (isText(node)) return node.data.replace(/\s+/g, " ");
      if (isTag(node)) return node.name === "br" ? "\n" : nodesText(node.children);
      return "";
    })
    .join("");
}

/** Paragraphs (and loose text) make the description; every http(s) link, in order, is a source. */
function readText(html: string): { description: string; links: Source[] } {
  const document = parseDocument(html);
  const paragraphs: string[] = [];
  const links: Source[] = [];
  let loose = "";
  const flush = () => {
    if (tidyLines(loose)) paragraphs.push(tidyLines(loose));
    loose = "";
  };
  const collectLinks = (nodes: readonly ChildNode[]) => {
    for (const node of nodes) {
      if (!isTag(node)) continue;
      if (node.name === "a") addLink(node, links);
      collectLinks(node.children);
    }
  };
  for (const node of document.children) {
    if (isTag(node) && (node.name === "ul" || node.name === "ol")) {
      flush();
      collectLinks([node]);
    } else if (isTag(node) && node.name === "p") {
      flush();
      const text = tidyLines(nodesText(node.children));
      if (text) paragraphs.push(text);
      collectLinks(node.children);
    } else {
      loose += isText(node) ? node.data : isTag(node) ? nodesText([node]) : "";
      if (isTag(node)) collectLinks([node]);
    }
  }
  flush();
  return { description: paragraphs.join("\n\n"), links };
}

const tidyLines = (text: string) => text.replace(/ *\n */g, "\n").trim();

function addLink(anchor: Element, links: Source[]): void {
  const href = anchor.attribs.href?.trim() ?? "";
  if (!isHttpUrl(href) || links.some((link) => link.url === href)) return;
  const label = nodesText(anchor.children).replace(/\s+/g, " ").trim();
  // A link labelled with its own host name had no title when it was written (lib/formats/html.ts).
  const host = new URL(href).hostname.replace(/^www\./, "");
  links.push(label && label !== host && label !== href ? { url: href, title: label } : { url: href });
}
