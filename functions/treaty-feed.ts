import { treatyFeed } from "#app/feeds";
import { treatyFeedId } from "#formats/atom";
import { atomReply, treatyPageUrl } from "#http/feeds";
import { httpHandler } from "#http/handler";
import { noQueryParameters, treatyIdFrom } from "#http/request";
import { wholeHistoryReading } from "#http/whole-history";

/**
 * GET /treaties/{treatyId}/feed.atom: every event of the treaty as an Atom entry, newest first,
 * retracted ones marked, corrections explained. One GetItem, the history Query and, when an event
 * was ever revised, one Query of the treaty's revisions.
 */
export const handler = httpHandler(async (event) => {
  noQueryParameters(event);
  const treatyId = treatyIdFrom(event);
  const { record, entries } = await wholeHistoryReading(() => treatyFeed(treatyId));
  return atomReply(event, {
    id: treatyFeedId(treatyId),
    title: `${record.treaty.shortName}: timeline`,
    alternateUrl: treatyPageUrl(event, treatyId),
    entries,
    emptyUpdated: record.updatedAt,
  });
});
