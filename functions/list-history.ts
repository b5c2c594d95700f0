import type { EventType } from "#domain/types";
import { openCursor, sealCursor } from "#http/cursor";
import { BadRequestError } from "#http/errors";
import { httpHandler, ok } from "#http/handler";
import { readQuery, treatyIdFrom } from "#http/request";
import { historyQuery } from "#http/schemas";
import { requiredEnv } from "#lib/config";
import { listHistory } from "#store/events";
import { getTreaty } from "#store/treaties";

const cursorSecret = requiredEnv("CURSOR_SECRET", "set it to a random string that signs history cursors.");

/** GET /treaties/{treatyId}/history: the timeline, one Query a page. */
export const handler = httpHandler(async (event) => {
  const treatyId = treatyIdFrom(event);
  const query = readQuery(event, historyQuery);
  if (query.from && query.to && query.from > query.to) {
    throw new BadRequestError(`from (${query.from}) is after to (${query.to}).`);
  }
  const types = query.type?.split(",").map((type) => type.trim() as EventType);
  const order = query.order ?? "asc";
  const fingerprint = JSON.stringify([treatyId, query.from, query.to, types, query.party, order]);
  const after = query.cursor ? openCursor(cursorSecret, fingerprint, query.cursor) : undefined;
  const page = await listHistory(treatyId, {
    from: query.from,
    to: query.to,
    types,
    party: query.party,
    order,
    limit: Number(query.limit ?? 50),
    after,
  });
  // An empty first page may mean an unknown treaty: only then is the treaty read.
  if (page.events.length === 0 && !after) await getTreaty(treatyId);
  return ok({
    treatyId,
    events: page.events,
    nextCursor: page.lastSortKey ? sealCursor(cursorSecret, fingerprint, page.lastSortKey) : null,
  });
});
