import { parse as parseCsv } from "csv-parse/sync";
import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { TIMELINE_CSV_COLUMNS } from "#formats/csv";
import { handler as allCalendar } from "../../functions/all-calendar.ts";
import { handler as daysUntilExit } from "../../functions/days-until-exit.ts";
import { handler as embed } from "../../functions/embed.ts";
import { handler as listHistory } from "../../functions/list-history.ts";
import { handler as retractEvent } from "../../functions/retract-event.ts";
import { handler as treatyCalendar } from "../../functions/treaty-calendar.ts";
import { givenEvent, givenTreaty } from "../support/fixtures.ts";
import { call, sampleEvent } from "../support/lambda.ts";

const history = (treatyId: string, query: Record<string, string>) =>
  call(listHistory, sampleEvent("list-history.json", { path: { treatyId }, query }));
const sentence = (treatyId: string, query: Record<string, string>) =>
  call(daysUntilExit, sampleEvent("days-until-exit.json", { path: { treatyId }, query }));
const calendarOf = (treatyId: string, query: Record<string, string> | null = null, headers = {}) =>
  call(treatyCalendar, sampleEvent("treaty-calendar.json", { path: { treatyId }, query, headers }));
const embedOf = (treatyId: string, query: Record<string, string> | null = null, headers = {}) =>
  call(embed, sampleEvent("embed.json", { path: { treatyId }, query, headers }));

function vevents(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  return { calendar, events: calendar.getAllSubcomponents("vevent").map((component) => new ICAL.Event(component)) };
}

const INF_EVENT_COUNT = 17;

