import { describe, expect, it } from "vitest";
import { TIME_ZONE_PATTERN, wholeNumberSource } from "#http/patterns";
import { asOf, EARLIEST_AS_OF_YEAR } from "#http/schemas";

describe("patterns the OpenAPI document shares with the server", () => {
  it.each([
    [1, 200],
    [1, 100],
    [0, 365],
    [1, 5],
    [1, 9],
    [1, 10],
    [0, 999],
    [1, 1000],
  ])("matches exactly the whole numbers %i to %i, without leading zeros", (min, max) => {
    const pattern = new RegExp(`^${wholeNumberSource(min, max)}$`);
    for (let n = 0; n <= 1100; n++) expect(pattern.test(String(n)), String(n)).toBe(n >= min && n <= max);
    expect(pattern.test("007")).toBe(false);
  });

  it("matches every zone name the IANA database has", () => {
    for (const zone of Intl.supportedValuesOf("timeZone")) expect(TIME_ZONE_PATTERN.test(zone), zone).toBe(true);
    expect(TIME_ZONE_PATTERN.test("+02:00")).toBe(false);
  });

  it(`accepts an as-of date from 1 January ${EARLIEST_AS_OF_YEAR} and refuses the day before`, () => {
    expect(asOf.safeParse(`${EARLIEST_AS_OF_YEAR}-01-01`).success).toBe(true);
    expect(asOf.safeParse(`${EARLIEST_AS_OF_YEAR - 1}-12-31`).success).toBe(false);
    expect(asOf.safeParse("0019-07-04").success).toBe(false);
    expect(asOf.safeParse("9999-12-31").success).toBe(true);
  });
});
