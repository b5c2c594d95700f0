import { type AtomFeedInput, renderAtomFeed } from "#formats/atom";
import { HttpError } from "#http/errors";
import type { Reply } from "#http/handler";
import { embedPageUrl, requestOrigin } from "#http/public-url";
import type { HttpEvent } from "#http/request";
import { HistoryTooLongError } from "#store/events";

/** An Atom feed as an HTTP answer, its self link the address the client used. */
export function atomReply(event: HttpEvent, feed: Omit<AtomFeedInput, "selfUrl">): Reply {
  return {
    status: 200,
    text: renderAtomFeed({ ...feed, selfUrl: `${requestOrigin(event)}${event.rawPath}` }),
    contentType: "application/atom+xml; charset=utf-8",
  };
}

/** The treaty's embed page, the feed's page for people. */
export const treatyPageUrl = (event: HttpEvent, treatyId: string) => embedPageUrl(requestOrigin(event), treatyId);

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
