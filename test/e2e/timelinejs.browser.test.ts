import { existsSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { dirname, extname, join, normalize } from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { eventTypeLabel } from "#formats/labels";
import { readSeedFiles } from "../../scripts/local/seed-data.ts";
import { chromiumPath, LAUNCH_ARGS } from "../support/browser.ts";

/**
 * Every seeded timeline through TimelineJS itself: Knight Lab's own bundle from the npm package
 * `@knight-lab/timelinejs`, in Debian's chromium, renders each treaty's `?format=timelinejs` JSON and
 * reads its `?format=csv` sheet the way it reads a published Google Sheet (through its sheets proxy,
 * its CSV parser and its row reader). Both must load with no error, show a slide per event after the
 * title slide and the "In force" era, agree with each other, and give back the dates and headlines of
 * the catalogue in data/treaties.
 *
 * It also loads the JSON by the API's URL, as an embed on a newsroom's page does: across origins, so
 * the API's CORS answer counts. Nothing leaves the machine: a small server on loopback answers the
 * page, TimelineJS's files from node_modules and the sheets proxy (from the API); any other request
 * is refused and fails the test.
 */
const base = inject("apiUrl");
const require = createRequire(import.meta.url);
const TIMELINEJS_DIR = dirname(require.resolve("@knight-lab/timelinejs/package.json"));
const TIMELINEJS_VERSION = (
  JSON.parse(readFileSync(join(TIMELINEJS_DIR, "package.json"), "utf8")) as { version: string }
).version;
const HARNESS = readFileSync(new URL("../support/timelinejs-harness.js", import.meta.url), "utf8");

/** The path TimelineJS asks for a published Google Sheet's CSV under (its `sheets_proxy` option). */
const SHEETS_PROXY_PATH = "/sheets-proxy/";
/** The Google Sheet a newsroom would paste `?format=csv` into and publish; TimelineJS asks its proxy for it. */
const sheetUrl = (treatyId: string) => `https://docs.google.com/spreadsheets/d/treaty-clock-${treatyId}/pubhtml`;
const SHEET_CSV = /^https:\/\/docs\.google\.com\/spreadsheets\/d\/treaty-clock-([a-z0-9-]+)\/pub\?output=csv$/;
const DIST = join(TIMELINEJS_DIR, "dist");

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>TimelineJS ${TIMELINEJS_VERSION}</title>
<link rel="stylesheet" href="/timelinejs/css/timeline.css">
<script src="/timelinejs/js/timeline.js"></script>
<script src="/harness.js"></script>
<style>.timeline { width: 1000px; height: 650px; }</style>
</head>
<body>
<div id="from-json" class="timeline"></div>
<div id="from-url" class="timeline"></div>
<div id="from-sheet" class="timeline"></div>
</body>
</html>`;

const seeds = readSeedFiles();

interface Slide {
  date: string | undefined;
  endDate: string | undefined;
  displayDate: string;
  headline: string;
  text: string;
  group: string;
}

interface Reading {
  outcome: "loaded" | "error" | "timeout";
  errors: string[];
  message: string | undefined;
  title: { headline: string; text: string } | undefined;
  events: Slide[];
  eras: Array<{ headline: string; start: string | undefined; end: string | undefined }>;
  drawn: {
    slides: Array<{ headline: string | undefined; date: string | undefined; paragraphs: string[]; links: string[] }>;
    markers: number;
    eras: string[];
    groups: string[];
  };
}

interface SheetReading {
  title: { headline: string } | undefined;
  events: number;
  eras: Array<{ headline: string; start: string; end: string }>;
  errors: string[];
  warnings: string[];
}

/** What test/support/timelinejs-harness.js adds to the page. */
interface Harness {
  renderTimeline(containerId: string, data: TimelineJsJson | string, options: object): Promise<Reading>;
  readSheet(sheetUrl: string, proxy: string): Promise<SheetReading>;
}

interface TimelineJsJson {
  events: unknown[];
  eras?: Array<{ start_date: unknown; end_date: unknown; text?: { headline?: string } }>;
}

/** "1987-12-08" from a TimelineJS JSON date, as the catalogue writes it. */
function civilDate(date: unknown): string {
  const { year, month, day } = date as { year: number; month?: number; day?: number };
  return [
    String(year).padStart(4, "0"),
    ...[month, day].filter((part) => part !== undefined).map((part) => String(part).padStart(2, "0")),
  ].join("-");
}

/** The page's server: the page, TimelineJS's files from node_modules, and the sheets proxy. */
async function serve(path: string): Promise<{ status: number; type: string; body: string | Buffer }> {
  if (path === "/") return { status: 200, type: "text/html; charset=utf-8", body: PAGE };
  if (path === "/harness.js") return { status: 200, type: "text/javascript", body: HARNESS };
  if (path.startsWith("/timelinejs/")) {
    const file = normalize(join(DIST, decodeURIComponent(new URL(path, "http://x").pathname.slice(12))));
    if (!file.startsWith(`${DIST}/`) || !existsSync(file)) return { status: 404, type: "text/plain", body: path };
    return { status: 200, type: MEDIA_TYPES[extname(file)] ?? "application/octet-stream", body: readFileSync(file) };
  }
  if (path.startsWith(SHEETS_PROXY_PATH)) {
    // The proxy's job: fetch the published sheet as CSV. Here the sheet is our ?format=csv.
    const treatyId = SHEET_CSV.exec(path.slice(SHEETS_PROXY_PATH.length))?.[1];
    if (!treatyId) return { status: 404, type: "text/plain", body: `no such sheet: ${path}` };
    const answer = await fetch(`${base}/treaties/${treatyId}/history?format=csv`);
    return { status: answer.status, type: answer.headers.get("content-type") ?? "text/csv", body: await answer.text() };
  }
  return { status: 404, type: "text/plain", body: `not served here: ${path}` };
}

const MEDIA_TYPES: Record<string, string> = {
  ".js": "text/javascript",
  ".css": "text/css",
  ".json": "application/json",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
  ".ttf": "font/ttf",
  ".svg": "image/svg+xml",
};

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const totals = { passed: 0, slides: 0, eras: 0 };

describe.skipIf(!chromiumPath)(`TimelineJS ${TIMELINEJS_VERSION} (npm) in headless chromium`, () => {
  let browser: Browser;
  let page: Page;
  const server = createServer((request, response) => {
    serve(request.url ?? "/").then(
      ({ status, type, body }) => response.writeHead(status, { "content-type": type }).end(body),
      (error: Error) => response.writeHead(500, { "content-type": "text/plain" }).end(error.message),
    );
  });
  /** The page's origin: loopback, like the API, so chromium lets the page call it (with CORS, another port). */
  let origin = "";
  /** Requests for anything but the page's server and the API: TimelineJS must need nothing from the web. */
  const refused: string[] = [];
  const problems: string[] = [];

  beforeAll(async () => {
    origin = await listen(server);
    browser = await chromium.launch({ executablePath: chromiumPath, args: LAUNCH_ARGS, timeout: 30_000 });
    const context = await browser.newContext({ viewport: { width: 1024, height: 1400 } });
    await context.route("**/*", async (route) => {
      const url = new URL(route.request().url());
      // The page's own server, and the API itself: TimelineJS given the API's URL, across origins, as an embed is.
      if (url.origin === origin || url.origin === new URL(base).origin) return route.continue();
      refused.push(url.href);
      return route.abort("blockedbyclient");
    });
    page = await context.newPage();
    page.on("console", (message) => {
      if (message.type() === "error") problems.push(`console: ${message.text()}`);
    });
    page.on("pageerror", (error) => problems.push(`pageerror: ${error.message}`));
  });

  afterAll(async () => {
    await browser?.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    console.log(
      `TimelineJS ${TIMELINEJS_VERSION}: ${totals.passed} of ${seeds.length} seeded timelines rendered with no error from ?format=timelinejs (as data and by URL) and from ?format=csv read as a Google Sheet, the same ${totals.slides} slides and ${totals.eras} eras each way`,
    );
  });

  it.each(seeds.map((seed) => [seed.treaty.id, seed] as const))(
    "renders %s from its JSON (given as data and by URL) and from its sheet, with a slide per event, its era and no error",
    async (treatyId, seed) => {
      problems.length = 0;
      const answer = await fetch(`${base}/treaties/${treatyId}/history?format=timelinejs`);
      expect(answer.status).toBe(200);
      const json = (await answer.json()) as TimelineJsJson;
      expect((await page.goto(`${origin}/`, { waitUntil: "load" }))?.status()).toBe(200);

      const fromJson = await page.evaluate(
        ([id, data]) => (globalThis as unknown as Harness).renderTimeline(id, data, {}),
        ["from-json", json] as const,
      );
      const fromUrl = await page.evaluate(
        ([id, url]) => (globalThis as unknown as Harness).renderTimeline(id, url, {}),
        ["from-url", `${base}/treaties/${treatyId}/history?format=timelinejs`] as const,
      );
      const sheet = await page.evaluate(([url, proxy]) => (globalThis as unknown as Harness).readSheet(url, proxy), [
        sheetUrl(treatyId),
        `${origin}${SHEETS_PROXY_PATH}`,
      ] as const);
      const fromSheet = await page.evaluate(
        ([id, url, proxy]) => (globalThis as unknown as Harness).renderTimeline(id, url, { sheets_proxy: proxy }),
        ["from-sheet", sheetUrl(treatyId), `${origin}${SHEETS_PROXY_PATH}`] as const,
      );

      const events = seed.events.length;
      const eras = json.eras ?? [];
      // A treaty that entered into force has its "In force" era, to its end or to today.
      expect(eras).toHaveLength(seed.treaty.inForceOn ? 1 : 0);
      for (const reading of [fromJson, fromUrl, fromSheet]) {
        expect({ outcome: reading.outcome, errors: reading.errors }).toEqual({ outcome: "loaded", errors: [] });
        // The title slide, then one slide per event.
        expect(reading.events).toHaveLength(events);
        expect(reading.drawn.slides).toHaveLength(events + 1);
        expect(reading.drawn.markers).toBe(events);
        expect(reading.drawn.slides[0]?.headline).toBe(seed.treaty.shortName);
        expect(reading.drawn.eras).toEqual(eras.map((era) => era.text?.headline));
        // What TimelineJS made of our dates, headlines, groups, texts and links is what the catalogue says.
        const seen = reading.events.map((slide, i) => ({
          date: slide.date,
          endDate: slide.endDate,
          headline: reading.drawn.slides[i + 1]?.headline,
          group: slide.group,
          text: reading.drawn.slides[i + 1]?.paragraphs.join(" "),
          links: reading.drawn.slides[i + 1]?.links,
        }));
        const meant = [...seed.events]
          .map((event) => ({
            date: event.date,
            endDate: undefined,
            headline: oneLine(event.title),
            group: eventTypeLabel(event.type),
            text: oneLine(event.description ?? ""),
            links: event.sources.map((source) => new URL(source.url).href),
          }))
          .sort(byDateThenHeadline);
        expect([...seen].sort(byDateThenHeadline)).toEqual(meant);
        expect(reading.eras).toEqual(
          eras.map((era) => ({ headline: "In force", start: civilDate(era.start_date), end: civilDate(era.end_date) })),
        );
        if (seed.treaty.inForceOn) expect(reading.eras[0]?.start).toBe(seed.treaty.inForceOn);
      }
      // The sheet as TimelineJS reads it: one title row, every event row, the era row; nothing it complains of.
      expect(sheet).toEqual({
        title: { headline: seed.treaty.shortName },
        events,
        eras: eras.map((era) => ({
          headline: "In force",
          start: civilDate(era.start_date),
          end: civilDate(era.end_date),
        })),
        errors: [],
        warnings: [],
      });
      // The two paths agree slide for slide: the same dates as TimelineJS shows them, headlines, texts and groups.
      expect(fromSheet.title).toEqual(fromJson.title);
      expect(fromSheet.events).toEqual(fromJson.events);
      expect(fromSheet.drawn).toEqual(fromJson.drawn);
      // By URL, TimelineJS fetched the same JSON from the API across origins (CORS) and made the same of it.
      expect(fromUrl).toEqual(fromJson);
      expect(problems).toEqual([]);
      expect(refused).toEqual([]);

      totals.passed++;
      totals.slides += events + 1;
      totals.eras += eras.length;
    },
    30_000,
  );
});

const oneLine = (text: string) => text.replace(/\s+/g, " ").trim();

function byDateThenHeadline(a: { date?: string; headline?: string }, b: { date?: string; headline?: string }): number {
  return `${a.date} ${a.headline}`.localeCompare(`${b.date} ${b.headline}`);
}
