import { HttpError } from "#http/errors";
import { HistoryTooLongError } from "#store/events";

/** A timeline too long to read whole (a feed, an import's check) is the client's to page through /history, not a server fault. */
export async function wholeHistoryReading<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof HistoryTooLongError)
      throw new HttpError(422, "Timeline too long for one answer", error.message);
    throw error;
  }
}
