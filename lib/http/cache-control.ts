/**
 * How long a cache (a browser, the CDN, the bench's nginx) may keep a public answer: the one
 * place that writes Cache-Control for reads. Three kinds of answer:
 *
 * - one that depends on today's date (a countdown without `asOf`, the embed, `/deadlines`
 *   without `from`, `/treaties`, whole timelines with their "in force until today" era): kept
 *   at most until the next midnight in the time zone it was computed for, stale windows included,
 *   so no cache can ever show yesterday's count after midnight;
 * - one that changes only when the treaty is edited (`asOf` given, history pages, the treaty
 *   itself): the same short freshness, then revalidated by ETag (a 304 moves no body), and served
 *   stale for a week if the origin fails;
 * - a keyed read: never stored by a shared cache.
 *
 * Freshness plus stale-while-revalidate is at most a minute, so a write shows everywhere within
 * one minute without invalidating the CDN.
 */
export type Freshness =
  /** Depends on today's date, computed at `now`; today ends at `nextMidnight` (lib/http/today.ts). */
  | { kind: "today"; now: Date; nextMidnight: Date }
  /** Changes only when the data changes. */
  | { kind: "edits" }
  /** Answers for one key's holder. */
  | { kind: "private" };

/** Seconds a cache may serve an answer without asking the origin. */
export const FRESH_SECONDS = 45;
/** Seconds after that during which a cache may serve it while fetching the next one. */
export const REVALIDATE_SECONDS = 15;
/** Seconds after freshness during which a cache may serve it when the origin fails. */
export const STALE_IF_ERROR_SECONDS = 7 * 24 * 3600;

export const EDITS: Freshness = { kind: "edits" };
export const PRIVATE: Freshness = { kind: "private" };

export interface Lifetime {
  maxAge: number;
  staleWhileRevalidate: number;
  staleIfError: number;
}

/** Whole seconds, rounded down, so no window can reach past its limit. */
export function lifetime(freshness: Freshness): Lifetime | null {
  if (freshness.kind === "private") return null;
  const standard = {
    maxAge: FRESH_SECONDS,
    staleWhileRevalidate: REVALIDATE_SECONDS,
    staleIfError: STALE_IF_ERROR_SECONDS,
  };
  if (freshness.kind === "edits") return standard;
  const untilMidnight = Math.floor((freshness.nextMidnight.getTime() - freshness.now.getTime()) / 1000);
  const maxAge = Math.max(0, Math.min(standard.maxAge, untilMidnight));
  const afterFresh = Math.max(0, untilMidnight - maxAge);
  return {
    maxAge,
    staleWhileRevalidate: Math.min(standard.staleWhileRevalidate, afterFresh),
    staleIfError: Math.min(standard.staleIfError, afterFresh),
  };
}

export function cacheControl(freshness: Freshness): string {
  const kept = lifetime(freshness);
  if (kept === null) return "private, no-store";
  const directives = ["public", `max-age=${kept.maxAge}`];
  if (kept.staleWhileRevalidate > 0) directives.push(`stale-while-revalidate=${kept.staleWhileRevalidate}`);
  if (kept.staleIfError > 0) directives.push(`stale-if-error=${kept.staleIfError}`);
  // Freshness ends at midnight: no cache may serve it stale, not even to cover an outage.
  else directives.push("must-revalidate");
  return directives.join(", ");
}
