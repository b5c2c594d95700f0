import type { Treaty } from "#domain/types";
import { openCursor, sealCursor } from "#http/cursor";
import { BadRequestError } from "#http/errors";
import { httpHandler, ok, type Reply } from "#http/handler";
import { publishableTimeline } from "#http/publishable-timeline";
import { readQuery, treatyIdFrom } from "#http/request";
import { historyQuery } from "#http/schemas";
import { dependsOnToday } from "#http/today";
import { now } from "#lib/clock";
import { requiredEnv } from "#lib/config";
import { type HistoryFilters, listHistory } from "#store/events";
import { getTreaty } from "#store/treaties";

const cursorSecret = requiredEnv("CURSOR_SECRET", "set it to a random string that signs history cursors.");

/** GET /treaties/{treatyId}/history: the timeline, one Query a page; or the whole of it as TimelineJS or CSV. */
export const handler = httpHandler(async (event) => {
  const treatyId = treatyIdFrom(event);
  const query = readQuery(event, historyQuery);
  if (query.from && query.to && query.from > query.to) {
    throw new BadRequestError(`from (${query.from}) is after to (${query.to}).`);
  }
  const types = query.type;
  if (query.format === "timelinejs" || query.format === "csv") {
    return wholeTimeline(treatyId, query.format, { ...query, types });
  }
  const order = query.order ?? "asc";
  const fingerprint = JSON.stringify([treatyId, query.from, query.to, types, query.party, order]);
  const after = query.cursor ? openCursor(cursorSecret, fingerprint, query.cursor) : undefined;
  const page = await listHistory(treatyId, {
    from: query.from,
    to: query.to,
    types,
    party: query.party,
    order,
    limit: query.limit ?? 50,
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

interface TimelineFilters extends HistoryFilters {
  cursor?: string;
  limit?: number;
  order?: string;
}

/**
 * The whole timeline in a newsroom format. The format modules load only here, so the JSON
 * pages do not pay for them at cold start.
 */
async function wholeTimeline(treatyId: string, format: "timelinejs" | "csv", filters: TimelineFilters): Promise<Reply> {
  const paging = (["cursor", "limit", "order"] as const).filter((name) => filters[name] !== undefined);
  if (paging.length > 0) {
    throw new BadRequestError(
      `format=${format} is the whole timeline, oldest first, in one answer; leave out ${paging.join(", ")}.`,
      paging.map((name) => ({ path: name, message: `not used with format=${format}` })),
    );
  }
  const { from, to, types, party } = filters;
  const filtered = from !== undefined || to !== undefined || types !== undefined || party !== undefined;
  // The "In force" era reads the whole timeline, so a filtered answer reads it beside the filtered one.
  const [{ treaty, deadlines }, events, shown] = await Promise.all([
    getTreaty(treatyId),
    publishableTimeline(treatyId),
    filtered ? publishableTimeline(treatyId, { from, to, types, party }) : undefined,
  ]);
  // A treaty still in force has an era that runs to today (UTC), so the answer changes at midnight UTC.
  const moment = now();
  const freshness = dependsOnToday("UTC", moment);
  const options = { eraEvents: events, deadlines, today: moment.toISOString().slice(0, 10) };
  if (format === "timelinejs") {
    const { toTimelineJs } = await import("#formats/timelinejs");
    return { ...ok(toTimelineJs(treaty, shown ?? events, options)), freshness };
  }
  const { toTimelineCsv } = await import("#formats/csv");
  return {
    status: 200,
    text: toTimelineCsv(treaty, shown ?? events, options),
    contentType: "text/csv; charset=utf-8",
    headers: { "content-disposition": `attachment; filename="${csvFileName(treaty)}"` },
    freshness,
  };
}

/** Treaty ids are slugs, so the name needs no quoting beyond the quotes around it. */
const csvFileName = (treaty: Treaty) => `${treaty.id}-timeline.csv`;
