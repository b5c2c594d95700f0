/**
 * Each way a treaty sets an exit date, shown on a real treaty's clause and a real notice from the catalogue
 * (data/treaties; the clause's words and sources are in each file, and data/README.md says how sure each fact is).
 */
import { describe, expect, it } from "vitest";
import { whatIfNotice } from "#domain/countdown";
import { deriveDeadlines } from "#domain/deadlines";
import { NoticeNotAllowedError } from "#domain/errors";
import type { Deadline, TimelineEvent, Treaty } from "#domain/types";
import { CLAUSE_EXAMPLES, type ClauseExample, exampleEvent } from "#http/clause-examples";

function catalogue(form: string): { treaty: Treaty; events: TimelineEvent[]; notice: TimelineEvent } {
  const example = CLAUSE_EXAMPLES.find((e) => e.form === form) as ClauseExample;
  const treaty = example.file.treaty as unknown as Treaty;
  const events = example.file.events.map((e) => ({ ...e, treatyId: treaty.id }) as unknown as TimelineEvent);
  const notice = { ...exampleEvent(example), treatyId: treaty.id } as unknown as TimelineEvent;
  return { treaty, events, notice };
}

function only(deadlines: Deadline[], kind: Deadline["kind"], party?: string): Deadline {
  const found = deadlines.filter((d) => d.kind === kind && (party === undefined || d.party === party));
  expect(found).toHaveLength(1);
  return found[0] as Deadline;
}

