import { describe, expect, it } from "vitest";
import type { Deadline, TimelineEvent, Treaty } from "#domain/types";
import { escapeHtml } from "#formats/html";
import { toTimelineJs } from "#formats/timelinejs";
import { INF, infEvents, infEventsWithMessySources, infTreaty, usWithdrawalDeadline } from "../../support/inf.ts";

function roundTrip(events: TimelineEvent[] = infEvents(), today?: string, deadlines = [usWithdrawalDeadline()]) {
  // What TimelineJS receives: JSON over the wire.
  return JSON.parse(JSON.stringify(toTimelineJs(infTreaty(), events, { deadlines, ...(today ? { today } : {}) })));
}

/** A multilateral treaty in force since 1999, and one party's exit from it. */
const multilateral: Treaty = { ...infTreaty(), id: "ottawa", shortName: "Ottawa Convention", inForceOn: "1999-03-01" };
delete multilateral.bilateral;
const lithuaniaExit: Deadline = { ...usWithdrawalDeadline(), date: "2025-12-27", party: "LT" };
const lithuaniaExitEvent: TimelineEvent = {
  id: "lt-exit",
  treatyId: "ottawa",
  date: "2025-12-27",
  type: "withdrawal_effective",
  party: "LT",
  title: "Lithuania's withdrawal takes effect",
  sources: [],
};

