import { describe, expect, it } from "vitest";
import {
  assertTimeZone,
  civilDateAt,
  compareTimelineDates,
  daysBetween,
  formatLongDate,
  formatPartialDate,
  parseCivilDate,
  parsePartialDate,
  todayIn,
} from "#domain/calendar";
import { InvalidDateError, PartialDateError, UnknownTimeZoneError } from "#domain/errors";

function thrown(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to throw");
}

describe("reading dates", () => {
  it("reads a year, a month or a day and says how precisely the date is known", () => {
    expect(parsePartialDate("1991")).toEqual({ value: "1991", precision: "year", year: 1991 });
    expect(parsePartialDate("1991-05")).toEqual({ value: "1991-05", precision: "month", year: 1991, month: 5 });
    expect(parsePartialDate("2019-02-02")).toEqual({
      value: "2019-02-02",
      precision: "day",
      year: 2019,
      month: 2,
      day: 2,
    });
  });

  it("accepts 29 February in a leap year, including 2000", () => {
    expect(parseCivilDate("2020-02-29")).toBe("2020-02-29");
    expect(parseCivilDate("2000-02-29")).toBe("2000-02-29");
  });

  it("refuses 30 February 2019 and says how long February 2019 is", () => {
    const error = thrown(() => parsePartialDate("2019-02-30"));
    expect(error).toBeInstanceOf(InvalidDateError);
    expect((error as Error).message).toBe("2019-02-30 is not a date: February 2019 has 28 days.");
  });

  it("refuses 29 February 1900, which was not a leap year", () => {
    expect(() => parseCivilDate("1900-02-29")).toThrow("February 1900 has 28 days");
  });

  it.each([
    ["2019-13-01", "month must be between 01 and 12"],
    ["0000-01-01", "years run from 0001 to 9999"],
    ["2019-2-2", "YYYY-MM-DD"],
    ["02/02/2019", "YYYY-MM-DD"],
    ["", "YYYY-MM-DD"],
    ["2019-02-02T00:00:00Z", "YYYY-MM-DD"],
    ["12019-01-01", "YYYY-MM-DD"],
  ])("refuses %j with a message that shows how to write it", (text, hint) => {
    const error = thrown(() => parsePartialDate(text));
    expect(error).toBeInstanceOf(InvalidDateError);
    expect((error as Error).message).toContain(hint);
  });

  it("asks for a full date when a deadline is computed from a month", () => {
    const error = thrown(() => parseCivilDate("1991-05"));
    expect(error).toBeInstanceOf(PartialDateError);
    expect((error as Error).message).toBe(
      "The date 1991-05 is known only to the month; a deadline needs a full date (YYYY-MM-DD).",
    );
  });

  it("names the date it could not read", () => {
    expect(() => parseCivilDate("1991", "notice date")).toThrow(
      "The notice date 1991 is known only to the year; a deadline needs a full date (YYYY-MM-DD).",
    );
    expect(() => parseCivilDate("2019-02-30", "notice date")).toThrow(
      "The notice date 2019-02-30 is not a date: February 2019 has 28 days.",
    );
  });
});

describe("timeline order", () => {
  it("lists 1991 before May 1991, May 1991 before 1 May 1991, and all of them before June 1991", () => {
    const dates = ["1991-06", "1991-05-01", "1992", "1991", "1991-05", "1991-05-31", "1990-12-31"];
    expect([...dates].sort(compareTimelineDates)).toEqual([
      "1990-12-31",
      "1991",
      "1991-05",
      "1991-05-01",
      "1991-05-31",
      "1991-06",
      "1992",
    ]);
    expect(compareTimelineDates("1991-05", "1991-05")).toBe(0);
  });
});

describe("time zones", () => {
  it("accepts IANA names and UTC", () => {
    expect(assertTimeZone("Europe/Brussels")).toBe("Europe/Brussels");
    expect(assertTimeZone("UTC")).toBe("UTC");
    expect(assertTimeZone("Asia/Kathmandu")).toBe("Asia/Kathmandu");
  });

  it.each(["Mars/Olympus", "", "+02:00", "Europe/Brusels"])("refuses %j and suggests an IANA name", (zone) => {
    const error = thrown(() => assertTimeZone(zone));
    expect(error).toBeInstanceOf(UnknownTimeZoneError);
    expect((error as Error).message).toContain("use an IANA name such as Europe/Brussels or America/New_York");
  });

  it("quotes the unknown zone back", () => {
    expect(() => assertTimeZone("Mars/Olympus")).toThrow(
      'Unknown time zone "Mars/Olympus": use an IANA name such as Europe/Brussels or America/New_York.',
    );
  });
});