describe("the clause forms newsrooms meet, each on a real treaty", () => {
  it("counts the Rome Statute's year from the day the UN received the Philippines' note, not the day it was written", () => {
    const { treaty, notice } = catalogue("counted-from-receipt");
    expect(treaty.withdrawal?.text).toContain("one year after the date of receipt of the notification");
    expect(notice).toMatchObject({ date: "2018-03-15", receivedOn: "2018-03-17" });
    const exit = only(deriveDeadlines(treaty, [notice]), "withdrawal_effective", "PH");
    expect(exit.date).toBe("2019-03-17");
    expect(exit.basis.triggerDate).toBe("2018-03-17");
    expect(exit.basis.explanation).toBe(
      "Notice dated 15 March 2018, received on 17 March 2018. Article 127: withdrawal takes effect one year after receipt of the notification, or on a later date named in the notification. 17 March 2018 + 1 year = 17 March 2019.",
    );
  });

  it("warns that the receipt date is unknown and counts from the note when a receipt-counted notice has none", () => {
    const { treaty, notice } = catalogue("counted-from-receipt");
    const { receivedOn: _unknown, ...undated } = notice;
    const exit = only(deriveDeadlines(treaty, [undated]), "withdrawal_effective", "PH");
    expect(exit.date).toBe("2019-03-15");
    expect(exit.basis.warnings.join(" ")).toContain("no receipt date is recorded");
  });

  it("puts Turkey's exit from the Istanbul Convention on 1 July 2021 for any receipt in March 2021", () => {
    const { treaty, notice } = catalogue("period-then-first-of-month");
    expect(treaty.withdrawal?.text).toContain(
      "first day of the month following the expiration of a period of three months after the date of receipt",
    );
    // The record holds the notice to the month only, but every day of March gives the same date, so it is derived.
    expect(notice.date).toBe("2021-03");
    const exit = only(deriveDeadlines(treaty, [notice]), "withdrawal_effective", "TR");
    expect(exit.date).toBe("2021-07-01");
    expect(exit.basis.explanation).toContain(
      "Notice given in March 2021; the day is not recorded, but counted from any day of March 2021 the rule gives the same date, 1 July 2021.",
    );
    // Every day of March 2021 gives the date the Council of Europe recorded.
    for (let day = 1; day <= 31; day += 1) {
      const receivedOn = `2021-03-${String(day).padStart(2, "0")}`;
      expect(whatIfNotice(treaty, receivedOn, "TR").date).toBe("2021-07-01");
    }
    expect(whatIfNotice(treaty, "2021-03-22", "TR").basis.explanation).toBe(
      "If notice were received on 22 March 2021, withdrawal would take effect on 1 July 2021. Article 80: withdrawal takes effect on the first day of the month following three months after receipt of the notification. 22 March 2021 + 3 months = 22 June 2021; the first day of the following month is 1 July 2021.",
    );
    // A month-only notice beside an earlier one is named as the record has it.
    const earlier = { ...notice, id: "earlier", date: "2021-01-15" };
    const both = only(deriveDeadlines(treaty, [earlier, notice]), "withdrawal_effective", "TR");
    expect(both.basis.warnings.join(" ")).toContain("this deadline counts from the latest notice, March 2021");
    // A receipt on 1 April runs out on 1 July, so the month that follows is August.
    expect(whatIfNotice(treaty, "2021-04-01", "TR").date).toBe("2021-08-01");
  });

  it("puts the US exit from UNESCO on 31 December 2018 for notice given in October 2017", () => {
    const { treaty, notice, events } = catalogue("end-of-year");
    expect(treaty.withdrawal?.text).toContain(
      "31 December of the year following that during which the notice was given",
    );
    const exit = only(deriveDeadlines(treaty, [notice]), "withdrawal_effective", "US");
    expect(exit.date).toBe("2018-12-31");
    expect(exit.basis.explanation).toContain(
      "12 October 2017 falls in 2017; the end of the following year (2018) is 31 December 2018.",
    );
    // Israel's notice reached UNESCO on 29 December 2017 and still counted from 2017.
    const israel = events.filter((e) => e.party === "IL" && e.type === "withdrawal_notice");
    expect(only(deriveDeadlines(treaty, israel), "withdrawal_effective", "IL").date).toBe("2018-12-31");
  });

  it("uses the later date Russia named in its CFE notice, 7 November 2023, over the 150-day minimum", () => {
    const { treaty, notice } = catalogue("later-date-in-notice");
    expect(treaty.withdrawal?.text).toContain("at least 150 days prior to the intended withdrawal");
    const exit = only(deriveDeadlines(treaty, [notice]), "withdrawal_effective", "RU");
    expect(exit.date).toBe("2023-11-07");
    expect(exit.basis.explanation).toContain("9 June 2023 + 150 days = 6 November 2023.");
    expect(exit.basis.explanation).toContain("The notification names a later date, 7 November 2023");
  });

  it("keeps the rule's date and says why when a notice names a date earlier than the clause allows", () => {
    const { treaty, notice } = catalogue("later-date-in-notice");
    const exit = only(
      deriveDeadlines(treaty, [{ ...notice, effectiveOn: "2023-07-01" }]),
      "withdrawal_effective",
      "RU",
    );
    expect(exit.date).toBe("2023-11-06");
    expect(exit.basis.warnings.join(" ")).toContain("names 1 July 2023, earlier than Article XIX(2) allows");
  });

  it("lets the US give Paris notice on its first eligible day, three years after the Agreement bound it, and flags a day earlier", () => {
    const { treaty, notice } = catalogue("earliest-notice-per-party");
    expect(treaty.withdrawal?.text).toContain(
      "At any time after three years from the date on which this Agreement has entered into force for a Party",
    );
    const exit = only(deriveDeadlines(treaty, [notice]), "withdrawal_effective", "US");
    expect(exit.date).toBe("2020-11-04");
    expect(exit.basis.warnings.join(" ")).not.toContain("no earlier than");
    const early = only(
      deriveDeadlines(treaty, [{ ...notice, date: "2019-11-03", receivedOn: "2019-11-03" }]),
      "withdrawal_effective",
      "US",
    );
    expect(early.basis.warnings.join(" ")).toContain(
      "no earlier than three years after entry into force for US (4 November 2016), that is from 4 November 2019",
    );
    expect(() => whatIfNotice(treaty, "2019-11-03", "US")).toThrow(NoticeNotAllowedError);
  });

  it("counts the US's 2025 Paris notice against its return in 2021, not its first entry into force", () => {
    const { treaty, events } = catalogue("earliest-notice-per-party");
    const exit = only(deriveDeadlines(treaty, events), "withdrawal_effective", "US");
    expect(exit.date).toBe("2026-01-27");
    expect(exit.basis.warnings.join(" ")).not.toMatch(/earlier notice|no earlier than/);
  });

  it("finds Brazil's ILO 158 denunciation inside the first window and dates it one year after registration", () => {
    const { treaty, notice } = catalogue("denunciation-windows");
    expect(treaty.withdrawal?.text).toContain("within the year following the expiration of the period of ten years");
    const deadlines = deriveDeadlines(treaty, [notice]);
    expect(only(deadlines, "withdrawal_effective", "BR").date).toBe("1997-11-20");
    const opens = deadlines.filter((d) => d.kind === "notice_window_opens").map((d) => d.date);
    const closes = deadlines.filter((d) => d.kind === "notice_window_closes").map((d) => d.date);
    expect(opens.slice(0, 3)).toEqual(["1995-11-23", "2005-11-23", "2015-11-23"]);
    expect(closes.slice(0, 3)).toEqual(["1996-11-22", "2006-11-22", "2016-11-22"]);
    const late = deriveDeadlines(treaty, [{ ...notice, date: "1996-11-25", receivedOn: "1996-11-25" }]);
    expect(only(late, "withdrawal_effective", "BR").basis.warnings.join(" ")).toContain(
      "falls outside every window, and the next opens on 23 November 2005",
    );
    expect(() => whatIfNotice(treaty, "2001-01-01", "BR")).toThrow(/next opens on 23 November 2005/);
  });

  it("ends the Ukraine-Russia Friendship Treaty on 1 April 2019: Ukraine's note came before the 1 October 2018 cut-off", () => {
    const { treaty, notice } = catalogue("renewing-term");
    const deadlines = deriveDeadlines(treaty, [notice]);
    const exit = only(deadlines, "withdrawal_effective", "UA");
    expect(exit.date).toBe("2019-04-01");
    expect(exit.basis.explanation).toContain(
      "The period ending on 1 April 2019 needed notice by 1 October 2018, so the treaty ends on 1 April 2019.",
    );
    expect(deadlines.filter((d) => d.kind === "term_renewal").map((d) => d.date)).toEqual(["2009-04-01"]);
    expect(deadlines.filter((d) => d.kind === "renewal_notice_deadline").map((d) => d.date)).toEqual([
      "2008-10-01",
      "2018-10-01",
    ]);
    // Had the note come a week after the cut-off, the treaty would have renewed once more.
    const late = only(deriveDeadlines(treaty, [{ ...notice, date: "2018-10-08" }]), "withdrawal_effective", "UA");
    expect(late.date).toBe("2029-04-01");
    expect(late.basis.warnings.join(" ")).toContain("renewed once more");
  });

  it("binds the US to the Paris Agreement on 19 February 2021, thirty days after it deposited its acceptance", () => {
    const { treaty, notice } = catalogue("entry-into-force-for-a-party");
    expect(treaty.partyEntryIntoForce?.text).toContain("thirtieth day after the date of deposit");
    const bound = only(deriveDeadlines(treaty, [notice]), "party_bound", "US");
    expect(bound.date).toBe("2021-02-19");
    expect(bound.basis.explanation).toContain("20 January 2021 + 30 days = 19 February 2021.");
  });

  it("applies the US's own one-year terms to its WHO exit, with the dues condition as a warning", () => {
    const { treaty, notice } = catalogue("party-own-terms");
    expect(treaty.withdrawal).toBeUndefined();
    const exit = only(deriveDeadlines(treaty, [notice]), "withdrawal_effective", "US");
    expect(exit.date).toBe("2026-01-22");
    expect(exit.basis.article).toContain("United States' terms");
    expect(exit.basis.explanation).toContain("These are United States' own terms");
    expect(exit.basis.warnings.join(" ")).toMatch(/financial obligations|dues/i);
    expect(exit.basis.warnings.join(" ")).not.toContain("Vienna Convention");
  });

  it("shows North Korea's claimed NPT exit date beside the three-month rule's, marked contested", () => {
    const { treaty, notice } = catalogue("contested-exit");
    const exit = only(deriveDeadlines(treaty, [notice]), "withdrawal_effective", "KP");
    expect(exit).toMatchObject({ date: "2003-04-10", contested: true, claimedDate: "2003-01-11" });
    expect(exit.basis.warnings.join(" ")).toContain(
      "Contested: KP claims the exit took effect on 11 January 2003, but Article X(1) gives 10 April 2003",
    );
  });

  it("runs Russia's ECHR exit from its expulsion, six months to 16 September 2022, contested by Russia's own date", () => {
    const { treaty, events } = catalogue("expulsion");
    const exit = only(deriveDeadlines(treaty, events), "withdrawal_effective", "RU");
    expect(exit).toMatchObject({ date: "2022-09-16", contested: true, claimedDate: "2022-03-16" });
  });

  it("never shows a suspension as an exit", () => {
    const { treaty } = catalogue("contested-exit");
    const suspension = {
      id: "x",
      treatyId: treaty.id,
      date: "2023-01-01",
      type: "suspension",
      party: "KP",
      title: "Suspends",
      sources: [],
    } as TimelineEvent;
    expect(deriveDeadlines(treaty, [suspension]).filter((d) => d.kind === "withdrawal_effective")).toEqual([]);
  });
});
