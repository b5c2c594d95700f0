import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { deriveDeadlines, ruleRelevantTypes, VCLT_ARTICLE_56 } from "#domain/deadlines";
import { EVENT_TYPES, type EventType, type TimelineEvent } from "#domain/types";
import { abm, event, iccpr, inf, nato, newStart, ottawa, romeStatute } from "./fixtures.ts";

describe("when a withdrawal takes effect", () => {
  it("puts the US exit from the INF Treaty on 2 August 2019 and shows the arithmetic", () => {
    const notice = event({ date: "2019-02-02", type: "withdrawal_notice", party: "US" });
    expect(deriveDeadlines(inf, [notice])).toEqual([
      {
        kind: "withdrawal_effective",
        date: "2019-08-02",
        party: "US",
        basis: {
          rule: "Withdrawal takes effect six months after notice.",
          article: "INF Treaty, Article XV(2)",
          triggerEventId: notice.id,
          triggerDate: "2019-02-02",
          explanation:
            "Notice delivered on 2 February 2019. Article XV(2): withdrawal takes effect six months after notice. 2 February 2019 + 6 months = 2 August 2019.",
          warnings: [],
        },
      },
    ]);
  });

  it("puts the US exit from the ABM Treaty on 13 June 2002", () => {
    const [deadline] = deriveDeadlines(abm, [event({ date: "2001-12-13", type: "withdrawal_notice", party: "US" })]);
    expect(deadline?.date).toBe("2002-06-13");
    expect(deadline?.basis.article).toBe("ABM Treaty, Article XV(2)");
  });

  it("explains the month-end convention when notice is given on 31 August", () => {
    const [deadline] = deriveDeadlines(inf, [event({ date: "2019-08-31", type: "withdrawal_notice", party: "US" })]);
    expect(deadline?.date).toBe("2020-02-29");
    expect(deadline?.basis.explanation).toContain("31 August 2019 + 6 months = 29 February 2020.");
    expect(deadline?.basis.explanation).toContain("31 August has no counterpart in February 2020");
    expect(deadline?.basis.explanation).toContain("convention");
  });

  it("gives no date for a notice known only to the month", () => {
    expect(deriveDeadlines(inf, [event({ date: "2019-02", type: "withdrawal_notice", party: "US" })])).toEqual([]);
  });

  it("drops the Gambia's Rome Statute deadline once the notice is retracted", () => {
    const events = [
      event({ date: "2016-11-10", type: "withdrawal_notice", party: "GM" }),
      event({ date: "2017-02-10", type: "notice_retracted", party: "GM" }),
      event({ date: "2016-10-27", type: "withdrawal_notice", party: "BI" }),
    ];
    const deadlines = deriveDeadlines(romeStatute, events);
    expect(deadlines.map((d) => [d.party, d.date])).toEqual([["BI", "2017-10-27"]]);
  });

  it("lets a retraction known only to the month cancel the notice", () => {
    const events = [
      event({ date: "2016-10-19", type: "withdrawal_notice", party: "ZA" }),
      event({ date: "2017-03", type: "notice_retracted", party: "ZA" }),
    ];
    expect(deriveDeadlines(romeStatute, events)).toEqual([]);
  });

  it("keeps a notice whose only retraction is by another party or came before it", () => {
    const events = [
      event({ date: "2016-11-10", type: "withdrawal_notice", party: "GM" }),
      event({ date: "2017-02-10", type: "notice_retracted", party: "ZA" }),
      event({ date: "2016-01-01", type: "notice_retracted", party: "GM" }),
    ];
    expect(deriveDeadlines(romeStatute, events).map((d) => d.date)).toEqual(["2017-11-10"]);
  });

  it("keeps the deadline and warns when a retraction is recorded after the withdrawal took effect", () => {
    const events = [
      event({ date: "2016-11-10", type: "withdrawal_notice", party: "GM" }),
      event({ date: "2018-01-05", type: "notice_retracted", party: "GM" }),
    ];
    const [deadline] = deriveDeadlines(romeStatute, events);
    expect(deadline?.date).toBe("2017-11-10");
    expect(deadline?.basis.warnings).toEqual([
      "A retraction of this notice is recorded on 5 January 2018, after the withdrawal took effect on 10 November 2017; a notice can be revoked only before it takes effect (Vienna Convention on the Law of Treaties, Article 68), so the deadline stands. Check the sources.",
    ]);
  });

  it("counts from a renewed notice and names the earlier one", () => {
    const events = [
      event({ date: "2019-02-02", type: "withdrawal_notice", party: "US" }),
      event({ date: "2019-03-01", type: "withdrawal_notice", party: "US" }),
    ];
    const deadlines = deriveDeadlines(inf, events);
    expect(deadlines).toHaveLength(1);
    expect(deadlines[0]?.date).toBe("2019-09-01");
    expect(deadlines[0]?.basis.warnings).toEqual([
      "An earlier notice by US delivered on 2 February 2019 is also on record and was not retracted; this deadline counts from the latest notice, 1 March 2019. Counted from the earlier notice, withdrawal would have taken effect on 2 August 2019.",
    ]);
  });

  it("gives each party its own deadline", () => {
    const events = [
      event({ date: "2019-02-02", type: "withdrawal_notice", party: "US" }),
      event({ date: "2019-03-04", type: "withdrawal_notice", party: "RU" }),
    ];
    expect(deriveDeadlines(inf, events).map((d) => [d.party, d.date])).toEqual([
      ["US", "2019-08-02"],
      ["RU", "2019-09-04"],
    ]);
  });

  it("warns, naming both dates, when the record shows the withdrawal taking effect a day later than the treaty gives", () => {
    const events = [
      event({ date: "2019-02-02", type: "withdrawal_notice", party: "US" }),
      event({ date: "2019-08-03", type: "withdrawal_effective", party: "US" }),
    ];
    const [deadline] = deriveDeadlines(inf, events);
    expect(deadline?.date).toBe("2019-08-02");
    expect(deadline?.basis.warnings).toEqual([
      "The record shows the withdrawal taking effect on 3 August 2019, but Article XV(2) gives 2 August 2019 (2 February 2019 + six months). Check the sources; neither date has been chosen silently.",
    ]);
  });

  it("stays quiet when the recorded effective date agrees, even if recorded without a party or only to the month", () => {
    const events = [
      event({ date: "2019-02-02", type: "withdrawal_notice", party: "US" }),
      event({ date: "2019-08-02", type: "withdrawal_effective" }),
      event({ date: "2019-08", type: "withdrawal_effective", party: "US" }),
      event({ date: "2019-09-30", type: "withdrawal_effective", party: "RU" }),
    ];
    expect(deriveDeadlines(inf, events)[0]?.basis.warnings).toEqual([]);
  });

  it("carries the Ottawa Convention's armed-conflict condition with the deadline", () => {
    const [deadline] = deriveDeadlines(ottawa, [event({ date: "2025-06-27", type: "withdrawal_notice", party: "LV" })]);
    expect(deadline?.date).toBe("2025-12-27");
    expect(deadline?.basis.article).toBe("Ottawa Convention, Article 20(3)");
    expect(deadline?.basis.warnings).toEqual(ottawa.withdrawal?.conditions);
    expect(deadline?.basis.warnings[0]).toContain("engaged in an armed conflict");
  });

  it("falls back on the Vienna Convention's twelve months for a treaty with no withdrawal clause, with a warning", () => {
    const [deadline] = deriveDeadlines(iccpr, [event({ date: "1997-08-25", type: "withdrawal_notice", party: "KP" })]);
    expect(deadline?.date).toBe("1998-08-25");
    expect(deadline?.basis.article).toBe(VCLT_ARTICLE_56);
    expect(deadline?.basis.article).toBe("Vienna Convention on the Law of Treaties, Article 56(2)");
    expect(deadline?.basis.rule).toBe("Withdrawal takes effect no earlier than twelve months after notice.");
    expect(deadline?.basis.explanation).toBe(
      "Notice delivered on 25 August 1997. Vienna Convention on the Law of Treaties, Article 56(2): a party must give not less than twelve months' notice of withdrawal. 25 August 1997 + 12 months = 25 August 1998.",
    );
    expect(deadline?.basis.warnings).toHaveLength(1);
    expect(deadline?.basis.warnings[0]).toContain("The ICCPR has no withdrawal clause");
    expect(deadline?.basis.warnings[0]).toContain("not less than twelve months' notice");
  });
});

