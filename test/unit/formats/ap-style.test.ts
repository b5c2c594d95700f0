import { describe, expect, it } from "vitest";
import { apDate, apNumber, apPartialDate, countdownSentence } from "#formats/ap-style";
import { phrasebook } from "#formats/sentence";

const ap = await phrasebook("ap", "en");

const usExit = { treatyShortName: "INF Treaty", partyCode: "US", kind: "withdrawal_effective" } as const;

describe("AP dates", () => {
  it("abbreviates Aug. and Sept. and spells out March", () => {
    expect(apDate("2019-08-02")).toBe("Aug. 2, 2019");
    expect(apDate("2019-09-01")).toBe("Sept. 1, 2019");
    expect(apDate("2019-03-04")).toBe("March 4, 2019");
    expect(apDate("2020-01-31")).toBe("Jan. 31, 2020");
    expect(apDate("2020-06-15")).toBe("June 15, 2020");
  });

  it("spells out a month that stands without a day: May 1991", () => {
    expect(apPartialDate("1991-05")).toBe("May 1991");
    expect(apPartialDate("1991-09")).toBe("September 1991");
    expect(apPartialDate("1991")).toBe("1991");
  });

  it("refuses a date that is not a calendar date", () => {
    expect(() => apDate("2019-02-30")).toThrow("February 2019 has 28 days");
    expect(() => apDate("2019-08")).toThrow("known only to the month");
    expect(() => apDate("Aug 2")).toThrow("is not a date");
  });

  it("spells out one to nine and uses figures with commas from 10", () => {
    expect(apNumber(9)).toBe("nine");
    expect(apNumber(10)).toBe("10");
    expect(apNumber(1234)).toBe("1,234");
  });
});

