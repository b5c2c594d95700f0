/**
 * An event as a feed shows it: with its treaty and the revisions that say what each correction changed and why,
 * and the order feeds read in. Formats render it; use cases assemble it.
 */
import { compareTimelineDates } from "#domain/calendar";
import type { Revision, StoredEvent } from "#domain/records";
import type { Treaty } from "#domain/types";

export interface FeedEntry {
  treaty: Pick<Treaty, "id" | "shortName">;
  event: StoredEvent;
  /** The event's corrections and its retraction, oldest first (from the revisions store). */
  revisions: readonly Revision[];
}

/** Newest event date first; then the latest written; then by treaty and event id, so two reads agree. */
export function newestFirst(entries: readonly FeedEntry[]): FeedEntry[] {
  return [...entries].sort(
    (a, b) =>
      compareTimelineDates(b.event.date, a.event.date) ||
      compare(b.event.createdAt, a.event.createdAt) ||
      compare(`${a.treaty.id}/${a.event.id}`, `${b.treaty.id}/${b.event.id}`),
  );
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