describe("deadlines set by the treaty itself", () => {
  it("gives the first day NATO members could give notice, twenty years after entry into force", () => {
    expect(deriveDeadlines(nato, [])).toEqual([
      {
        kind: "earliest_notice",
        date: "1969-08-24",
        basis: {
          rule: "Notice of withdrawal may be given no earlier than 20 years after entry into force.",
          article: "North Atlantic Treaty, Article 13",
          triggerDate: "1949-08-24",
          explanation:
            "Entered into force on 24 August 1949. Article 13: notice of withdrawal may be given no earlier than 20 years after entry into force. 24 August 1949 + 20 years = 24 August 1969.",
          warnings: [],
        },
      },
    ]);
  });

  it("runs New START to 5 February 2021, then to 5 February 2026 after the five-year extension", () => {
    expect(deriveDeadlines(newStart, []).map((d) => [d.kind, d.date])).toEqual([["term_expiry", "2021-02-05"]]);
    const extension = event({ date: "2021-02-03", type: "extended", extension: { extension: { years: 5 } } });
    const [expiry] = deriveDeadlines(newStart, [extension]);
    expect(expiry).toMatchObject({ kind: "term_expiry", date: "2026-02-05" });
    expect(expiry?.basis.triggerEventId).toBe(extension.id);
    expect(expiry?.basis.explanation).toBe(
      "Entered into force on 5 February 2011. The treaty runs for ten years: 5 February 2011 + 10 years = 5 February 2021. Extended on 3 February 2021 by five years: 5 February 2021 + 5 years = 5 February 2026.",
    );
    expect(expiry?.basis.warnings).toEqual([]);
  });

  it("applies extensions in date order, an end date replacing the expiry and a period adding to it", () => {
    const events = [
      event({ date: "2025-01", type: "extended", extension: { extension: { months: 6 } } }),
      event({ date: "2020-12-01", type: "extended", extension: { until: "2024-01-31" } }),
    ];
    const [expiry] = deriveDeadlines(newStart, events);
    expect(expiry?.date).toBe("2024-07-31");
    expect(expiry?.basis.explanation).toContain("Extended on 1 December 2020 until 31 January 2024.");
    expect(expiry?.basis.explanation).toContain("Extended in January 2025 by six months");
    expect(expiry?.basis.triggerDate).toBe("2011-02-05");
  });

  it("warns when an extension gives a date and a period that disagree, and uses the date", () => {
    const extension = { until: "2026-02-04", extension: { years: 5 } };
    const [expiry] = deriveDeadlines(newStart, [event({ date: "2021-02-03", type: "extended", extension })]);
    expect(expiry?.date).toBe("2026-02-04");
    expect(expiry?.basis.warnings[0]).toContain("which would give 5 February 2026; the date was used");
  });

  it("gives no term or earliest-notice date for a treaty not yet in force", () => {
    const { inForceOn: _, ...notInForce } = { ...newStart, withdrawal: nato.withdrawal };
    expect(deriveDeadlines(notInForce, [])).toEqual([]);
  });
});

