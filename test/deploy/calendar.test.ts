import { beforeAll, describe, expect, it } from "vitest";
import { bundles } from "./bundles.ts";

/**
 * luxon (the calendar) is loaded only by functions that work with dates. These only read or write records, or
 * answer with a document, a page or a 404/405: they reach the shared HTTP code (handler, request reading, cache
 * headers, the request schemas) and must not pull the calendar in through it. `lib/http/today.ts` is the one
 * HTTP module that needs it, and the request schemas are marked pure so a bundle keeps only its own.
 */
const WITHOUT_DATES = [
  "getTreaty",
  "treatyDeadlines",
  "eventRevisions",
  "listCorrections",
  "createSubscription",
  "listSubscriptions",
  "deleteSubscription",
  "rotateSubscriptionSecret",
  "listDeliveries",
  "openapi",
  "desk",
  "noRoute",
];

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