describe("TimelineJS JSON from /history?format=timelinejs", () => {
  it("opens the INF timeline with a title slide and gives every event its own slide", async () => {
    const answer = await history("inf", { format: "timelinejs" });
    expect(answer.status).toBe(200);
    expect(answer.headers["content-type"]).toBe("application/json");
    const timeline = answer.body;
    expect(timeline.title.text.headline).toBe("INF Treaty");
    expect(timeline.title.text.text).toContain("Signed Dec. 8, 1987; in force June 1, 1988.");
    expect(timeline.events).toHaveLength(INF_EVENT_COUNT);
    expect(timeline.events[0]).toMatchObject({
      start_date: { year: 1987, month: 12, day: 8 },
      unique_id: "inf-1987-12-08-signed",
      group: "Signing",
    });
    expect(timeline.events.at(-1).unique_id).toBe("inf-2019-08-02-us-withdrawal-effective");
  });

  it("dates the May 1991 eliminations to the month only, with their description and linked sources", async () => {
    const { body } = await history("inf", { format: "timelinejs" });
    const slide = body.events.find((s: { unique_id: string }) => s.unique_id === "inf-1991-05-eliminations-completed");
    expect(slide.start_date).toEqual({ year: 1991, month: 5 });
    expect(slide.display_date).toBe("May 1991");
    expect(slide.group).toBe("Other");
    expect(slide.text.headline).toBe("Eliminations completed: 2,692 missiles destroyed");
    expect(slide.text.text).toContain("<p>By May 1991, ahead of the treaty&#39;s June 1, 1991 deadline");
    expect(slide.text.text).toContain('<a href="https://nuke.fas.org/control/inf/">');
  });

  it("draws an In force era from 1 June 1988 to 2 August 2019", async () => {
    const { body } = await history("inf", { format: "timelinejs" });
    expect(body.eras).toEqual([
      {
        start_date: { year: 1988, month: 6, day: 1 },
        end_date: { year: 2019, month: 8, day: 2 },
        text: { headline: "In force" },
      },
    ]);
    expect(body.scale).toBe("human");
  });

  it.each([
    ["ottawa", "the Ottawa Convention, in force for most parties after Lithuania's exit", undefined],
    ["open-skies", "the Open Skies Treaty, in force for most parties after the U.S. and Russian exits", undefined],
    ["new-start", "New START, whose term expired on 5 February 2026", { year: 2026, month: 2, day: 5 }],
  ])("ends the In force era of %s as the treaty's status has it (%s)", async (treatyId, _why, end) => {
    const today = new Date().toISOString().slice(0, 10);
    const [year, month, day] = today.split("-").map(Number);
    const expected = end ?? { year, month, day };
    const json = await history(treatyId, { format: "timelinejs" });
    expect(json.body.eras[0].end_date).toEqual(expected);
    const rows: Record<string, string>[] = parseCsv((await history(treatyId, { format: "csv" })).text, {
      columns: true,
    });
    expect(rows.at(-1)).toMatchObject({
      Type: "era",
      "End Year": String(expected.year),
      "End Month": String(expected.month),
      "End Day": String(expected.day),
    });
  });

  it("keeps the era to 2 August 2019 when a type filter leaves out the withdrawal", async () => {
    const { status, body } = await history("inf", { format: "timelinejs", type: "withdrawal_notice" });
    expect(status).toBe(200);
    expect(body.events.map((s: { unique_id: string }) => s.unique_id)).toEqual(["inf-2019-02-02-us-withdrawal-notice"]);
    expect(body.eras[0].end_date).toEqual({ year: 2019, month: 8, day: 2 });
  });

  it("applies from, to and party like the JSON pages do", async () => {
    const json = await history("inf", { from: "1991", to: "2018", party: "US", limit: "200" });
    const timeline = await history("inf", { from: "1991", to: "2018", party: "US", format: "timelinejs" });
    expect(timeline.body.events.map((s: { unique_id: string }) => s.unique_id)).toEqual(
      json.body.events.map((e: { id: string }) => e.id),
    );
    expect(timeline.body.events.length).toBeGreaterThan(0);
  });

  it("shows a stored title with markup as text, never as HTML", async () => {
    const treatyId = await givenTreaty();
    await givenEvent(treatyId, { type: "statement", title: '<img src=x onerror="alert(1)">' });
    const { body } = await history(treatyId, { format: "timelinejs" });
    expect(body.events[0].text.headline).toBe("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
  });

  it.each([
    [{ cursor: "abc" }, "cursor"],
    [{ limit: "10" }, "limit"],
    [{ order: "desc" }, "order"],
  ])("refuses %j with a whole-timeline format, as a 400 problem naming it", async (paging, named) => {
    for (const format of ["timelinejs", "csv"]) {
      const answer = await history("inf", { format, ...paging });
      expect(answer.status).toBe(400);
      expect(answer.headers["content-type"]).toBe("application/problem+json");
      expect(answer.body.detail).toContain(named);
    }
  });

  it("refuses an unknown format with a 400 problem listing the formats", async () => {
    const answer = await history("inf", { format: "xml" });
    expect(answer.status).toBe(400);
    expect(answer.body.detail).toContain("timelinejs");
  });

  it("answers 404 for a treaty that does not exist", async () => {
    expect((await history("no-such-treaty", { format: "timelinejs" })).status).toBe(404);
    expect((await history("no-such-treaty", { format: "csv" })).status).toBe(404);
  });
});

describe("TimelineJS sheet CSV from /history?format=csv", () => {
  it("downloads the INF timeline as <treatyId>-timeline.csv with the template's columns", async () => {
    const answer = await history("inf", { format: "csv" });
    expect(answer.status).toBe(200);
    expect(answer.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(answer.headers["content-disposition"]).toBe('attachment; filename="inf-timeline.csv"');
    expect(answer.text).toMatch(/\r\n$/);
    const rows: Record<string, string>[] = parseCsv(answer.text, { columns: true });
    expect(Object.keys(rows[0] ?? {})).toEqual([...TIMELINE_CSV_COLUMNS]);
    expect(rows).toHaveLength(1 + INF_EVENT_COUNT + 1);
    expect(rows[0]).toMatchObject({ Type: "title", Headline: "INF Treaty" });
    const may1991 = rows.find((row) => row.Headline?.startsWith("Eliminations completed"));
    expect(may1991).toMatchObject({ Year: "1991", Month: "5", Day: "", "Display Date": "May 1991", Group: "Other" });
    expect(rows.at(-1)).toMatchObject({
      Type: "era",
      Year: "1988",
      Month: "6",
      Day: "1",
      "End Year": "2019",
      "End Month": "8",
      "End Day": "2",
    });
  });

  it('writes the CFE headline "Russia\'s suspension of the CFE Treaty takes effect" as plain text', async () => {
    const rows: Record<string, string>[] = parseCsv((await history("cfe", { format: "csv" })).text, { columns: true });
    expect(rows.map((row) => row.Headline)).toContain("Russia's suspension of the CFE Treaty takes effect");
    expect(rows.every((row) => !/&#39;|&quot;/.test(`${row.Headline}${row.Group}`))).toBe(true);
  });

  it("turns a title that a spreadsheet would run as a formula into text", async () => {
    const treatyId = await givenTreaty();
    await givenEvent(treatyId, { type: "statement", title: '=HYPERLINK("https://evil.example","click")' });
    await givenEvent(treatyId, { type: "statement", date: "2019-03-01", title: "-2+3 said the minister" });
    const answer = await history(treatyId, { format: "csv" });
    const rows: Record<string, string>[] = parseCsv(answer.text, { columns: true });
    const headlines = rows.map((row) => row.Headline);
    expect(headlines).toContain(`'=HYPERLINK("https://evil.example","click")`);
    expect(headlines).toContain("'-2+3 said the minister");
    expect(headlines.every((headline) => !/^[=+\-@]/.test(headline ?? ""))).toBe(true);
    expect(answer.headers["content-disposition"]).toBe(`attachment; filename="${treatyId}-timeline.csv"`);
  });
});

/** A feed without its DTSTAMPs, which say when it was made. */
const unstamped = (text: string) => text.replace(/^DTSTAMP:.*\r\n/gm, "");

describe("iCalendar feed of a treaty's deadlines", () => {
  it("writes the summaries in German with lang=de and in British style with style=uk", async () => {
    const german = vevents((await calendarOf("inf", { lang: "de" })).text).events.map((event) => event.summary);
    expect(german).toContain("Der INF-Vertrag: Austritt der USA wird wirksam");
    const british = vevents((await calendarOf("inf", { style: "uk" })).text).events.map((event) => event.summary);
    expect(british).toContain("INF Treaty: US withdrawal takes effect");
  });

  it("shows the U.S. exit from the INF Treaty as an all-day event on 2 August 2019, ending the next day", async () => {
    const answer = await calendarOf("inf");
    expect(answer.status).toBe(200);
    expect(answer.headers["content-type"]).toBe("text/calendar; charset=utf-8");
    const { calendar, events } = vevents(answer.text);
    expect(calendar.getFirstPropertyValue("x-wr-calname")).toBe("INF Treaty deadlines");
    const exit = events.find((event) => event.summary === "INF Treaty: U.S. withdrawal takes effect");
    expect(exit).toBeDefined();
    expect(exit?.uid).toBe("inf-withdrawal_effective-US@treaty-clock");
    expect(exit?.startDate.isDate).toBe(true);
    expect(exit?.startDate.toString()).toBe("2019-08-02");
    expect(exit?.endDate.toString()).toBe("2019-08-03");
    expect(exit?.sequence).toBe(0);
    expect(exit?.description).toContain("2 February 2019 + 6 months = 2 August 2019.");
    expect(exit?.description).toContain("Basis: INF Treaty, Article XV(2)");
    expect(exit?.description).toContain("https://www.armscontrol.org/factsheets/INFtreaty");
    const stamp = exit?.component.getFirstPropertyValue("dtstamp") as ICAL.Time | undefined;
    // DTSTAMP is when the feed was made, not a date from the record.
    expect(Math.abs((stamp?.toJSDate().getTime() ?? 0) - Date.now())).toBeLessThan(60_000);
    expect(answer.text.endsWith("END:VCALENDAR\r\n")).toBe(true);
    const alarms = exit?.component.getAllSubcomponents("valarm") ?? [];
    expect(alarms.map((alarm) => String(alarm.getFirstPropertyValue("trigger")))).toEqual(["-P6DT15H", "-PT15H"]);
  });

  it("gives the same feed and ETag twice (DTSTAMP aside), and 304 to a client that has it", async () => {
    const first = await calendarOf("inf");
    const second = await calendarOf("inf");
    expect(unstamped(second.text)).toBe(unstamped(first.text));
    expect(second.headers.etag).toBe(first.headers.etag);
    expect(first.headers.etag).toMatch(/^W\/"[\w-]+"$/);
    expect(first.headers["cache-control"]).toMatch(/max-age=\d+/);
    const again = await calendarOf("inf", null, { "if-none-match": first.headers.etag });
    expect(again.status).toBe(304);
    expect(again.text).toBe("");
  });

  it("sets the reminders asked for with ?alarms=30,0, and none with ?alarms=none", async () => {
    const asked = vevents((await calendarOf("inf", { alarms: "30,0" })).text).events[0];
    const triggers = (asked?.component.getAllSubcomponents("valarm") ?? []).map((alarm) =>
      String(alarm.getFirstPropertyValue("trigger")),
    );
    expect(triggers).toEqual(["-P29DT15H", "PT9H"]);
    const none = vevents((await calendarOf("inf", { alarms: "none" })).text).events;
    expect(none.every((event) => event.component.getAllSubcomponents("valarm").length === 0)).toBe(true);
  });

  it.each([
    [{ alarms: "tomorrow" }, "alarms"],
    [{ alarms: "400" }, "365"],
    [{ alarms: "1,2,3,4,5,6" }, "at most 5"],
    [{ alarm: "7" }, "alarm"],
  ])("refuses %j with a 400 problem that names it", async (query, named) => {
    const answer = await calendarOf("inf", query);
    expect(answer.status).toBe(400);
    expect(answer.headers["content-type"]).toBe("application/problem+json");
    expect(answer.body.detail).toContain(named);
  });

  it("answers 404 for a treaty that does not exist", async () => {
    expect((await calendarOf("no-such-treaty")).status).toBe(404);
  });

  it("keeps the UID and raises SEQUENCE to 1 when a later notice moves the exit", async () => {
    const treatyId = await givenTreaty();
    await givenEvent(treatyId, { date: "2019-02-02", type: "withdrawal_notice", party: "US" });
    const before = vevents((await calendarOf(treatyId)).text).events;
    expect(before).toHaveLength(1);
    expect(before[0]?.startDate.toString()).toBe("2019-08-02");
    expect(before[0]?.sequence).toBe(0);

    await givenEvent(treatyId, { date: "2019-03-15", type: "withdrawal_notice", party: "US", title: "Second notice" });
    const after = vevents((await calendarOf(treatyId)).text).events;
    expect(after).toHaveLength(1);
    expect(after[0]?.uid).toBe(before[0]?.uid);
    expect(after[0]?.startDate.toString()).toBe("2019-09-15");
    expect(after[0]?.sequence).toBe(1);
  });

  it("raises SEQUENCE again when retracting the later notice moves the exit back", async () => {
    const treatyId = await givenTreaty();
    await givenEvent(treatyId, { date: "2019-02-02", type: "withdrawal_notice", party: "US" });
    const second = await givenEvent(treatyId, { date: "2019-03-15", type: "withdrawal_notice", party: "US" });
    const retracted = await call(
      retractEvent,
      sampleEvent("retract-event.json", {
        path: { treatyId, eventId: second.id },
        body: { reason: "The second note was never sent." },
      }),
    );
    expect(retracted.status).toBe(200);
    const events = vevents((await calendarOf(treatyId)).text).events;
    expect(events).toHaveLength(1);
    expect(events[0]?.startDate.toString()).toBe("2019-08-02");
    expect(events[0]?.sequence).toBe(2);
  });

  it("leaves SEQUENCE alone when an event that moves no deadline is added", async () => {
    const treatyId = await givenTreaty();
    await givenEvent(treatyId, { date: "2019-02-02", type: "withdrawal_notice", party: "US" });
    const before = await calendarOf(treatyId);
    await givenEvent(treatyId, { date: "2019-05-01", type: "statement", title: "A statement" });
    const after = await calendarOf(treatyId);
    expect(unstamped(after.text)).toBe(unstamped(before.text));
    expect(after.headers.etag).toBe(before.headers.etag);
  });
});

describe("iCalendar feed of every treaty's deadlines", () => {
  it("holds the INF and ABM exits and a treaty created a moment ago", async () => {
    const treatyId = await givenTreaty();
    await givenEvent(treatyId, { date: "2019-02-02", type: "withdrawal_notice", party: "US" });
    const answer = await call(allCalendar, sampleEvent("all-calendar.json"));
    expect(answer.status).toBe(200);
    expect(answer.headers["content-type"]).toBe("text/calendar; charset=utf-8");
    const { calendar, events } = vevents(answer.text);
    expect(calendar.getFirstPropertyValue("x-wr-calname")).toBe("Treaty deadlines");
    const uids = events.map((event) => event.uid);
    expect(uids).toContain("inf-withdrawal_effective-US@treaty-clock");
    expect(uids).toContain("abm-withdrawal_effective-US@treaty-clock");
    expect(uids).toContain(`${treatyId}-withdrawal_effective-US@treaty-clock`);
    expect(new Set(uids).size).toBe(uids.length);
  });

  it("refuses an unknown parameter with a 400 problem", async () => {
    const answer = await call(allCalendar, sampleEvent("all-calendar.json", { query: { treaty: "inf" } }));
    expect(answer.status).toBe(400);
    expect(answer.body.detail).toContain("treaty");
  });
});

describe("the countdown as one AP-style sentence (days-until-exit?format=text)", () => {
  it("says: The U.S. withdrawal from the INF Treaty takes effect in 29 days, on Aug. 2, 2019.", async () => {
    const answer = await sentence("inf", { asOf: "2019-07-04", format: "text" });
    expect(answer.status).toBe(200);
    expect(answer.headers["content-type"]).toBe("text/plain; charset=utf-8");
    expect(answer.text).toBe("The U.S. withdrawal from the INF Treaty takes effect in 29 days, on Aug. 2, 2019.");
    expect(answer.headers.etag).toBeDefined();
  });

  it("says tomorrow, today and days ago around the exit", async () => {
    const on = async (asOf: string) => (await sentence("inf", { asOf, format: "text" })).text;
    expect(await on("2019-08-01")).toBe("The U.S. withdrawal from the INF Treaty takes effect tomorrow, Aug. 2, 2019.");
    expect(await on("2019-08-02")).toBe("The U.S. withdrawal from the INF Treaty takes effect today, Aug. 2, 2019.");
    expect(await on("2020-01-01")).toBe("The INF Treaty ended on Aug. 2, 2019, when the U.S. withdrawal took effect.");
    expect((await sentence("cfe", { asOf: "2023-11-17", format: "text" })).text).toBe(
      "Russia's withdrawal from the CFE Treaty took effect 10 days ago, on Nov. 7, 2023.",
    );
  });

  it("says no withdrawal is pending for a treaty with no notice on record", async () => {
    const treatyId = await givenTreaty();
    const answer = await sentence(treatyId, { asOf: "2019-07-04", format: "text" });
    expect(answer.text).toBe("No withdrawal from the Test Treaty is pending.");
  });

  it("words a what-if as a condition, never as news", async () => {
    const answer = await sentence("paris", { asOf: "2026-11-26", noticeOn: "2026-11-26", party: "US", format: "text" });
    expect(answer.text).toBe(
      "If notice of U.S. withdrawal from the Paris Agreement were given on Nov. 26, 2026, it would take effect in 365 days, on Nov. 26, 2027.",
    );
  });

  it("says a what-if on the INF Treaty, ended in 2019, is conditional on a treaty no longer in force, and warns", async () => {
    const query = { asOf: "2026-11-30", noticeOn: "2026-11-30" };
    const text = await sentence("inf", { ...query, format: "text" });
    expect(text.text).toBe(
      "The INF Treaty ended on Aug. 2, 2019, and is no longer in force; if it were, notice of withdrawal from the INF Treaty given on Nov. 30, 2026, would take effect in 181 days, on May 30, 2027.",
    );
    const json = await sentence("inf", query);
    expect(json.body).toMatchObject({ whatIf: true, exitDate: "2027-05-30", treatyEnded: { date: "2019-08-02" } });
    expect(json.body.basis.warnings.join(" ")).toContain("It is no longer in force");
  });

  it("names Estonia, Latvia and Lithuania together in the Ottawa sentence, and Finland alone with party=FI", async () => {
    const text = await sentence("ottawa", { asOf: "2025-08-01", format: "text" });
    expect(text.text).toBe(
      "Estonia, Latvia and Lithuania's withdrawals from the Ottawa Convention (Mine Ban Treaty) take effect in 148 days, on Dec. 27, 2025, the first three of four pending withdrawals.",
    );
    const json = await sentence("ottawa", { asOf: "2025-08-01" });
    expect(json.body).toMatchObject({
      parties: ["EE", "LV", "LT"],
      pendingWithdrawals: 4,
      exitDate: "2025-12-27",
      daysUntil: 148,
      party: null,
    });
    expect(json.body.bases.map((basis: { party: string }) => basis.party)).toEqual(["EE", "LV", "LT"]);
    const finland = await sentence("ottawa", { asOf: "2025-08-01", party: "FI", format: "text" });
    expect(finland.text).toBe(
      "Finland's withdrawal from the Ottawa Convention (Mine Ban Treaty) takes effect in 162 days, on Jan. 10, 2026.",
    );
  });

  it("says the Ottawa sentence in each style and language", async () => {
    const say = async (extra: Record<string, string>) =>
      (await sentence("ottawa", { asOf: "2025-08-01", format: "text", ...extra })).text;
    expect(await say({ style: "uk" })).toBe(
      "Estonia, Latvia and Lithuania's withdrawals from the Ottawa Convention (Mine Ban Treaty) take effect in 148 days, on 27 December 2025, the first three of four pending withdrawals.",
    );
    expect(await say({ lang: "fr" })).toContain("Les retraits de l'Estonie, de la Lettonie et de la Lituanie");
    expect(await say({ lang: "de" })).toContain("Die Austritte Estlands, Lettlands und Litauens");
    expect(await say({ lang: "es" })).toContain("el 27 de diciembre de 2025");
  });

  it('writes "New START", without "The"', async () => {
    const answer = await sentence("new-start", { asOf: "2025-11-30", format: "text" });
    expect(answer.text).toBe("New START expires in 67 days, on Feb. 5, 2026.");
  });

  it("refuses an unknown style or language with a 400 problem listing the supported ones", async () => {
    const style = await sentence("inf", { style: "chicago", format: "text" });
    expect(style.status).toBe(400);
    expect(style.headers["content-type"]).toBe("application/problem+json");
    expect(style.body.detail).toContain("ap, uk");
    const lang = await sentence("inf", { lang: "it", format: "text" });
    expect(lang.status).toBe(400);
    expect(lang.body.detail).toContain("en, fr, de, es");
  });

  it("still answers JSON by default and with format=json", async () => {
    const byDefault = await sentence("inf", { asOf: "2019-07-04" });
    const explicit = await sentence("inf", { asOf: "2019-07-04", format: "json" });
    expect(explicit.headers["content-type"]).toBe("application/json");
    expect(explicit.body).toEqual(byDefault.body);
    expect(explicit.body).toMatchObject({ daysUntil: 29, exitDate: "2019-08-02" });
  });

  it("refuses format=html with a 400 problem listing the formats", async () => {
    const answer = await sentence("inf", { format: "html" });
    expect(answer.status).toBe(400);
    expect(answer.body.detail).toContain("text");
  });
});

describe("the embed page", () => {
  it("shows the countdown sentence and the timeline, opened at the 4 July 2019 interview", async () => {
    const answer = await embedOf("inf", { asOf: "2019-07-04" });
    expect(answer.status).toBe(200);
    expect(answer.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(answer.text).toContain("The U.S. withdrawal from the INF Treaty takes effect in 29 days, on Aug. 2, 2019.");
    expect(answer.text).toContain('data-current="event-inf-2019-07-04-putin-corriere-interview"');
    expect(answer.text.match(/<li id="event-/g)).toHaveLength(INF_EVENT_COUNT);
  });

  it("names Estonia, Latvia and Lithuania together in the Ottawa embed", async () => {
    const answer = await embedOf("ottawa", { asOf: "2025-08-01" });
    expect(answer.text).toContain(
      "Estonia, Latvia and Lithuania&#39;s withdrawals from the Ottawa Convention (Mine Ban Treaty) take effect in 148 days, on Dec. 27, 2025, the first three of four pending withdrawals.",
    );
  });

  it("speaks French with lang=fr and says so in its lang attribute, marking the English timeline as English", async () => {
    const answer = await embedOf("inf", { asOf: "2019-07-04", lang: "fr" });
    expect(answer.text).toContain('<html lang="fr">');
    expect(answer.text).toContain(
      "Le retrait des États-Unis du traité sur les forces nucléaires intermédiaires (FNI) prendra effet dans 29 jours, le 2 août 2019.",
    );
    expect(answer.text).toContain('<h2 id="timeline-heading">Chronologie</h2>');
    expect(answer.text).toContain('<div class="timeline" lang="en"');
    const refused = await embedOf("inf", { lang: "klingon" });
    expect(refused.status).toBe(400);
    expect(refused.body.detail).toContain("en, fr, de, es");
  });

  it("sends its CSP, nosniff and no-referrer, and no X-Frame-Options so CMS iframes can show it", async () => {
    const { headers } = await embedOf("inf", { asOf: "2019-07-04" });
    expect(headers["content-security-policy"]).toContain("default-src 'none'");
    expect(headers["content-security-policy"]).toContain("frame-ancestors *");
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["referrer-policy"]).toBe("no-referrer");
    expect(Object.keys(headers).map((name) => name.toLowerCase())).not.toContain("x-frame-options");
  });

  it("answers 304 to a client that already has the page", async () => {
    const first = await embedOf("inf", { asOf: "2019-07-04" });
    expect(first.headers.etag).toBeDefined();
    const again = await embedOf("inf", { asOf: "2019-07-04" }, { "if-none-match": first.headers.etag });
    expect(again.status).toBe(304);
    expect(again.text).toBe("");
  });

  it("reads the as-of instant in the newsroom's time zone", async () => {
    const instant = "2019-08-01T23:30:00-04:00";
    const newYork = await embedOf("inf", { asOf: instant, tz: "America/New_York" });
    const moscow = await embedOf("inf", { asOf: instant, tz: "Europe/Moscow" });
    expect(newYork.text).toContain("takes effect tomorrow, Aug. 2, 2019.");
    expect(moscow.text).toContain("takes effect today, Aug. 2, 2019.");
  });

  it("escapes a stored title so it shows as text", async () => {
    const treatyId = await givenTreaty();
    await givenEvent(treatyId, { type: "statement", title: "<script>alert(1)</script>" });
    const answer = await embedOf(treatyId, { asOf: "2019-07-04" });
    expect(answer.text).toContain("<h3>&lt;script&gt;alert(1)&lt;/script&gt;</h3>");
    expect(answer.text).not.toContain("<script>alert(1)");
  });

  it.each([
    [{ asOf: "2019-02-30" }, "2019-02-30"],
    [{ tz: "Mars/Olympus" }, "Mars/Olympus"],
    [{ party: "XX" }, "XX"],
    [{ format: "json" }, "format"],
  ])("refuses %j with a 4xx problem that names it", async (query, named) => {
    const answer = await embedOf("inf", query as Record<string, string>);
    expect(answer.status).toBeGreaterThanOrEqual(400);
    expect(answer.status).toBeLessThan(500);
    expect(answer.headers["content-type"]).toBe("application/problem+json");
    expect(answer.body.detail).toContain(named);
  });

  it("answers 404 for a treaty that does not exist", async () => {
    expect((await embedOf("no-such-treaty")).status).toBe(404);
  });
});
