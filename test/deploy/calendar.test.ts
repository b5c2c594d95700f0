import { beforeAll, describe, expect, it } from "vitest";
import { bundles } from "./bundles.ts";

/**
 * luxon (the calendar) is loaded only by functions that work with dates. The three that only answer with a
 * document, a page or a 404/405 reach the shared HTTP code (handler, request reading, cache headers) and must
 * not pull the calendar in through it: `lib/http/today.ts` is the one HTTP module that needs it.
 */
const WITHOUT_DATES = ["openapi", "desk", "noRoute"];

let built: Record<string, string>;

beforeAll(async () => {
  built = await bundles();
}, 120_000);

const carriesLuxon = (bundle: string) => bundle.includes("node_modules/luxon/");

describe("the calendar in bundles", () => {
  for (const name of WITHOUT_DATES) {
    it(`${name} does not carry luxon`, () => {
      expect(built[name]).toBeDefined();
      expect(carriesLuxon(built[name] ?? "")).toBe(false);
    });
  }

  it("finds luxon where dates are worked with: daysUntilExit carries it", () => {
    expect(carriesLuxon(built.daysUntilExit ?? "")).toBe(true);
  });
});
