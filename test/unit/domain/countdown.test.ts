import { describe, expect, it } from "vitest";
import { countdown, selectExit, whatIfNotice } from "#domain/countdown";
import { deriveDeadlines } from "#domain/deadlines";
import {
  InvalidDateError,
  NoticeNotAllowedError,
  PartialDateError,
  UnknownPartyError,
  UnknownTimeZoneError,
} from "#domain/errors";
import type { Deadline } from "#domain/types";
import { event, iccpr, inf, nato, newStart, ottawa } from "./fixtures.ts";

function thrown(action: () => unknown): Error {
  try {
    action();
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected the call to throw");
}

describe("counting down to a deadline", () => {
  it("counts 29 days and 21 weekdays from 4 July 2019 to the US exit from the INF Treaty", () => {
    expect(countdown("2019-08-02", "2019-07-04", "America/New_York")).toEqual({
      asOf: "2019-07-04",
      timeZone: "America/New_York",
      date: "2019-08-02",
      daysUntil: 29,
      businessDaysUntil: 21,
      status: "pending",
      breakdown: { months: 0, days: 29 },
    });
  });

  it("counts 152 days since the exit on 1 January 2020", () => {
    const count = countdown("2019-08-02", "2020-01-01", "Europe/Brussels");
    expect(count.daysUntil).toBe(-152);
    expect(count.status).toBe("passed");
    expect(count.breakdown).toEqual({ months: -4, days: -30 });
    // 5 August 2019 (Monday) to 1 January 2020 (Wednesday): 21 weeks and 3 weekdays.
    expect(count.businessDaysUntil).toBe(-108);
  });

  it("says today on the day, with nothing left to count", () => {
    expect(countdown("2019-08-02", "2019-08-02", "UTC")).toMatchObject({
      daysUntil: 0,
      businessDaysUntil: 0,
      status: "today",
      breakdown: { months: 0, days: 0 },
    });
  });

  it("counts a Saturday deadline from a Friday as one day but no weekdays", () => {
    expect(countdown("2019-08-03", "2019-08-02", "UTC")).toMatchObject({ daysUntil: 1, businessDaysUntil: 0 });
    expect(countdown("2019-08-05", "2019-08-02", "UTC")).toMatchObject({ daysUntil: 3, businessDaysUntil: 1 });
    expect(countdown("2019-08-02", "2019-08-05", "UTC")).toMatchObject({ daysUntil: -3, businessDaysUntil: -1 });
  });

  it("splits six months and a day into months and days", () => {
    expect(countdown("2019-08-03", "2019-02-02", "UTC").breakdown).toEqual({ months: 6, days: 1 });
  });

  it("counts from the date it already is in Moscow when New York is still on 1 August", () => {
    const instant = "2019-08-01T23:30:00-04:00";
    expect(countdown("2019-08-02", instant, "America/New_York")).toMatchObject({ asOf: "2019-08-01", daysUntil: 1 });
    expect(countdown("2019-08-02", instant, "Europe/Moscow")).toMatchObject({ asOf: "2019-08-02", status: "today" });
  });

  it("refuses an unknown zone, an impossible date and a partial deadline", () => {
    const zone = thrown(() => countdown("2019-08-02", "2019-07-04", "Mars/Olympus"));
    expect(zone).toBeInstanceOf(UnknownTimeZoneError);
    expect(zone.message).toContain("Mars/Olympus");
    const date = thrown(() => countdown("2019-02-30", "2019-01-01", "UTC"));
    expect(date).toBeInstanceOf(InvalidDateError);
    expect(date.message).toBe("The deadline 2019-02-30 is not a date: February 2019 has 28 days.");
    const partial = thrown(() => countdown("2019-08", "2019-01-01", "UTC"));
    expect(partial).toBeInstanceOf(PartialDateError);
    expect(partial.message).toContain("needs a full date");
    expect(() => countdown("2019-08-02", "2019-07-04T10:00:00", "UTC")).toThrow("has no UTC offset");
  });
});

describe("which exit applies", () => {
  const deadlines = deriveDeadlines(inf, [
    event({ date: "2018-12-04", type: "ultimatum", party: "US", ultimatum: { period: { days: 60 } } }),
    event({ date: "2019-02-02", type: "withdrawal_notice", party: "US" }),
    event({ date: "2019-03-04", type: "withdrawal_notice", party: "RU" }),
  ]);

  it("picks the next exit, not the ultimatum", () => {
    expect(selectExit(deadlines, "2019-01-01")?.date).toBe("2019-08-02");
    expect(selectExit(deadlines, "2019-08-02")?.date).toBe("2019-08-02");
    expect(selectExit(deadlines, "2019-08-03")?.date).toBe("2019-09-04");
  });

  it("picks the party's own exit", () => {
    expect(selectExit(deadlines, "2019-01-01", "RU")?.party).toBe("RU");
    expect(selectExit(deadlines, "2019-01-01", "US")?.party).toBe("US");
  });

  it("falls back on the latest exit already passed", () => {
    expect(selectExit(deadlines, "2020-01-01")?.date).toBe("2019-09-04");
    expect(selectExit(deadlines, "2020-01-01", "US")?.date).toBe("2019-08-02");
  });

  it("treats the end of a treaty's term as every party's exit", () => {
    const startDeadlines: Deadline[] = deriveDeadlines(newStart, [
      event({ date: "2021-02-03", type: "extended", extension: { extension: { years: 5 } } }),
    ]);
    expect(selectExit(startDeadlines, "2025-11-26", "RU")?.date).toBe("2026-02-05");
  });

  it("finds nothing when no one has given notice", () => {
    expect(selectExit(deriveDeadlines(nato, []), "2025-11-26")).toBeUndefined();
    expect(selectExit([], "2025-11-26", "US")).toBeUndefined();
  });
});

describe("what if notice were given", () => {
  it("puts a US exit from NATO a year after notice on 26 November 2026", () => {
    const deadline = whatIfNotice(nato, "2026-11-26", "US");
    expect(deadline).toEqual({
      kind: "withdrawal_effective",
      date: "2027-11-26",
      party: "US",
      basis: {
        rule: "Withdrawal takes effect one year after notice.",
        article: "North Atlantic Treaty, Article 13",
        triggerDate: "2026-11-26",
        explanation:
          "If notice were delivered on 26 November 2026, withdrawal would take effect on 26 November 2027. Article 13: withdrawal takes effect one year after notice. 26 November 2026 + 1 year = 26 November 2027.",
        warnings: [],
      },
    });
  });

  it("refuses NATO notice before 24 August 1969 and names the first day it was allowed", () => {
    const error = thrown(() => whatIfNotice(nato, "1960-01-01", "FR"));
    expect(error).toBeInstanceOf(NoticeNotAllowedError);
    expect(error.message).toContain("from 24 August 1969");
    expect(error.message).toContain("Try a date on or after 1969-08-24.");
    expect(whatIfNotice(nato, "1969-08-24").date).toBe("1970-08-24");
  });

  it("carries conditions and the Vienna Convention warning into the what-if", () => {
    expect(whatIfNotice(ottawa, "2026-01-31", "LV").basis.warnings).toEqual(ottawa.withdrawal?.conditions);
    const noClause = whatIfNotice(iccpr, "2026-01-31");
    expect(noClause.date).toBe("2027-01-31");
    expect(noClause.basis.warnings[0]).toContain("no withdrawal clause");
  });

  it("computes notice before entry into force but warns about it", () => {
    const deadline = whatIfNotice(inf, "1988-01-15", "US");
    expect(deadline.date).toBe("1988-07-15");
    expect(deadline.basis.warnings[0]).toContain("entered into force on 1 June 1988, after this notice date");
  });

  it("refuses a party the treaty does not have, or a notice date it cannot read", () => {
    const error = thrown(() => whatIfNotice(inf, "2019-02-02", "FR"));
    expect(error).toBeInstanceOf(UnknownPartyError);
    expect(error.message).toContain("US, RU");
    expect(() => whatIfNotice(inf, "2019-02")).toThrow(PartialDateError);
  });
});
