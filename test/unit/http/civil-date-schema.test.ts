import { describe, expect, it } from "vitest";
import { civilDate } from "../../../lib/http/schemas.ts";

/** What a client reads when a date field is refused: one message, the most specific there is. */
const messages = (value: unknown) => civilDate.safeParse(value).error?.issues.map((issue) => issue.message);

describe("a civil date at the edge", () => {
  it("accepts a real day", () => {
    expect(civilDate.safeParse("2019-08-02").success).toBe(true);
    expect(civilDate.safeParse("2024-02-29").success).toBe(true);
  });

  it("refuses a day the month does not have with the calendar's reason alone", () => {
    expect(messages("2019-02-30")).toEqual(["2019-02-30 is not a date: February 2019 has 28 days."]);
    expect(messages("1900-02-29")).toEqual(["1900-02-29 is not a date: February 1900 has 28 days."]);
  });

  it("refuses a year outside 0001-9999 with the calendar's reason", () => {
    expect(messages("0000-01-01")).toEqual(["0000-01-01 is not a date: years run from 0001 to 9999."]);
  });

  it("says once, and only as a full date, how to write a value that is not written YYYY-MM-DD", () => {
    for (const value of ["yesterday", "2019-8-2", "2019-08", "2019", "10000-01-01", 20190802]) {
      expect(messages(value)).toEqual(["must be a real date written YYYY-MM-DD"]);
    }
  });
});
