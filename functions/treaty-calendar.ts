import { calendarReply } from "#http/calendar";
import { calendarQuery } from "#http/format-schemas";
import { httpHandler } from "#http/handler";
import { readQuery, treatyIdFrom } from "#http/request";
import { getTreaty } from "#store/treaties";

/**
 * GET /treaties/{treatyId}/calendar.ics: the treaty's deadlines as an iCalendar feed to
 * subscribe to. One GetItem: the treaty record carries its deadlines and their sequences.
 */
export const handler = httpHandler(async (event) => {
  const treatyId = treatyIdFrom(event);
  const query = readQuery(event, calendarQuery);
  const record = await getTreaty(treatyId);
  return calendarReply({
    name: `${record.treaty.shortName} deadlines`,
    fileName: `${record.treaty.id}.ics`,
    records: [record],
    alarms: query.alarms,
    style: query.style,
    lang: query.lang,
  });
});
