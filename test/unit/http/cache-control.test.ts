import fc from "fast-check";
import CachePolicy from "http-cache-semantics";
import { describe, expect, it, vi } from "vitest";
import {
  cacheControl,
  EDITS,
  FRESH_SECONDS,
  type Freshness,
  PRIVATE,
  REVALIDATE_SECONDS,
} from "../../../lib/http/cache-control.ts";
import { dependsOnToday } from "../../../lib/http/today.ts";

/**
 * The Cache-Control we send, read by http-cache-semantics (the cache logic of got and
 * make-fetch-happen), as a shared cache such as the CDN reads it; the wall calendar is the
 * platform's time zone data (Intl), not luxon, which the module under test uses.
 */
function sharedCache(freshness: Freshness) {
  const response = { status: 200, headers: { "cache-control": cacheControl(freshness), etag: '"x"' } };
  return new CachePolicy({ method: "GET", url: "/treaties/inf/embed", headers: {} }, response, { shared: true });
}

const calendars = new Map<string, Intl.DateTimeFormat>();
function dateIn(zone: string, epochMs: number): string {
  let calendar = calendars.get(zone);
  if (!calendar) {
    calendar = new Intl.DateTimeFormat("en-CA", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit" });
    calendars.set(zone, calendar);
  }
  return calendar.format(epochMs);
}

const zones = Intl.supportedValuesOf("timeZone");
const zone = fc.constantFrom(...zones, "UTC");
// 1970 to 2037, to the millisecond: every zone's past and scheduled daylight-saving changes.
const instant = fc.integer({ min: 0, max: Date.UTC(2037, 11, 31) });
// Instants close to a zone's midnight are where a mistake would show.
const nearMidnight = fc
  .tuple(
    zone,
    fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2037, 0, 1) }),
    fc.integer({ min: 1, max: 120_000 }),
  )
  .map(([z, day, before]) => {
    const start = Date.UTC(new Date(day).getUTCFullYear(), new Date(day).getUTCMonth(), new Date(day).getUTCDate());
    // The first instant of the next local day, found by stepping a minute at a time from 26 h before.
    const today = dateIn(z, start);
    let t = start;
    while (dateIn(z, t) === today) t += 60_000;
    while (dateIn(z, t - 1) !== today) t -= 1;
    return { zone: z, now: t - before };
  });

/** Every instant a cache may serve the answer, sampled each 10 minutes and at its last millisecond. */
function servedInstants(now: number, ttlMs: number): number[] {
  const points = [now];
  for (let t = now + 600_000; t < now + ttlMs; t += 600_000) points.push(t);
  if (ttlMs > 0) points.push(now + ttlMs - 1);
  return points;
}

describe("cache lifetimes of answers that depend on today's date", () => {
  it("never let a cache serve a count, fresh or stale, past the next midnight in its zone", () => {
    fc.assert(
      fc.property(zone, instant, (z, now) => {
        const policy = sharedCache(dependsOnToday(z, new Date(now)));
        const today = dateIn(z, now);
        for (const t of servedInstants(now, policy.timeToLive())) expect(dateIn(z, t), `${z} at ${now}`).toBe(today);
      }),
      {
        numRuns: 3000,
        examples: [
          // A day whose 00:00 was skipped (daylight saving began at midnight): the next day starts at 00:00.
          ["America/Argentina/San_Juan", Date.UTC(1988, 11, 1, 3)],
          // Clocks fell back from 01:00 to 00:00: midnight came twice, and the day began at the first.
          ["America/Havana", Date.UTC(2002, 9, 26, 4)],
        ],
      },
    );
    // 3,000 zone-and-instant pairs take about 20 s on a busy two-core machine: more than the default budget.
  }, 120_000);

  it("stay just short of midnight, to the second, in the last two minutes of a day", () => {
    fc.assert(
      fc.property(nearMidnight, ({ zone: z, now }) => {
        const policy = sharedCache(dependsOnToday(z, new Date(now)));
        const ttl = policy.timeToLive();
        const today = dateIn(z, now);
        for (const t of servedInstants(now, ttl)) expect(dateIn(z, t)).toBe(today);
        // Not needlessly short: it ends within a second of midnight.
        expect(dateIn(z, now + ttl + 1000)).not.toBe(today);
      }),
      { numRuns: 500 },
    );
  });

  it("are as fresh as any answer, a minute at most with revalidation, while midnight is far", () => {
    fc.assert(
      fc.property(zone, instant, (z, now) => {
        const header = cacheControl(dependsOnToday(z, new Date(now)));
        const policy = sharedCache(dependsOnToday(z, new Date(now)));
        if (dateIn(z, now + 61_000) !== dateIn(z, now)) return;
        expect(policy.maxAge()).toBe(FRESH_SECONDS);
        expect(header).toContain(`stale-while-revalidate=${REVALIDATE_SECONDS}`);
        expect(policy.storable()).toBe(true);
      }),
    );
  });

  it("tells caches to keep nothing stale once freshness reaches midnight", () => {
    // 23:59:30 in New York (UTC-5 in December).
    const header = cacheControl(dependsOnToday("America/New_York", new Date("2026-12-01T04:59:30Z")));
    expect(header).toBe("public, max-age=30, must-revalidate");
    expect(cacheControl(dependsOnToday("America/New_York", new Date("2026-12-01T04:59:59.500Z")))).toBe(
      "public, max-age=0, must-revalidate",
    );
  });
});

describe("cache lifetimes of other answers", () => {
  it("keep answers that change only with an edit for 45 s, revalidate for 15, and cover a week of outage", () => {
    // The policy counts its lifetime from the moment it saw the answer: hold the clock still, so a busy machine
    // taking a millisecond between the two does not shorten it.
    vi.useFakeTimers({ now: Date.UTC(2026, 10, 30, 12), toFake: ["Date"] });
    try {
      const policy = sharedCache(EDITS);
      expect(cacheControl(EDITS)).toBe("public, max-age=45, stale-while-revalidate=15, stale-if-error=604800");
      expect(policy.maxAge()).toBe(45);
      expect(policy.timeToLive()).toBe((45 + 7 * 24 * 3600) * 1000);
    } finally {
      vi.useRealTimers();
    }
  });

  it("show a write everywhere within one minute: freshness plus revalidation is at most 60 s", () => {
    expect(FRESH_SECONDS + REVALIDATE_SECONDS).toBeLessThanOrEqual(60);
  });

  it("never let a shared cache store a keyed answer", () => {
    expect(sharedCache(PRIVATE).storable()).toBe(false);
  });
});
