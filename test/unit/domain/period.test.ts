import { describe, expect, it } from "vitest";
import { addPeriod, assertPeriod, clampNote, describePeriod, describePeriodInFigures } from "#domain/calendar";
import { InvalidDateError, InvalidPeriodError, PartialDateError } from "#domain/errors";
import type { Period } from "#domain/types";

function thrown(action: () => unknown): Error {
  try {
    action();
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected the call to throw");
}

describe("adding a period to a date", () => {
  it("puts the INF withdrawal six months after 2 February 2019, on 2 August 2019", () => {
    expect(addPeriod("2019-02-02", { months: 6 })).toEqual({ date: "2019-08-02", clamped: false });
  });

  it("counts 60 days from 4 December 2018 to 2 February 2019", () => {
    expect(addPeriod("2018-12-04", { days: 60 })).toEqual({ date: "2019-02-02", clamped: false });
  });

  it("lands six months after 31 August on the last day of February, and says so", () => {
    expect(addPeriod("2019-08-31", { months: 6 })).toEqual({ date: "2020-02-29", clamped: true });
    expect(addPeriod("2018-08-31", { months: 6 })).toEqual({ date: "2019-02-28", clamped: true });
  });

  it("lands a year after 29 February on 28 February", () => {
    expect(addPeriod("2020-02-29", { years: 1 })).toEqual({ date: "2021-02-28", clamped: true });
    expect(addPeriod("2020-02-29", { years: 4 })).toEqual({ date: "2024-02-29", clamped: false });
  });

  it("counts a year and six months as eighteen calendar months, then adds the days", () => {
    expect(addPeriod("2019-08-31", { years: 1, months: 6 })).toEqual({ date: "2021-02-28", clamped: true });
    expect(addPeriod("2019-01-31", { months: 1, days: 1 })).toEqual({ date: "2019-03-01", clamped: true });
    expect(addPeriod("2019-12-15", { months: 1 })).toEqual({ date: "2020-01-15", clamped: false });
  });

  it("explains the month-end convention when it applies, and only then", () => {
    expect(clampNote("2019-08-31", { months: 6 })).toBe(
      "31 August has no counterpart in February 2020, so the count ends on the last day of that month, 29 February 2020, as is the convention for periods in calendar months.",
    );
    expect(clampNote("2019-02-02", { months: 6 })).toBe("");
  });

  it("refuses to add to a date known only to the month", () => {
    const error = thrown(() => addPeriod("2019-02", { months: 6 }));
    expect(error).toBeInstanceOf(PartialDateError);
    expect(error.message).toContain("needs a full date (YYYY-MM-DD)");
  });

  it("refuses a sum past the year 9999", () => {
    expect(() => addPeriod("9999-12-01", { months: 1 })).toThrow(InvalidDateError);
    expect(() => addPeriod("9999-12-31", { days: 1 })).toThrow(InvalidDateError);
  });
});

describe("checking a period", () => {
  it("accepts whole, non-negative figures with at least one above zero", () => {
    const period: Period = { years: 0, months: 6 };
    expect(assertPeriod(period)).toBe(period);
  });

  it.each<[string, Period, string]>([
    ["an empty period", {}, "is empty; give at least one of years, months or days"],
    ["a zero period", { days: 0 }, "is empty"],
    ["a negative period", { months: -6 }, "has months = -6; a period counts forward"],
    ["half a year", { years: 1.5 }, "use whole numbers"],
    ["a period of 2000 years", { years: 2000 }, "longer than 1000 years"],
    ["a million days", { days: 1_000_000 }, "longer than 1000 years"],
  ])("refuses %s and says what to change", (_label, period, hint) => {
    const error = thrown(() => assertPeriod(period, "notice period"));
    expect(error).toBeInstanceOf(InvalidPeriodError);
    expect(error.message).toContain("The notice period");
    expect(error.message).toContain(hint);
  });

  it("refuses a negative period in arithmetic too", () => {
    expect(() => addPeriod("2019-02-02", { months: -6 })).toThrow(InvalidPeriodError);
  });
});

describe("describing a period", () => {
  it.each<[Period, string]>([
    [{ months: 6 }, "six months"],
    [{ days: 60 }, "60 days"],
    [{ years: 1 }, "one year"],
    [{ years: 5 }, "five years"],
    [{ years: 1, months: 6 }, "one year and six months"],
    [{ months: 12 }, "twelve months"],
    [{ months: 13 }, "13 months"],
    [{ years: 2, months: 1, days: 10 }, "two years, one month and ten days"],
    [{ years: 0, days: 1 }, "one day"],
  ])("describes %j as %j", (period, words) => {
    expect(describePeriod(period)).toBe(words);
  });

  it("writes figures for the arithmetic line", () => {
    expect(describePeriodInFigures({ months: 6 })).toBe("6 months");
    expect(describePeriodInFigures({ years: 1 })).toBe("1 year");
    expect(describePeriodInFigures({ years: 10 })).toBe("10 years");
  });
});
