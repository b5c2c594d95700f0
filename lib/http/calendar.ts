import { calendarSequence } from "#domain/deadline-identity";
import type { TreatyRecord } from "#domain/records";
import { toCalendar } from "#formats/ics";
import { type Language, phrasebook, type Style } from "#formats/sentence";
import { alarmDays } from "#http/format-schemas";
import type { Reply } from "#http/handler";
import { now } from "#lib/clock";
import { optionalEnv } from "#lib/config";

const apiBaseUrl = optionalEnv("PUBLIC_API_URL");

/** An iCalendar reply for the deadlines of some treaties; each record carries its deadlines and sequences. */
export async function calendarReply(input: {
  name: string;
  fileName: string;
  records: Array<Pick<TreatyRecord, "treaty" | "deadlines" | "sequences">>;
  alarms: string | undefined;
  /** The style and language of the summaries; default AP English. */
  style?: Style | undefined;
  lang?: Language | undefined;
}): Promise<Reply> {
  const book = await phrasebook(input.style, input.lang);
  const made = now();
  const calendar = toCalendar({
    name: input.name,
    entries: input.records.flatMap(({ treaty, deadlines, sequences }) =>
      deadlines.map((deadline) => ({ treaty, deadline, sequence: calendarSequence(deadline, sequences) })),
    ),
    alarmsDays: alarmDays(input.alarms),
    stamp: made,
    phrasebook: book,
    ...(apiBaseUrl ? { apiBaseUrl } : {}),
  });
  return {
    status: 200,
    text: calendar,
    contentType: "text/calendar; charset=utf-8",
    headers: { "content-disposition": `inline; filename="${input.fileName}"` },
    // The same deadlines made a second later are the same feed.
    etagBasis: calendar.replace(/^DTSTAMP:.*\r\n/gm, ""),
  };
}