describe("countdown sentences", () => {
  it("says the U.S. withdrawal from the INF Treaty takes effect in 29 days", () => {
    expect(countdownSentence({ ...usExit, date: "2019-08-02", daysUntil: 29 })).toBe(
      "The U.S. withdrawal from the INF Treaty takes effect in 29 days, on Aug. 2, 2019.",
    );
  });

  it("spells out counts under 10: in nine days", () => {
    expect(countdownSentence({ ...usExit, date: "2019-08-02", daysUntil: 9 })).toBe(
      "The U.S. withdrawal from the INF Treaty takes effect in nine days, on Aug. 2, 2019.",
    );
  });

  it("says tomorrow, today and yesterday rather than 1 day", () => {
    const tomorrow = countdownSentence({ ...usExit, date: "2019-08-02", daysUntil: 1 });
    const today = countdownSentence({ ...usExit, date: "2019-08-02", daysUntil: 0 });
    const yesterday = countdownSentence({ ...usExit, date: "2019-08-01", daysUntil: -1 });
    expect(tomorrow).toBe("The U.S. withdrawal from the INF Treaty takes effect tomorrow, Aug. 2, 2019.");
    expect(today).toBe("The U.S. withdrawal from the INF Treaty takes effect today, Aug. 2, 2019.");
    expect(yesterday).toBe("The U.S. withdrawal from the INF Treaty took effect yesterday, Aug. 1, 2019.");
    for (const text of [tomorrow, today, yesterday]) expect(text).not.toMatch(/\b(1|one) day\b/);
  });

  it("says the withdrawal took effect 152 days ago", () => {
    expect(countdownSentence({ ...usExit, date: "2019-08-02", daysUntil: -152 })).toBe(
      "The U.S. withdrawal from the INF Treaty took effect 152 days ago, on Aug. 2, 2019.",
    );
  });

  it("names British and Russian withdrawals by adjective and others by possessive", () => {
    const base = { treatyShortName: "Open Skies Treaty", kind: "withdrawal_effective", date: "2021-03-04" } as const;
    expect(countdownSentence({ ...base, partyCode: "GB", daysUntil: 12 })).toBe(
      "The British withdrawal from the Open Skies Treaty takes effect in 12 days, on March 4, 2021.",
    );
    expect(countdownSentence({ ...base, partyCode: "RU", partyName: "Russia", daysUntil: 12 })).toMatch(
      /^The Russian withdrawal/,
    );
    expect(countdownSentence({ ...base, partyCode: "LT", partyName: "Lithuania", daysUntil: 12 })).toBe(
      "Lithuania's withdrawal from the Open Skies Treaty takes effect in 12 days, on March 4, 2021.",
    );
  });

  it("says the treaty expires, the deadline ends and when notice may be given", () => {
    const date = "2026-02-05";
    expect(countdownSentence({ treatyShortName: "Open Skies Treaty", kind: "term_expiry", date, daysUntil: 30 })).toBe(
      "The Open Skies Treaty expires in 30 days, on Feb. 5, 2026.",
    );
    expect(countdownSentence({ treatyShortName: "Open Skies Treaty", kind: "term_expiry", date, daysUntil: -3 })).toBe(
      "The Open Skies Treaty expired three days ago, on Feb. 5, 2026.",
    );
    expect(
      countdownSentence({ treatyShortName: "INF Treaty", partyCode: "US", kind: "ultimatum_end", date, daysUntil: 60 }),
    ).toBe("The U.S. deadline under the INF Treaty ends in 60 days, on Feb. 5, 2026.");
    expect(countdownSentence({ treatyShortName: "INF Treaty", kind: "ultimatum_end", date, daysUntil: -1 })).toBe(
      "The deadline under the INF Treaty ended yesterday, Feb. 5, 2026.",
    );
    expect(countdownSentence({ treatyShortName: "INF Treaty", kind: "earliest_notice", date, daysUntil: 1 })).toBe(
      "Notice of withdrawal from the INF Treaty may be given from tomorrow, Feb. 5, 2026.",
    );
    expect(
      countdownSentence({
        treatyShortName: "INF Treaty",
        partyCode: "US",
        kind: "earliest_notice",
        date,
        daysUntil: -40,
      }),
    ).toBe("Notice of U.S. withdrawal from the INF Treaty has been possible since Feb. 5, 2026, 40 days ago.");
  });

  it("says no withdrawal is pending when there is none", () => {
    expect(ap.none({ id: "inf", shortName: "INF Treaty" })).toBe("No withdrawal from the INF Treaty is pending.");
  });

  it("names the party as the treaty records it when AP has no adjective for it", () => {
    const treaty = { id: "ottawa", shortName: "Ottawa Convention" };
    const lithuania = { code: "LT", name: "Lithuania" };
    expect(
      ap.exit(treaty, {
        kind: "withdrawal_effective",
        parties: [lithuania],
        date: "2026-06-27",
        daysUntil: 10,
        pendingWithdrawals: 1,
      }),
    ).toBe("Lithuania's withdrawal from the Ottawa Convention takes effect in 10 days, on June 27, 2026.");
  });
});

describe("what-if sentences", () => {
  const inf = { id: "inf", shortName: "INF Treaty" };
  const us = { code: "US", name: "United States" };

  it("puts a hypothetical notice in the conditional", () => {
    expect(ap.whatIf(inf, { noticeOn: "2026-11-26", party: us, date: "2027-05-26", daysUntil: 181 })).toBe(
      "If notice of U.S. withdrawal from the INF Treaty were given on Nov. 26, 2026, it would take effect in 181 days, on May 26, 2027.",
    );
    expect(ap.whatIf(inf, { noticeOn: "2026-11-26", date: "2027-05-26", daysUntil: 1 })).toBe(
      "If notice of withdrawal from the INF Treaty were given on Nov. 26, 2026, it would take effect tomorrow, May 26, 2027.",
    );
  });

  it("says would have taken effect when the date is past", () => {
    expect(ap.whatIf(inf, { noticeOn: "2017-01-02", party: us, date: "2017-07-02", daysUntil: -3 })).toBe(
      "If notice of U.S. withdrawal from the INF Treaty were given on Jan. 2, 2017, it would have taken effect three days ago, on July 2, 2017.",
    );
  });
});
