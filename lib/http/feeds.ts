import { type AtomFeedInput, renderAtomFeed } from "#formats/atom";
import type { Reply } from "#http/handler";
import { embedPageUrl, requestOrigin } from "#http/public-url";
import type { HttpEvent } from "#http/request";

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
