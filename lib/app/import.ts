/**
 * A TimelineJS sheet imported into a treaty's history: every row decided first (stored, already
 * there, a duplicate, skipped or refused, with the reason), then, when no row is refused, the new
 * events written in one transaction, so a sheet is imported whole or not at all. An event's id is
 * derived from its content, so importing the same sheet again finds every event already stored.
 */
import { createHash } from "node:crypto";
import { CONCURRENCY, concurrent } from "#app/events";
import { DomainError } from "#domain/errors";
import { type StoredEvent, type TreatyRecord, withEvent } from "#domain/records";
import type { TimelineEvent } from "#domain/types";
import { withBackoff } from "#lib/backoff";
import { listWholeHistory, TRANSACTION_ITEM_LIMIT, writeNewEvents } from "#store/events";
import { getTreaty } from "#store/treaties";

/** An event as a sheet row gives it, before it has an id. */
export type EventInput = Omit<TimelineEvent, "id" | "treatyId">;

/** New events one import may store: two items each, plus the treaty, leave room for the deadlines that move. */
export const MAX_IMPORTED_EVENTS = 40;

export type RowProblem = { column: string; message: string };

/** A sheet row as the edge read and validated it. */
export type ImportRow =
  | { row: number; verdict: "event"; event: EventInput }
  | { row: number; verdict: "skipped"; reason: string }
  | { row: number; verdict: "refused"; problems: RowProblem[] };

export type RowOutcome =
  | { row: number; verdict: "store"; eventId: string; event: EventInput }
  | { row: number; verdict: "already_stored"; eventId: string }
  | { row: number; verdict: "duplicate"; eventId: string; ofRow: number }
  | { row: number; verdict: "skipped"; reason: string }
  | { row: number; verdict: "refused"; problems: RowProblem[] };

export interface ImportResult {
  treatyId: string;
  dryRun: boolean;
  /** True when the new events were written (never on a dry run, never when a row is refused). */
  written: boolean;
  stored: number;
  alreadyStored: number;
  refused: number;
  rows: RowOutcome[];
  /** Why nothing was written although no row was refused: the sheet is too big for one import. */
  tooBig?: string;
}

/** The id of an imported event: the same content gives the same id, in any treaty and on every import. */
export function importedEventId(event: EventInput): string {
  const content = JSON.stringify([
    event.date,
    event.type,
    event.party ?? null,
    event.title,
    event.description ?? null,
    event.sources.map((source) => [source.url, source.title ?? null, source.publisher ?? null]),
  ]);
  return `sheet-${createHash("sha256").update(content).digest("hex").slice(0, 24)}`;
}

export function importSheet(
  treatyId: string,
  rows: readonly ImportRow[],
  options: { dryRun: boolean; by: string; now: Date },
): Promise<ImportResult> {
  return withBackoff(CONCURRENCY, concurrent, async () => {
    const before = await getTreaty(treatyId, { consistent: true });
    const existing = new Set((await listWholeHistory(treatyId)).map((event) => event.id));
    const { outcomes, record, events } = decide(before, existing, rows, options);
    const result: ImportResult = {
      treatyId,
      dryRun: options.dryRun,
      written: false,
      stored: events.length,
      alreadyStored: outcomes.filter((outcome) => outcome.verdict === "already_stored").length,
      refused: outcomes.filter((outcome) => outcome.verdict === "refused").length,
      rows: outcomes,
    };
    if (events.length > MAX_IMPORTED_EVENTS) {
      result.tooBig = `The sheet has ${events.length} new events; one import stores at most ${MAX_IMPORTED_EVENTS}, because it is one DynamoDB transaction of at most ${TRANSACTION_ITEM_LIMIT} items (two per event, one for the treaty, one per deadline that moves). Split the sheet and import each part: rows already stored are recognised and skipped.`;
    }
    if (options.dryRun || result.refused > 0 || result.tooBig || events.length === 0) return result;
    await writeNewEvents({ before, record, events });
    return { ...result, written: true };
  });
}

function decide(
  before: TreatyRecord,
  existing: ReadonlySet<string>,
  rows: readonly ImportRow[],
  options: { by: string; now: Date },
): { outcomes: RowOutcome[]; record: TreatyRecord; events: StoredEvent[] } {
  let record = before;
  const events: StoredEvent[] = [];
  const firstRowOf = new Map<string, number>();
  const outcomes = rows.map((row): RowOutcome => {
    if (row.verdict !== "event") return row;
    const eventId = importedEventId(row.event);
    if (existing.has(eventId)) return { row: row.row, verdict: "already_stored", eventId };
    const first = firstRowOf.get(eventId);
    if (first !== undefined) return { row: row.row, verdict: "duplicate", eventId, ofRow: first };
    const event: StoredEvent = {
      ...row.event,
      id: eventId,
      treatyId: before.treaty.id,
      createdAt: options.now.toISOString(),
      version: 1,
      createdBy: options.by,
    };
    try {
      record = withEvent(record, event, options.now);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return { row: row.row, verdict: "refused", problems: [{ column: "(row)", message: error.message }] };
    }
    firstRowOf.set(eventId, row.row);
    events.push(event);
    return { row: row.row, verdict: "store", eventId, event: row.event };
  });
  return { outcomes, record, events };
}
