/**
 * Deadlines as an iCalendar feed newsrooms subscribe to. Each deadline is one all-day event whose
 * UID survives a change of date, with a SEQUENCE that rises when the date moves, so calendar
 * clients update the entry instead of adding a second one. The output is byte-stable for the same
 * input and `stamp`: DTSTAMP is when the feed was made (RFC 5545 3.8.7.2, with METHOD:PUBLISH), so the
 * caller passes the clock in.
 */

import ical, { ICalAlarmType, ICalCalendarMethod } from "ical-generator";
import { utcMidnight } from "#domain/calendar";
import { deadlineUid } from "#domain/deadline-identity";
import type { Deadline, Treaty } from "#domain/types";
import { linkableSources } from "#formats/html";
import { englishPhrasebook } from "#formats/sentence";
import type { Phrasebook } from "#formats/sentences/phrasebook";

export interface CalendarEntry {
  /** `parties` is optional; with it a party without an AP adjective is named ("Lithuania's"). */
  treaty: Pick<Treaty, "id" | "shortName" | "sources"> & Partial<Pick<Treaty, "parties" | "nameTakesArticle">>;
  deadline: Deadline;
  /** From `calendarSequence` in lib/domain/deadline-identity.ts. */
  sequence: number;
}

export interface CalendarInput {
  /** The calendar's name (X-WR-CALNAME). */
  name: string;
  entries: CalendarEntry[];
  /** With it, each event links to `<apiBaseUrl>/treaties/<id>/deadlines`. */
  apiBaseUrl?: string;
  /** Reminders, in days before the deadline; each fires at 09:00 that day. Default [7, 1]. */
  alarmsDays?: number[];
  /** When the feed was made: the DTSTAMP of every event (to the second). */
  stamp: Date;
  /** The language and style of summaries and reminders; default AP English. */
  phrasebook?: Phrasebook;
}

const DEFAULT_ALARM_DAYS = [7, 1] as const;
const ALARM_HOUR = 9;
const SECONDS_PER_DAY = 86_400;

/** "INF Treaty: U.S. withdrawal takes effect", in the phrasebook's language. */
export function deadlineSummary(
  entry: Pick<CalendarEntry, "treaty" | "deadline">,
  book: Phrasebook = englishPhrasebook(),
): string {
  const { treaty, deadline } = entry;
  const partyName = treaty.parties?.find((party) => party.code === deadline.party)?.name;
  const party =
    deadline.party === undefined
      ? undefined
      : { code: deadline.party, ...(partyName === undefined ? {} : { name: partyName }) };
  return book.summary(treaty, deadline.kind, party);
}

export function toCalendar(input: CalendarInput): string {
  const alarmDays = normaliseAlarmDays(input.alarmsDays ?? [...DEFAULT_ALARM_DAYS]);
  const book = input.phrasebook ?? englishPhrasebook();
  const calendar = ical({
    name: input.name,
    prodId: { company: "treaty-clock", product: "treaty-clock", language: book.tag.slice(0, 2).toUpperCase() },
    method: ICalCalendarMethod.PUBLISH,
  });

  const stamp = new Date(Math.floor(input.stamp.getTime() / 1000) * 1000);
  const seen = new Set<string>();
  // Sorted by date then UID, so the same deadlines give the same bytes whatever order they came in.
  const entries = input.entries
    .map((entry) => ({ entry, uid: deadlineUid(entry.treaty.id, entry.deadline), date: entry.deadline.date }))
    .sort((a, b) => compareStrings(a.date, b.date) || compareStrings(a.uid, b.uid));

  for (const { entry, uid } of entries) {
    if (seen.has(uid)) throw new RangeError(`Two deadlines share the calendar UID ${uid}`);
    seen.add(uid);
    if (!Number.isInteger(entry.sequence) || entry.sequence < 0) {
      throw new RangeError(`SEQUENCE must be a whole number from 0, not ${entry.sequence}`);
    }
    const { deadline, treaty } = entry;
    const start = utcMidnight(deadline.date);
    const summary = deadlineSummary(entry, book);
    calendar.createEvent({
      id: uid,
      sequence: entry.sequence,
      stamp,
      start,
      // All-day DTEND is exclusive: the day after.
      end: new Date(start.getTime() + SECONDS_PER_DAY * 1000),
      allDay: true,
      summary,
      description: deadlineDescription(entry),
      url: input.apiBaseUrl ? deadlinesUrl(input.apiBaseUrl, treaty.id) : null,
      alarms: alarmDays.map((days) => ({
        type: ICalAlarmType.display,
        // Seconds before the start of the day (positive = before): 09:00 on the day `days` before.
        trigger: days * SECONDS_PER_DAY - ALARM_HOUR * 3600,
        description: `${summary} ${book.inDays(days)}`,
      })),
    });
  }
  // RFC 5545 3.1: every content line ends with CRLF, END:VCALENDAR included; ical-generator leaves the last one off.
  const text = calendar.toString();
  return text.endsWith("\r\n") ? text : `${text}\r\n`;
}

function deadlineDescription({ treaty, deadline }: Pick<CalendarEntry, "treaty" | "deadline">): string {
  const lines = [deadline.basis.explanation, `Basis: ${deadline.basis.article}`];
  for (const warning of deadline.basis.warnings) lines.push(`Warning: ${warning}`);
  const links = linkableSources(treaty.sources);
  if (links.length > 0) lines.push("Sources:", ...links.map((link) => link.href));
  return lines.join("\n");
}

function deadlinesUrl(apiBaseUrl: string, treatyId: string): string {
  return `${apiBaseUrl.replace(/\/+$/, "")}/treaties/${encodeURIComponent(treatyId)}/deadlines`;
}

function normaliseAlarmDays(days: readonly number[]): number[] {
  for (const day of days) {
    if (!Number.isInteger(day) || day < 0) throw new RangeError(`Alarm days must be whole numbers from 0, not ${day}`);
  }
  return [...new Set(days)].sort((a, b) => b - a);
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
