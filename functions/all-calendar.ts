import { calendarReply } from "#http/calendar";
import { calendarQuery } from "#http/format-schemas";
import { httpHandler } from "#http/handler";
import { readQuery } from "#http/request";
import { listTreaties } from "#store/treaties";

/**
 * GET /calendar.ics: the deadlines of every treaty in one iCalendar feed. One Query on the
 * treaty catalogue: each treaty record carries its deadlines and their sequences.
 */
export const handler = httpHandler(async (event) => {
  const query = readQuery(event, calendarQuery);
  return calendarReply({
    name: "Treaty deadlines",
    fileName: "treaty-deadlines.ics",
    records: await listTreaties(),
    alarms: query.alarms,
    style: query.style,
    lang: query.lang,
  });
});
