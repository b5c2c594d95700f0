import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { calendarSequence, deadlineSeries, deadlineUid, sequenceAfter } from "#domain/deadline-identity";
import type { Deadline } from "#domain/types";
import { toCalendar } from "#formats/ics";
import { infTreaty, usWithdrawalDeadline } from "../../support/inf.ts";

function parseCalendar(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const events = calendar.getAllSubcomponents("vevent");
  return { calendar, events };
}

const MADE = new Date("2026-11-30T10:15:42.500Z");

function calendarFor(deadline: Deadline, sequence = 0, extra: Partial<Parameters<typeof toCalendar>[0]> = {}) {
  return toCalendar({
    name: "Treaty deadlines",
    entries: [{ treaty: infTreaty(), deadline, sequence }],
    stamp: MADE,
    ...extra,
  });
}

describe("iCalendar feed", () => {
  it("shows each deadline as an all-day event ending the next day", () => {
    const { events } = parseCalendar(calendarFor(usWithdrawalDeadline()));
    expect(events).toHaveLength(1);
    const event = new ICAL.Event(events[0]);
    expect(event.startDate.isDate).toBe(true);
    expect(event.startDate.toString()).toBe("2019-08-02");
    expect(event.endDate.isDate).toBe(true);
    expect(event.endDate.toString()).toBe("2019-08-03");
  });

  it("writes the dates as DATE values, with DTEND exclusive at the end of a month", () => {
    const deadline = { ...usWithdrawalDeadline(), date: "2019-08-31" };
    const text = calendarFor(deadline);
    expect(text).toContain("DTSTART;VALUE=DATE:20190831\r\n");
    expect(text).toContain("DTEND;VALUE=DATE:20190901\r\n");
  });

  it("names the event like a headline: INF Treaty: U.S. withdrawal takes effect", () => {
    const event = new ICAL.Event(parseCalendar(calendarFor(usWithdrawalDeadline())).events[0]);
    expect(event.summary).toBe("INF Treaty: U.S. withdrawal takes effect");
  });

  it("explains the deadline, its article, its warnings and its sources in the description", () => {
    const exit = usWithdrawalDeadline();
    const warned = { ...exit, basis: { ...exit.basis, warnings: ["The notice must state the extraordinary events."] } };
    const event = new ICAL.Event(parseCalendar(calendarFor(warned)).events[0]);
    expect(event.description).toBe(
      [
        "Notice delivered on 2 February 2019. Article XV(2): withdrawal takes effect six months after notice. 2 February 2019 + 6 months = 2 August 2019.",
        "Basis: INF Treaty, Article XV(2)",
        "Warning: The notice must state the extraordinary events.",
        "Sources:",
        ...infTreaty().sources.map((source) => source.url),
      ].join("\n"),
    );
  });

  it("keeps the same UID when the deadline's date moves, so calendars update the entry", () => {
    const before = usWithdrawalDeadline();
    const after = { ...before, date: "2019-09-02" };
    const uidOf = (d: Deadline) => new ICAL.Event(parseCalendar(calendarFor(d)).events[0]).uid;
    expect(uidOf(before)).toBe("inf-withdrawal_effective-US@treaty-clock");
    expect(uidOf(after)).toBe(uidOf(before));
    expect(deadlineUid("inf", { ...before, party: undefined })).toBe("inf-withdrawal_effective-all@treaty-clock");
  });

  it("keeps a party's withdrawal under one UID when a later notice replaces the earlier one", () => {
    const first = usWithdrawalDeadline();
    const later = { ...first, date: "2019-09-15", basis: { ...first.basis, triggerEventId: "ev-later-notice" } };
    expect(deadlineUid("inf", later)).toBe(deadlineUid("inf", first));
    expect(deadlineUid("inf", { ...first, party: "RU" })).not.toBe(deadlineUid("inf", first));
  });

  it("gives each ultimatum its own UID, named by the event that set it", () => {
    const ultimatum = (triggerEventId: string): Deadline => ({
      kind: "ultimatum_end",
      date: "2019-02-02",
      party: "US",
      basis: { ...usWithdrawalDeadline().basis, triggerEventId },
    });
    expect(deadlineUid("inf", ultimatum("ev-60-days"))).toBe("inf-ultimatum_end-US-ev-60-days@treaty-clock");
    expect(deadlineUid("inf", ultimatum("ev-other"))).not.toBe(deadlineUid("inf", ultimatum("ev-60-days")));
  });

  it("carries the given SEQUENCE", () => {
    const event = new ICAL.Event(parseCalendar(calendarFor(usWithdrawalDeadline(), 3)).events[0]);
    expect(event.sequence).toBe(3);
  });

  it("raises SEQUENCE only when the deadline's date changes", () => {
    expect(sequenceAfter(undefined, "2019-08-02").sequence).toBe(0);
    expect(sequenceAfter({ date: "2019-08-02", sequence: 2 }, "2019-08-02").sequence).toBe(2);
    expect(sequenceAfter({ date: "2019-08-02", sequence: 2 }, "2019-09-02").sequence).toBe(3);
    expect(sequenceAfter({ date: "2019-09-02", sequence: 3 }, "2019-08-02").sequence).toBe(4);
  });

  describe("SEQUENCE from the store's per-series sequences", () => {
    const first = usWithdrawalDeadline();
    const later = { ...first, date: "2019-09-15", basis: { ...first.basis, triggerEventId: "ev-later" } };

    it("is the series' stored sequence, whichever notice set the date", () => {
      expect(calendarSequence(first, undefined)).toBe(0);
      expect(calendarSequence(first, { [deadlineSeries(first)]: { date: first.date, sequence: 2 } })).toBe(2);
      expect(calendarSequence(later, { [deadlineSeries(later)]: { date: later.date, sequence: 3 } })).toBe(3);
      expect(deadlineSeries(later)).toBe(deadlineSeries(first));
    });

    it("keeps one series per party, and one per ultimatum", () => {
      const russian = { ...first, party: "RU" };
      expect(deadlineSeries(russian)).not.toBe(deadlineSeries(first));
      const ultimatum: Deadline = { ...first, kind: "ultimatum_end", basis: { ...first.basis, triggerEventId: "u2" } };
      const other: Deadline = { ...ultimatum, basis: { ...first.basis, triggerEventId: "u1" } };
      expect(deadlineSeries(ultimatum)).not.toBe(deadlineSeries(other));
    });
  });

  it("reminds at 09:00 seven days and one day before by default", () => {
    const [event] = parseCalendar(calendarFor(usWithdrawalDeadline())).events;
    const alarms = event?.getAllSubcomponents("valarm") ?? [];
    expect(alarms).toHaveLength(2);
    expect(alarms.map((alarm) => alarm.getFirstPropertyValue("action"))).toEqual(["DISPLAY", "DISPLAY"]);
    expect(alarms.map((alarm) => String(alarm.getFirstPropertyValue("trigger")))).toEqual(["-P6DT15H", "-PT15H"]);
    expect(alarms[0]?.getFirstPropertyValue("description")).toBe("INF Treaty: U.S. withdrawal takes effect in 7 days");
  });

  it("sets reminders on the days asked for, including the day itself", () => {
    const [event] = parseCalendar(calendarFor(usWithdrawalDeadline(), 0, { alarmsDays: [0, 30] })).events;
    const triggers = (event?.getAllSubcomponents("valarm") ?? []).map((a) =>
      String(a.getFirstPropertyValue("trigger")),
    );
    expect(triggers).toEqual(["-P29DT15H", "PT9H"]);
  });

  it("names the calendar with X-WR-CALNAME", () => {
    const { calendar } = parseCalendar(calendarFor(usWithdrawalDeadline()));
    expect(calendar.getFirstPropertyValue("x-wr-calname")).toBe("Treaty deadlines");
  });

  it("links to the treaty's deadlines in the API when a base URL is given", () => {
    const text = calendarFor(usWithdrawalDeadline(), 0, { apiBaseUrl: "https://api.example.org/v1/" });
    const event = parseCalendar(text).events[0];
    expect(event?.getFirstPropertyValue("url")).toBe("https://api.example.org/v1/treaties/inf/deadlines");
    expect(parseCalendar(calendarFor(usWithdrawalDeadline())).events[0]?.getFirstPropertyValue("url")).toBeNull();
  });

  it("gives the same bytes for the same deadlines in any order, stamped with when the feed was made", () => {
    const notice: Deadline = {
      kind: "earliest_notice",
      date: "1988-06-01",
      basis: { ...usWithdrawalDeadline().basis, triggerEventId: undefined, triggerDate: "1988-06-01" },
    };
    const entries = [
      { treaty: infTreaty(), deadline: usWithdrawalDeadline(), sequence: 1 },
      { treaty: infTreaty(), deadline: notice, sequence: 0 },
    ];
    const one = toCalendar({ name: "INF", entries, stamp: MADE });
    const two = toCalendar({ name: "INF", entries: [...entries].reverse(), stamp: MADE });
    expect(two).toBe(one);
    const stamps = parseCalendar(one).events.map((e) => String(e.getFirstPropertyValue("dtstamp")));
    expect(stamps).toEqual(["2026-11-30T10:15:42Z", "2026-11-30T10:15:42Z"]);
    expect(one).toContain("SUMMARY:INF Treaty: earliest notice of withdrawal\r\n");
  });

  it("refuses two deadlines that would share a UID", () => {
    const entry = { treaty: infTreaty(), deadline: usWithdrawalDeadline(), sequence: 0 };
    expect(() => toCalendar({ name: "INF", entries: [entry, entry], stamp: MADE })).toThrow(/UID/);
  });

  it("ends every content line with CRLF, END:VCALENDAR included (RFC 5545 3.1)", () => {
    const text = calendarFor(usWithdrawalDeadline());
    expect(text.endsWith("END:VCALENDAR\r\n")).toBe(true);
    expect(text.split("\r\n").at(-1)).toBe("");
    expect(text.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
  });
});