describe("ultimatums", () => {
  it("ends the US ultimatum of 4 December 2018 sixty days later, on 2 February 2019", () => {
    const ultimatum = event({
      date: "2018-12-04",
      type: "ultimatum",
      party: "US",
      title: "Pompeo gives Russia 60 days",
      ultimatum: { period: { days: 60 } },
    });
    expect(deriveDeadlines(inf, [ultimatum])).toEqual([
      {
        kind: "ultimatum_end",
        date: "2019-02-02",
        party: "US",
        basis: {
          rule: "The ultimatum runs for 60 days.",
          article: "INF Treaty: Pompeo gives Russia 60 days (4 December 2018)",
          triggerEventId: ultimatum.id,
          triggerDate: "2018-12-04",
          explanation:
            "Ultimatum given on 4 December 2018 by US: 60 days. 4 December 2018 + 60 days = 2 February 2019.",
          warnings: [],
        },
      },
    ]);
  });

  it("uses a stated end date, and warns when the stated period disagrees", () => {
    const ultimatum = event({
      date: "2018-12-04",
      type: "ultimatum",
      ultimatum: { endsOn: "2019-02-01", period: { days: 60 } },
    });
    const [deadline] = deriveDeadlines(inf, [ultimatum]);
    expect(deadline?.date).toBe("2019-02-01");
    expect(deadline?.basis.warnings[0]).toContain("which would end on 2 February 2019; the end date was used");
  });

  it("skips an ultimatum with no end and no period, or a period from a month-only date", () => {
    const events = [
      event({ date: "2018-12-04", type: "ultimatum", ultimatum: {} }),
      event({ date: "2018-12", type: "ultimatum", ultimatum: { period: { days: 60 } } }),
      event({ date: "2018-12-05", type: "ultimatum" }),
    ];
    expect(deriveDeadlines(inf, events)).toEqual([]);
  });
});

