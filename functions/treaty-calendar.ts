import { calendarSequence, toCalendar } from "#formats/ics";
import { alarmDays, calendarQuery } from "#http/format-schemas";
import { httpHandler } from "#http/handler";
import { readQuery, treatyIdFrom } from "#http/request";
import { optionalEnv } from "#lib/config";
import { getTreaty } from "#store/treaties";

const apiBaseUrl = optionalEnv("PUBLIC_API_URL");

/**
 * GET /treaties/{treatyId}/calendar.ics: the treaty's deadlines as an iCalendar feed to
 * subscribe to. One GetItem: the treaty record carries its deadlines and their sequences.
 */
export const handler = httpHandler(async (event) => {
  const treatyId = treatyIdFrom(event);
  const query = readQuery(event, calendarQuery);
  const { treaty, deadlines, sequences } = await getTreaty(treatyId);
  const calendar = toCalendar({
    name: `${treaty.shortName} deadlines`,
    entries: deadlines.map((deadline) => ({
      treaty,
      deadline,
      sequence: calendarSequence(deadline, sequences),
    })),
    alarmsDays: alarmDays(query.alarms),
    ...(apiBaseUrl ? { apiBaseUrl } : {}),
  });
  return {
    status: 200,
    text: calendar,
    contentType: "text/calendar; charset=utf-8",
    headers: { "content-disposition": `inline; filename="${treaty.id}.ics"` },
  };
});
