import { correctionsCursor, correctionsQuery, correctionView, positionFromCursor } from "#http/event-changes";
import { httpHandler, ok } from "#http/handler";
import { readQuery } from "#http/request";
import { listCorrections } from "#store/revisions";

/** GET /corrections: corrections and retractions across treaties, newest first. One Query a page. */
export const handler = httpHandler(async (event) => {
  const query = readQuery(event, correctionsQuery);
  const before = query.cursor === undefined ? undefined : positionFromCursor(query.cursor);
  const page = await listCorrections(query.limit ?? 20, before);
  return ok({
    corrections: page.revisions.map(correctionView),
    nextCursor: page.last ? correctionsCursor(page.last) : null,
  });
});
