import { calendarSequence, toCalendar } from "#formats/ics";
import { alarmDays, calendarQuery } from "#http/format-schemas";
import { httpHandler } from "#http/handler";
import { readQuery } from "#http/request";
import { optionalEnv } from "#lib/config";
import { listTreaties } from "#store/treaties";

const apiBaseUrl = optionalEnv("PUBLIC_API_URL");

/**
 * GET /calendar.ics: the deadlines of every treaty in one iCalendar feed. One Query on the
 * treaty catalogue: each treaty record carries its deadlines and their sequences.
 */
export const handler = httpHandler(async (event) => {
  const query = readQuery(event, calendarQuery);
  const records = await listTreaties();
  const calendar = toCalendar({
    name: "Treaty deadlines",
    entries: records.flatMap(({ treaty, deadlines, sequences }) =>
      deadlines.map((deadline) => ({
        treaty,
        deadline,
        sequence: calendarSequence(deadline, sequences),
      })),
    ),
    alarmsDays: alarmDays(query.alarms),
    ...(apiBaseUrl ? { apiBaseUrl } : {}),
  });
  return {
    status: 200,
    text: calendar,
    contentType: "text/calendar; charset=utf-8",
    headers: { "content-disposition": 'inline; filename="treaty-deadlines.ics"' },
  };
});
