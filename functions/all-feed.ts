import { ALL_TREATIES_FEED_SIZE, allTreatiesFeed } from "#app/feeds";
import { ALL_TREATIES_FEED_ID } from "#formats/atom";
import { atomReply } from "#http/feeds";
import { httpHandler } from "#http/handler";
import { noQueryParameters } from "#http/request";

/**
 * GET /feed.atom: the newest events of every treaty (up to ALL_TREATIES_FEED_SIZE) as Atom entries.
 * One Query on the catalogue, one history Query per treaty, and the revisions of treaties with a revised event shown.
 */
export const handler = httpHandler(async (event) => {
  noQueryParameters(event);
  const { records, entries } = await allTreatiesFeed();
  return atomReply(event, {
    id: ALL_TREATIES_FEED_ID,
    title: `Treaty timelines: the ${ALL_TREATIES_FEED_SIZE} newest events`,
    entries,
    emptyUpdated:
      records
        .map((record) => record.updatedAt)
        .sort()
        .at(-1) ?? new Date(0).toISOString(),
    titlesWithTreaty: true,
  });
});
