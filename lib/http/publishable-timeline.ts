import type { StoredEvent } from "#domain/records";
import { HttpError } from "#http/errors";
import { type HistoryFilters, HistoryTooLongError, listWholeHistory } from "#store/events";

/**
 * The timeline as the publication formats print it (TimelineJS, CSV, the embed): every
 * event, oldest first, except retracted ones. A retraction stays visible in the JSON
 * history and in /corrections; it is never printed as fact.
 */
export async function publishableTimeline(treatyId: string, filters: HistoryFilters = {}): Promise<StoredEvent[]> {
  try {
    return (await listWholeHistory(treatyId, filters)).filter((event) => !event.retracted);
  } catch (error) {
    if (error instanceof HistoryTooLongError) {
      throw new HttpError(422, "Timeline too long for one answer", error.message);
    }
    throw error;
  }
}