describe("the whole record", () => {
  it("sorts the INF deadlines by date", () => {
    const events = [
      event({ date: "2019-02-02", type: "withdrawal_notice", party: "US" }),
      event({ date: "2018-12-04", type: "ultimatum", party: "US", ultimatum: { period: { days: 60 } } }),
      event({ date: "2019-03-04", type: "withdrawal_notice", party: "RU" }),
      event({ date: "2019-08-02", type: "withdrawal_effective", party: "US" }),
      event({ date: "2019-02-01", type: "suspension", party: "US" }),
    ];
    expect(deriveDeadlines(inf, events).map((d) => [d.kind, d.date, d.party])).toEqual([
      ["ultimatum_end", "2019-02-02", "US"],
      ["withdrawal_effective", "2019-08-02", "US"],
      ["withdrawal_effective", "2019-09-04", "RU"],
    ]);
  });

  it("names the event types the rules read", () => {
    expect([...ruleRelevantTypes].sort()).toEqual(
      [
        "expelled",
        "expired",
        "extended",
        "terminated",
        "notice_retracted",
        "ratified",
        "ultimatum",
        "withdrawal_effective",
        "withdrawal_notice",
      ].sort(),
    );
  });

  it("gives the same deadlines from the rule-relevant events alone as from the whole history", () => {
    const parties = ["US", "RU", undefined];
    const dates = fc
      .tuple(fc.integer({ min: 2015, max: 2022 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }))
      .chain(([y, m, d]) => {
        const full = `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
        return fc.constantFrom(full, full.slice(0, 7), full.slice(0, 4), full);
      });
    const anEvent = fc.record({
      date: dates,
      type: fc.constantFrom<EventType>(...EVENT_TYPES),
      party: fc.constantFrom(...parties),
      days: fc.integer({ min: 1, max: 400 }),
    });
    const treaties = fc.constantFrom(inf, ottawa, newStart, nato, iccpr, romeStatute);
    fc.assert(
      fc.property(treaties, fc.array(anEvent, { maxLength: 12 }), (treaty, drafts) => {
        const history: TimelineEvent[] = drafts.map(({ days, party, ...draft }, index) => ({
          ...draft,
          id: `ev-${index}`,
          treatyId: treaty.id,
          title: draft.type,
          sources: [],
          ...(party === undefined ? {} : { party }),
          ...(draft.type === "ultimatum" ? { ultimatum: { period: { days } } } : {}),
          ...(draft.type === "extended" ? { extension: { extension: { days } } } : {}),
        }));
        const relevant = history.filter((e) => ruleRelevantTypes.has(e.type));
        expect(deriveDeadlines(treaty, relevant)).toEqual(deriveDeadlines(treaty, history));
        expect(deriveDeadlines(treaty, [...history].reverse())).toEqual(deriveDeadlines(treaty, history));
      }),
      { numRuns: 300 },
    );
  });
});
