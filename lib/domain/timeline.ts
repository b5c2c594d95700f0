/** A treaty's history in reading order. */
import { compareTimelineDates } from "#domain/calendar";
import type { TimelineEvent } from "#domain/types";

/**
 * Events by date (a year before its months, a month before its days), then by id, so two reads of the
 * same history always list it the same way. Returns a new array; the input is left as it was.
 */
export function sortTimeline<T extends Pick<TimelineEvent, "date" | "id">>(events: readonly T[]): T[] {
  return [...events].sort((a, b) => compareTimelineDates(a.date, b.date) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
