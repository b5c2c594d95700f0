import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from "aws-lambda";
import CachePolicy from "http-cache-semantics";
import { beforeAll, describe, expect, it } from "vitest";
import { startOfNextDay } from "../../lib/domain/calendar.ts";
import { type Answer, call, sampleEvent } from "../support/lambda.ts";

/**
 * What the handlers tell caches, with the clock set to 30 s before midnight in New York
 * (TREATY_CLOCK_OFFSET_MS, read when lib/clock.ts loads: vitest gives this file its own modules).
 */
type Handler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;
let daysUntilExit: Handler;
let embed: Handler;
let midnightInNewYork: Date;

beforeAll(async () => {
  midnightInNewYork = startOfNextDay("America/New_York", new Date(Date.now() + 60_000));
  process.env.TREATY_CLOCK_OFFSET_MS = String(midnightInNewYork.getTime() - 30_000 - Date.now());
  daysUntilExit = (await import("../../functions/days-until-exit.ts")).handler;
  embed = (await import("../../functions/embed.ts")).handler;
});

/** How long a shared cache (the CDN) may use the answer, fresh or stale, by http-cache-semantics. */
function sharedCacheKeeps(answer: Answer, path: string): number {
  const policy = new CachePolicy(
    { method: "GET", url: path, headers: {} },
    { status: answer.status, headers: answer.headers },
    { shared: true },
  );
  return policy.storable() ? policy.timeToLive() : 0;
}

describe("Cache-Control of public answers, 30 s before midnight in New York", () => {
  it("lets caches keep today's New York countdown only until midnight there, and never stale", async () => {
    const answer = await call(
      daysUntilExit,
      sampleEvent("days-until-exit.json", { path: { treatyId: "inf" }, query: { tz: "America/New_York" } }),
    );
    expect(answer.status).toBe(200);
    expect(answer.headers["cache-control"]).toMatch(/^public, max-age=([1-9]|[12]\d|30), must-revalidate$/);
    expect(sharedCacheKeeps(answer, "/treaties/inf/days-until-exit?tz=America/New_York")).toBeLessThanOrEqual(30_000);
  });

  it("keeps the same countdown in UTC for the usual 45 s, with its stale windows ending at midnight UTC", async () => {
    const answer = await call(
      daysUntilExit,
      sampleEvent("days-until-exit.json", { path: { treatyId: "inf" }, query: { tz: "UTC" } }),
    );
    const staleIfError = Number(/stale-if-error=(\d+)/.exec(answer.headers["cache-control"] ?? "")?.[1]);
    expect(answer.headers["cache-control"]).toMatch(
      /^public, max-age=45, stale-while-revalidate=15, stale-if-error=\d+$/,
    );
    const untilUtcMidnight =
      (startOfNextDay("UTC", new Date(midnightInNewYork.getTime() - 30_000)).getTime() -
        (midnightInNewYork.getTime() - 30_000)) /
      1000;
    expect(45 + staleIfError).toBeLessThanOrEqual(Math.ceil(untilUtcMidnight));
  });

  it("lets caches keep the embed only until midnight in its zone", async () => {
    const answer = await call(
      embed,
      sampleEvent("embed.json", { path: { treatyId: "inf" }, query: { tz: "America/New_York" } }),
    );
    expect(answer.status).toBe(200);
    expect(sharedCacheKeeps(answer, "/treaties/inf/embed?tz=America/New_York")).toBeLessThanOrEqual(30_000);
  });

  it("keeps a countdown as of a given date 45 s, revalidates it for 15 and covers a week of outage", async () => {
    const answer = await call(
      daysUntilExit,
      sampleEvent("days-until-exit.json", {
        path: { treatyId: "inf" },
        query: { asOf: "2019-07-04", tz: "America/New_York" },
      }),
    );
    expect(answer.headers["cache-control"]).toBe(
      "public, max-age=45, stale-while-revalidate=15, stale-if-error=604800",
    );
    expect(answer.headers.etag).toMatch(/^"[\w-]+"$/);
  });

  it("never lets a cache keep an error", async () => {
    const answer = await call(
      daysUntilExit,
      sampleEvent("days-until-exit.json", { path: { treatyId: "no-such-treaty" }, query: { asOf: "2019-07-04" } }),
    );
    expect(answer.status).toBe(404);
    expect(answer.headers["cache-control"]).toBe("no-store");
    expect(sharedCacheKeeps(answer, "/treaties/no-such-treaty/days-until-exit")).toBe(0);
  });
});