describe("TimelineJS JSON", () => {
  it("opens with a title slide naming the treaty and when it was signed and entered into force", () => {
    const doc = roundTrip();
    expect(doc.title.text.headline).toBe("INF Treaty");
    expect(doc.title.text.text).toContain("Intermediate-Range and Shorter-Range Missiles");
    expect(doc.title.text.text).toContain("Signed Dec. 8, 1987; in force June 1, 1988.");
    expect(doc.title.start_date).toBeUndefined();
  });

  it("has one slide per event in date order, keyed by the event id and grouped by type", () => {
    const doc = roundTrip();
    expect(doc.events.map((slide: { unique_id: string }) => slide.unique_id)).toEqual([
      INF.force,
      INF.elimination,
      INF.notice,
      INF.effective,
    ]);
    expect(doc.events[2].group).toBe("Withdrawal notice");
    expect(doc.events[0].group).toBe("Entry into force");
    expect(doc.scale).toBe("human");
  });

  it("gives a month only to a month-precise date and shows it as May 1991", () => {
    const [force, elimination] = roundTrip().events;
    expect(force.start_date).toEqual({ year: 1988, month: 6, day: 1 });
    expect(force.display_date).toBeUndefined();
    expect(elimination.start_date).toEqual({ year: 1991, month: 5 });
    expect(elimination.display_date).toBe("May 1991");
  });

  it("shows a year-only date as just the year", () => {
    const events: TimelineEvent[] = [
      { id: "y", treatyId: "inf", date: "1985", type: "negotiation", title: "Talks", sources: [] },
    ];
    const [slide] = roundTrip(events).events;
    expect(slide.start_date).toEqual({ year: 1985 });
    expect(slide.display_date).toBe("1985");
  });

  it("links each http(s) source by title, publisher or host and drops other links", () => {
    const notice = roundTrip(infEventsWithMessySources()).events[2];
    expect(notice.text.text).toContain("<p>The State Department delivered formal notice under Article XV");
    expect(notice.text.text).toContain(
      '<a href="https://www.example.org/news/inf-notice?a=1&amp;b=2">Example News</a>',
    );
    expect(notice.text.text).toContain('<a href="https://www.state.gov/inf">state.gov</a>');
    expect(notice.text.text).not.toContain("javascript:");
    expect(notice.text.text).not.toContain("Not a link");
  });

  it("shows an event titled <script>alert(1)</script> as text, never as markup", () => {
    const hostile: TimelineEvent = {
      id: "x",
      treatyId: "inf",
      date: "2019-03-01",
      type: "statement",
      title: "<script>alert(1)</script>",
      description: '<img src=x onerror="alert(2)">',
      sources: [{ url: 'https://example.org/"><script>alert(3)</script>', title: "<b>Source</b>" }],
    };
    const slide = roundTrip([hostile]).events[0];
    expect(slide.text.headline).toBe("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(slide.text.text).toContain("&lt;img src=x onerror=&quot;alert(2)&quot;&gt;");
    expect(slide.text.text).toContain("&lt;b&gt;Source&lt;/b&gt;");
    expect(JSON.stringify(slide)).not.toMatch(/<script|<img|<b>/);
  });

  it("draws an In force era from entry into force to the U.S. withdrawal taking effect", () => {
    const doc = roundTrip(infEvents(), "2024-01-01");
    expect(doc.eras).toEqual([
      {
        start_date: { year: 1988, month: 6, day: 1 },
        end_date: { year: 2019, month: 8, day: 2 },
        text: { headline: "In force" },
      },
    ]);
  });

  it("runs the In force era to today while the treaty is still in force", () => {
    expect(roundTrip(infEvents(), "2019-07-04").eras[0].end_date).toEqual({ year: 2019, month: 7, day: 4 });
    expect(roundTrip(infEvents(), undefined, []).eras).toBeUndefined();
  });

  it("keeps a multilateral treaty in force to today when one party's exit takes effect", () => {
    const doc = toTimelineJs(multilateral, [lithuaniaExitEvent], { deadlines: [lithuaniaExit], today: "2026-11-30" });
    expect(doc.eras?.[0]).toMatchObject({
      start_date: { year: 1999, month: 3, day: 1 },
      end_date: { year: 2026, month: 11, day: 30 },
    });
    expect(doc.events.map((slide) => slide.text?.headline)).toEqual([
      escapeHtml("Lithuania's withdrawal takes effect"),
    ]);
  });

  it("ends the era when the treaty's term expires, not today", () => {
    const term: Deadline = { ...usWithdrawalDeadline(), kind: "term_expiry", date: "2026-02-05", party: undefined };
    const doc = toTimelineJs({ ...infTreaty(), inForceOn: "2011-02-05" }, [], {
      deadlines: [term],
      today: "2026-11-30",
    });
    expect(doc.eras?.[0]?.end_date).toEqual({ year: 2026, month: 2, day: 5 });
    const before = toTimelineJs(infTreaty(), [], { deadlines: [term], today: "2025-06-01" });
    expect(before.eras?.[0]?.end_date).toEqual({ year: 2025, month: 6, day: 1 });
  });

  it("ends the era on a recorded termination of a multilateral treaty", () => {
    const terminated: TimelineEvent = {
      ...lithuaniaExitEvent,
      id: "t",
      type: "terminated",
      party: undefined,
      date: "2023-11-07",
    };
    const doc = toTimelineJs(multilateral, [terminated], { deadlines: [lithuaniaExit], today: "2026-11-30" });
    expect(doc.eras?.[0]?.end_date).toEqual({ year: 2023, month: 11, day: 7 });
  });

  it("reads the era from the whole timeline when only some events are shown", () => {
    const notices = infEvents().filter((event) => event.type === "withdrawal_notice");
    const doc = toTimelineJs(infTreaty(), notices, {
      eraEvents: infEvents(),
      deadlines: [usWithdrawalDeadline()],
      today: "2024-01-01",
    });
    expect(doc.events).toHaveLength(notices.length);
    expect(doc.eras?.[0]?.end_date).toEqual({ year: 2019, month: 8, day: 2 });
  });

  it("uses the newsroom's own group labels when given", () => {
    const doc = toTimelineJs(infTreaty(), infEvents(), { eventTypeLabels: { withdrawal_notice: "Notice & exit" } });
    expect(doc.events[2]?.group).toBe(escapeHtml("Notice & exit"));
  });
});