describe("the date on a newsroom's calendar", () => {
  it("reads 23:30 on 1 August 2019 in New York as 1 August there but 2 August in Moscow", () => {
    expect(civilDateAt("2019-08-01T23:30:00-04:00", "America/New_York")).toBe("2019-08-01");
    expect(civilDateAt("2019-08-01T23:30:00-04:00", "Europe/Moscow")).toBe("2019-08-02");
  });

  it("takes a plain date as it is, whatever the zone", () => {
    expect(civilDateAt("2019-07-04", "Pacific/Kiritimati")).toBe("2019-07-04");
    expect(civilDateAt("2019-07-04", "Pacific/Pago_Pago")).toBe("2019-07-04");
  });

  it("reads Z and compact offsets", () => {
    expect(civilDateAt("2019-07-04T23:30Z", "Europe/London")).toBe("2019-07-05");
    expect(civilDateAt("2019-07-04T10:00:00.123+0545", "UTC")).toBe("2019-07-04");
    expect(civilDateAt("2019-07-04T03:00:00+05", "America/New_York")).toBe("2019-07-03");
  });

  it("asks for an offset when a time comes without one", () => {
    const error = thrown(() => civilDateAt("2019-07-04T23:30:00", "Europe/London"));
    expect(error).toBeInstanceOf(InvalidDateError);
    expect((error as Error).message).toContain("has no UTC offset");
    expect((error as Error).message).toContain("2019-07-04T23:30:00Z");
  });

  it("refuses a moment that does not exist or cannot be read", () => {
    expect(() => civilDateAt("2019-02-30T10:00:00Z", "UTC")).toThrow(InvalidDateError);
    expect(() => civilDateAt("next Tuesday", "UTC")).toThrow(InvalidDateError);
    expect(() => civilDateAt("2019-02-30", "UTC")).toThrow("February 2019 has 28 days");
  });

  it("refuses an unknown zone even for a plain date", () => {
    expect(() => civilDateAt("2019-07-04", "Mars/Olympus")).toThrow(UnknownTimeZoneError);
  });

  it("tells today's date from the clock it is given", () => {
    const now = new Date("2019-08-01T23:30:00-04:00");
    expect(todayIn("America/New_York", now)).toBe("2019-08-01");
    expect(todayIn("Europe/Moscow", now)).toBe("2019-08-02");
    expect(todayIn("UTC", now)).toBe("2019-08-02");
    expect(() => todayIn("UTC", new Date(Number.NaN))).toThrow(InvalidDateError);
  });
});

describe("counting and writing dates", () => {
  it("counts 29 days from 4 July 2019 to 2 August 2019", () => {
    expect(daysBetween("2019-07-04", "2019-08-02")).toBe(29);
    expect(daysBetween("2019-08-02", "2019-07-04")).toBe(-29);
  });

  it("counts across the 2019 US and EU clock changes without losing a day", () => {
    expect(daysBetween("2019-03-09", "2019-03-11")).toBe(2);
    expect(daysBetween("2019-10-26", "2019-10-28")).toBe(2);
  });

  it("counts 366 days across a leap year and 365 across 1900", () => {
    expect(daysBetween("2020-01-01", "2021-01-01")).toBe(366);
    expect(daysBetween("1900-01-01", "1901-01-01")).toBe(365);
  });

  it("refuses to count from a partial date", () => {
    expect(() => daysBetween("2019-07", "2019-08-02")).toThrow(PartialDateError);
  });

  it("writes dates the way a news story does", () => {
    expect(formatLongDate("2019-02-02")).toBe("2 February 2019");
    expect(formatLongDate("2026-11-26")).toBe("26 November 2026");
    expect(formatPartialDate("1991-05")).toBe("May 1991");
    expect(formatPartialDate("1991")).toBe("1991");
    expect(formatPartialDate("2019-02-02")).toBe("2 February 2019");
  });
});
