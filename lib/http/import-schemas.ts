import * as z from "zod/mini";
import type { ImportResult, ImportRow } from "#app/import";
import type { SheetProblem } from "#formats/timeline-sheet";
import { BadRequestError, HttpError, PayloadTooLargeError } from "#http/errors";
import { type HttpEvent, header } from "#http/request";
import { eventInput } from "#http/schemas";

/** POST /treaties/{treatyId}/events:import?dryRun=true */
export const importQuery = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({ dryRun: z.optional(z.enum(["true", "false"])) }),
);

/** A sheet is text; 256 KB holds a few hundred rows, more than one import can store. */
export const MAX_SHEET_BYTES = 256 * 1024;

/** Rows beyond this are refused before any is read: a sheet that long could never be imported at once. */
export const MAX_SHEET_ROWS = 500;

/** Where in the sheet a field of an event comes from, so a refusal names the column to fix. */
const COLUMN_OF_FIELD: Record<string, string> = {
  date: "Year",
  type: "Group",
  title: "Headline",
  description: "Text",
  sources: "Text",
};

/** Reads the CSV body into rows: the sheet's own verdicts, then each event checked as POST /events checks it. */
export async function readSheetRows(event: HttpEvent): Promise<ImportRow[]> {
  const contentType = header(event, "content-type") ?? "";
  if (!/^text\/csv\s*(?:;|$)/i.test(contentType)) {
    throw new HttpError(
      415,
      "Unsupported media type",
      "Send the sheet as CSV with Content-Type: text/csv (File > Download > CSV in Google Sheets).",
    );
  }
  const raw = event.body ?? "";
  return sheetRows(event.isBase64Encoded ? Buffer.from(raw, "base64").toString("utf8") : raw);
}

/**
 * The same for a sheet's text, wherever it came from (npm run import:timeline reads a file). The CSV and
 * HTML readers (csv-parse, htmlparser2 and its entity table) load here, on the first sheet that passed the
 * key, query, media-type and size checks, not when the function starts: a refused request never pays for them.
 */
export async function sheetRows(text: string): Promise<ImportRow[]> {
  if (Buffer.byteLength(text, "utf8") > MAX_SHEET_BYTES) throw new PayloadTooLargeError(MAX_SHEET_BYTES);
  const { readTimelineSheet, SheetFormatError } = await import("#formats/timeline-sheet");
  let rows: ReturnType<typeof readTimelineSheet>;
  try {
    rows = readTimelineSheet(text);
  } catch (error) {
    if (error instanceof SheetFormatError)
      throw new BadRequestError(error.message, [{ path: "(body)", message: error.message }]);
    throw error;
  }
  if (rows.length === 0) throw new BadRequestError("The sheet has no rows below its header.");
  if (rows.length > MAX_SHEET_ROWS) {
    throw new HttpError(
      413,
      "Sheet too long",
      `The sheet has ${rows.length} rows; send at most ${MAX_SHEET_ROWS} at a time.`,
    );
  }
  return rows.map((row): ImportRow => {
    if (row.verdict !== "event") return row;
    const checked = eventInput.safeParse(row.draft);
    if (checked.success) return { row: row.row, verdict: "event", event: checked.data };
    const problems: SheetProblem[] = checked.error.issues.map((issue) => ({
      column: COLUMN_OF_FIELD[String(issue.path[0])] ?? "(row)",
      message: `${issue.path.map(String).join(".") || "event"}: ${issue.message}`,
    }));
    return { row: row.row, verdict: "refused", problems };
  });
}

/** A real import that stored nothing because of its rows: 422 with each refusal named by row and column. */
export function importRefusal(result: ImportResult): HttpError | undefined {
  if (result.dryRun) return undefined;
  if (result.tooBig) return new HttpError(413, "Sheet too big for one import", result.tooBig);
  if (result.refused === 0) return undefined;
  const errors = result.rows.flatMap((row) =>
    row.verdict === "refused"
      ? row.problems.map((problem) => ({ path: `rows.${row.row}.${problem.column}`, message: problem.message }))
      : [],
  );
  return new HttpError(
    422,
    "Sheet refused",
    `${result.refused} row${result.refused === 1 ? "" : "s"} cannot be stored, so nothing was imported; fix ${result.refused === 1 ? "it" : "them"} (a dry run lists every row) and send the sheet again.`,
    errors,
  );
}
