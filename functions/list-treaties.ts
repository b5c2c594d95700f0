import { todayIn } from "#domain/calendar";
import { openCursor, sealCursor } from "#http/cursor";
import { httpHandler, ok } from "#http/handler";
import { readOptionalQuery } from "#http/request";
import { dependsOnToday } from "#http/today";
import { treatySummary } from "#http/views";
import { now } from "#lib/clock";
import { requiredEnv } from "#lib/config";
import { listTreatyPage } from "#store/treaties";

const cursorSecret = requiredEnv("CURSOR_SECRET", "set it to a random string that signs page cursors.");
const DEFAULT_LIMIT = 50;
/** What a catalogue cursor belongs to: the catalogue, in id order. */
const CATALOGUE_CURSOR = "treaties";

/** GET /treaties: the catalogue, one Query a page (`limit`, `cursor`), each treaty with its next exit. */
export const handler = httpHandler(async (event) => {
  const query = await readOptionalQuery(event, async () => (await import("#http/schemas")).treatiesQuery);
  const after = query.cursor ? openCursor(cursorSecret, CATALOGUE_CURSOR, query.cursor) : undefined;
  const moment = now();
  const today = todayIn("UTC", moment);
  const page = await listTreatyPage(query.limit ?? DEFAULT_LIMIT, after);
  // Each treaty's next exit is the next one after today.
  return {
    ...ok({
      treaties: page.records.map((record) => treatySummary(record, today)),
      nextCursor: page.lastId === undefined ? null : sealCursor(cursorSecret, CATALOGUE_CURSOR, page.lastId),
    }),
    freshness: dependsOnToday("UTC", moment),
  };
});
