/**
 * npm run bench:frontpage: the service behind a caching reverse proxy, as it would sit behind
 * the CDN when an embed makes a front page. nginx (from Debian) runs bench/frontpage.nginx.conf,
 * the CloudFront cache policy of serverless.yml written for nginx, in front of the local stack
 * (DynamoDB Local + serverless-offline on free ports, as `npm start` runs it). A small counting
 * proxy between nginx and the API sees every request that reaches the origin.
 *
 * 1. Load: a bounded run (FRONTPAGE_RATE req/s, default 600, for FRONTPAGE_DURATION s, default 60)
 *    across a front page's mix: one hot embed, a few countdowns, calendar polls. Target: no error,
 *    and the origin sees at most one request per URL per cache lifetime.
 * 2. Midnight: the API's clock is set (TREATY_CLOCK_OFFSET_MS) so that midnight in New York comes
 *    FRONTPAGE_MIDNIGHT_AFTER s (default 240) after the start; the cached New York countdown must
 *    expire at midnight and the next answer show the new day.
 * 3. Outage: DynamoDB Local is stopped; nginx must keep serving the last good answers
 *    (stale-if-error), and a write must fail cleanly with 503.
 * 4. Cost: warm handler durations (wall and CPU time) and consumed DynamoDB capacity, measured in
 *    this process against DynamoDB Local, priced with the list prices below.
 *
 * Everything listens on and talks to loopback only, and every process started here is stopped.
 * Writes bench/results/frontpage.{md,json}; exits 1 when a target is missed. Not run by CI.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import autocannon from "autocannon";
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from "aws-lambda";
import { parse } from "yaml";
import { startOfNextDay } from "#domain/calendar";
import { freePort, waitForPort } from "../scripts/local/ports.ts";
import { killWithParent, stopProcess } from "../scripts/local/processes.ts";
import { type LocalStack, startLocalStack } from "../scripts/local/stack.ts";
import { benchTreatyInput } from "./treaty.ts";

const RATE = Number(process.env.FRONTPAGE_RATE ?? 600);
// Longer than one cache lifetime (45 s), so every URL is refreshed once under load.
const DURATION_S = Number(process.env.FRONTPAGE_DURATION ?? 60);
const CONNECTIONS = Number(process.env.FRONTPAGE_CONNECTIONS ?? 40);
const MIDNIGHT_AFTER_S = Number(process.env.FRONTPAGE_MIDNIGHT_AFTER ?? 240);
const MIDNIGHT_ZONE = "America/New_York";
const RESULTS = new URL("./results/", import.meta.url);
const loadAverageAtStart = loadavg()[0] ?? 0;

/**
 * List prices, read on 2026-11-30, for US East (N. Virginia) and CloudFront's United States edge
 * locations, no free tier applied. The stack deploys to eu-west-1 by default, where Lambda,
 * API Gateway and DynamoDB cost a few percent more; CloudFront's European data transfer costs the
 * same and its HTTPS requests $0.0120 per 10,000.
 */
const PRICES = {
  readOn: "2026-11-30",
  region: "us-east-1 (US East, N. Virginia); CloudFront: United States edge locations",
  // aws.amazon.com/lambda/pricing: Arm, first 7.5 billion GB-s a month.
  lambdaPerGbSecondArm: 0.0000133334,
  lambdaPerMillionRequests: 0.2,
  // aws.amazon.com/api-gateway/pricing (HTTP APIs, first 300 million a month), as quoted in the
  // AWS whitepaper "Best Practices for Designing Amazon API Gateway Private APIs", table 4.
  httpApiPerMillionRequests: 1.0,
  // aws.amazon.com/dynamodb/pricing/on-demand, after the November 2024 reduction.
  dynamoPerMillionReadUnits: 0.125,
  dynamoPerMillionWriteUnits: 0.625,
  // API Gateway bills data out at the EC2 rate: aws.amazon.com/ec2/pricing/on-demand, first 10 TB.
  apiTransferOutPerGb: 0.09,
  // aws.amazon.com/cloudfront/pricing: HTTPS requests (United States), data out first 10 TB.
  cloudFrontHttpsPer10k: 0.01,
  cloudFrontTransferOutPerGb: 0.085,
  // aws.amazon.com/cloudfront/pricing, Origin Shield requests (United States); not in the pages
  // this bench's author could check on the day, so taken as remembered: a small line either way.
  originShieldPer10k: 0.0075,
} as const;

/** AWS: a function gets one vCPU at 1,769 MB, and CPU in proportion to memory below that. */
const MB_PER_VCPU = 1769;
const memoryMb = Number(
  (
    parse(readFileSync(new URL("../serverless.yml", import.meta.url), "utf8"), { logLevel: "error" }) as {
      provider: { memorySize: number };
    }
  ).provider.memorySize,
);

// ------------------------------------------------------------------ processes this bench starts

const cleanups: Array<() => Promise<void>> = [];
let cleaning: Promise<void> | undefined;
function cleanUp(): Promise<void> {
  cleaning ??= (async () => {
    for (const step of cleanups.reverse()) await step().catch((error) => console.error("cleanup:", error));
  })();
  return cleaning;
}
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void cleanUp().then(() => process.exit(130));
  });
}

function nginxVersion(): string {
  const probe = spawnSync("nginx", ["-v"], { encoding: "utf8" });
  if (probe.error || probe.status !== 0) {
    console.error(
      "nginx is not installed. On Debian or Ubuntu: sudo apt-get update && sudo apt-get install -y nginx-light\n" +
        "(the bench starts its own nginx on loopback with bench/frontpage.nginx.conf; the package's own service need not run).",
    );
    process.exit(1);
  }
  return `${probe.stderr}${probe.stdout}`.trim().replace(/^nginx version: /, "");
}

async function startNginx(originPort: number): Promise<{ url: string }> {
  const dir = mkdtempSync(join(tmpdir(), "treaty-clock-frontpage-"));
  // nginx started as root runs its workers as nobody, who must reach the cache under it.
  chmodSync(dir, 0o755);
  const port = await freePort();
  const conf = readFileSync(new URL("./frontpage.nginx.conf", import.meta.url), "utf8")
    .replaceAll("{{DIR}}", dir)
    .replaceAll("{{PORT}}", String(port))
    .replaceAll("{{ORIGIN_PORT}}", String(originPort));
  writeFileSync(join(dir, "nginx.conf"), conf);
  const child: ChildProcess = spawn(
    "nginx",
    ["-p", dir, "-c", join(dir, "nginx.conf"), "-e", join(dir, "error.log"), "-g", "daemon off;"],
    { detached: true, stdio: "ignore" },
  );
  if (child.pid === undefined) throw new Error("could not start nginx");
  killWithParent(child.pid);
  cleanups.push(async () => {
    await stopProcess(child);
    rmSync(dir, { recursive: true, force: true });
  });
  await waitForPort(port, 15_000);
  return { url: `http://127.0.0.1:${port}` };
}

interface OriginFetch {
  at: number;
  status: number;
  cacheControl: string;
  conditional: boolean;
}

/** Forwards to the API and notes every request that reaches it. */
async function startCountingProxy(apiPort: number) {
  const fetches = new Map<string, OriginFetch[]>();
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const server = http.createServer((request, response) => {
    const at = Date.now();
    const key = `${request.method} ${request.url}`;
    const upstream = http.request(
      { host: "127.0.0.1", port: apiPort, method: request.method, path: request.url, headers: request.headers, agent },
      (answer) => {
        const list = fetches.get(key) ?? [];
        list.push({
          at,
          status: answer.statusCode ?? 0,
          cacheControl: String(answer.headers["cache-control"] ?? ""),
          conditional: request.headers["if-none-match"] !== undefined,
        });
        fetches.set(key, list);
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      },
    );
    upstream.on("error", () => {
      response.writeHead(502);
      response.end();
    });
    request.pipe(upstream);
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        agent.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return { port, fetches };
}

// ------------------------------------------------------------------ HTTP helpers

interface Got {
  status: number;
  cache: string;
  cacheControl: string;
  contentType: string;
  retryAfter: string;
  text: string;
}

async function get(url: string, init?: RequestInit): Promise<Got> {
  const response = await fetch(url, init);
  return {
    status: response.status,
    cache: response.headers.get("x-cache-status") ?? "",
    cacheControl: response.headers.get("cache-control") ?? "",
    contentType: response.headers.get("content-type") ?? "",
    retryAfter: response.headers.get("retry-after") ?? "",
    text: await response.text(),
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
const maxAgeOf = (cacheControl: string) => Number(/max-age=(\d+)/.exec(cacheControl)?.[1] ?? Number.NaN);
const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

// ------------------------------------------------------------------ 1. load

const EMBED = "/treaties/inf/embed";
/** One cycle of the front page's traffic: each connection repeats it. */
const MIX = [
  ...Array.from({ length: 11 }, () => EMBED),
  "/treaties/inf/days-until-exit",
  "/treaties/inf/days-until-exit?format=text",
  "/treaties/new-start/days-until-exit",
  "/treaties/open-skies/days-until-exit?tz=Europe/Berlin",
  "/treaties/inf/days-until-exit?asOf=2019-07-04",
  "/calendar.ics",
  "/treaties/new-start/calendar.ics",
  "/deadlines",
  "/treaties/inf/history?limit=20",
];

async function load(proxyUrl: string, apiUrl: string, origin: Map<string, OriginFetch[]>) {
  // serverless-offline starts a worker per function on first use; start them before measuring,
  // straight at the API, so the proxy's cache is still empty when the load begins.
  for (const path of new Set(MIX)) {
    const answer = await get(`${apiUrl}${path}`);
    if (answer.status !== 200) throw new Error(`warm-up: ${path} answered ${answer.status}: ${answer.text}`);
  }
  const statuses: Record<string, number> = {};
  const cacheStatuses: Record<string, number> = {};
  const requests = MIX.map(
    (path): autocannon.Request => ({
      method: "GET",
      path,
      onResponse: (status, _body, _context, headers) => {
        statuses[status] = (statuses[status] ?? 0) + 1;
        const entry = Object.entries(headers ?? {}).find(([name]) => name.toLowerCase() === "x-cache-status");
        const cache = String(entry?.[1] ?? "none");
        cacheStatuses[cache] = (cacheStatuses[cache] ?? 0) + 1;
      },
    }),
  );
  console.log(`load: ${RATE} req/s for ${DURATION_S} s over ${CONNECTIONS} connections, through nginx`);
  const startedAt = Date.now();
  const result = await autocannon({
    url: proxyUrl,
    connections: CONNECTIONS,
    overallRate: RATE,
    duration: DURATION_S,
    timeout: 10,
    requests,
  });
  const endedAt = Date.now();
  await sleep(2000); // background refreshes started at the end land now
  const perUrl = [...new Set(MIX)].map((path) => {
    const fetched = (origin.get(`GET ${path}`) ?? []).filter((f) => f.at >= startedAt);
    const maxAge = Math.min(...fetched.map((f) => maxAgeOf(f.cacheControl)));
    const gaps = fetched.slice(1).map((f, i) => (f.at - (fetched[i]?.at ?? 0)) / 1000);
    // nginx counts lifetimes in whole seconds: a refresh may come up to a second early.
    const allowed = Math.floor((endedAt - startedAt) / 1000 / maxAge) + 1;
    return {
      path,
      viewsShare: round((MIX.filter((p) => p === path).length / MIX.length) * 100, 0),
      originRequests: fetched.length,
      conditional: fetched.filter((f) => f.conditional).length,
      maxAgeS: maxAge,
      minGapS: gaps.length > 0 ? round(Math.min(...gaps)) : null,
      allowed,
      withinTarget: fetched.length <= allowed && gaps.every((gap) => gap >= maxAge - 1),
    };
  });
  const errors = result.errors + result.timeouts + result.non2xx;
  return {
    requests: result.requests.total,
    throughputRps: round(result.requests.average),
    latencyMs: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max },
    errors: { total: errors, non2xx: result.non2xx, connectionErrors: result.errors, timeouts: result.timeouts },
    statuses,
    cacheStatuses,
    originRequests: perUrl.reduce((sum, url) => sum + url.originRequests, 0),
    perUrl,
    passed: errors === 0 && perUrl.every((url) => url.withinTarget) && result.requests.average >= 500,
  };
}

// ------------------------------------------------------------------ 2. midnight

async function midnight(proxyUrl: string, offsetMs: number, midnightAt: number) {
  const path = `/treaties/inf/days-until-exit?tz=${encodeURIComponent(MIDNIGHT_ZONE)}`;
  // Control: the same countdown in UTC, whose day does not end at New York's midnight.
  const utcPath = "/treaties/inf/days-until-exit?tz=UTC";
  const fake = (real: number) => new Date(real + offsetMs).toISOString();
  const waitS = (midnightAt - 20_000 - Date.now()) / 1000;
  if (waitS < 0) {
    throw new Error(
      `midnight in the API's clock came before the bench got there: raise FRONTPAGE_MIDNIGHT_AFTER (now ${MIDNIGHT_AFTER_S} s).`,
    );
  }
  console.log(`midnight: waiting ${Math.round(waitS)} s until 20 s before midnight in ${MIDNIGHT_ZONE} (API clock)`);
  await sleep(waitS * 1000);
  const observations: Array<{
    apiClock: string;
    afterMidnight: boolean;
    asOf: string;
    cache: string;
    cacheControl: string;
  }> = [];
  let control: Got | undefined;
  await get(`${proxyUrl}${utcPath}`);
  while (Date.now() < midnightAt + 5_000) {
    const sent = Date.now();
    const answer = await get(`${proxyUrl}${path}`);
    const received = Date.now();
    // A request in flight across midnight may be answered either way.
    if (!(sent < midnightAt && received >= midnightAt)) {
      observations.push({
        apiClock: fake(sent),
        afterMidnight: sent >= midnightAt,
        asOf: (JSON.parse(answer.text) as { asOf: string }).asOf,
        cache: answer.cache,
        cacheControl: answer.cacheControl,
      });
    }
    if (sent >= midnightAt + 2_000 && !control) control = await get(`${proxyUrl}${utcPath}`);
    await sleep(1000 - (Date.now() - sent));
  }
  const before = observations.filter((o) => !o.afterMidnight);
  const after = observations.filter((o) => o.afterMidnight);
  const dayBefore = before[0]?.asOf;
  const dayAfter = after[0]?.asOf;
  return {
    zone: MIDNIGHT_ZONE,
    observations,
    dayBefore,
    dayAfter,
    firstAfterMidnight: after[0],
    utcControlAfterMidnight: control && { cache: control.cache, cacheControl: control.cacheControl },
    passed:
      before.length > 0 &&
      after.length > 0 &&
      before.every((o) => o.asOf === dayBefore) &&
      after.every((o) => o.asOf === dayAfter) &&
      dayAfter !== undefined &&
      dayBefore !== undefined &&
      dayAfter > dayBefore &&
      // Cached before midnight, and never served from the cache across it.
      before.some((o) => o.cache === "HIT") &&
      after[0]?.cache !== "HIT",
  };
}

// ------------------------------------------------------------------ 3. outage

async function outage(
  proxyUrl: string,
  apiUrl: string,
  stack: LocalStack,
  key: string,
  origin: Map<string, OriginFetch[]>,
) {
  const paths = [
    EMBED,
    "/treaties/inf/days-until-exit?asOf=2019-07-04",
    "/treaties/new-start/calendar.ics",
    "/treaties/inf/history?limit=20",
  ];
  const good = new Map<string, string>();
  for (const path of paths) good.set(path, (await get(`${proxyUrl}${path}`)).text);
  // The last copy each URL got from the origin, and when its stale-while-revalidate window ends:
  // after that only stale-if-error may serve it.
  const lastFetch = (path: string) => {
    const list = (origin.get(`GET ${path}`) ?? []).filter((f) => f.status === 200 || f.status === 304);
    const last = list[list.length - 1];
    if (!last) throw new Error(`${path} never reached the origin`);
    return last;
  };
  console.log("outage: stopping DynamoDB Local");
  await stack.dynamo.stop();
  const direct = await get(`${apiUrl}${EMBED}`);
  const write = await get(`${proxyUrl}/treaties/inf/events`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-api-key": key },
    body: JSON.stringify({
      date: "2019-03-01",
      type: "statement",
      party: "US",
      title: "Written during the outage",
      sources: [{ url: "https://example.org/outage" }],
    }),
  });
  const writeAtOrigin = (origin.get("POST /treaties/inf/events") ?? []).at(-1);
  const pastRevalidation = Math.max(
    ...paths.map((path) => {
      const last = lastFetch(path);
      const cc = last.cacheControl;
      return last.at + (maxAgeOf(cc) + Number(/stale-while-revalidate=(\d+)/.exec(cc)?.[1] ?? 0) + 2) * 1000;
    }),
  );
  console.log(
    `outage: waiting ${Math.round((pastRevalidation - Date.now()) / 1000)} s until every copy is past revalidation`,
  );
  await sleep(pastRevalidation - Date.now());
  const served = [];
  for (const path of paths) {
    const answer = await get(`${proxyUrl}${path}`);
    served.push({
      path,
      status: answer.status,
      cache: answer.cache,
      sameAsLastGood: answer.text === good.get(path),
      ageS: round((Date.now() - lastFetch(path).at) / 1000, 0),
    });
  }
  const neverCached = await get(`${proxyUrl}/treaties/abm/days-until-exit?asOf=2001-12-13`);
  return {
    originWhileDown: { status: direct.status, contentType: direct.contentType },
    write: {
      status: write.status,
      contentType: write.contentType,
      retryAfter: write.retryAfter,
      atOrigin: writeAtOrigin?.status,
    },
    served,
    neverCached: { status: neverCached.status, contentType: neverCached.contentType },
    passed:
      direct.status === 503 &&
      write.status === 503 &&
      write.contentType === "application/problem+json" &&
      writeAtOrigin?.status === 503 &&
      served.every((s) => s.status === 200 && s.cache === "STALE" && s.sameAsLastGood) &&
      neverCached.status === 503,
  };
}

// ------------------------------------------------------------------ 4. cost

type Handler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

interface Measured {
  name: string;
  calls: number;
  wallMedianMs: number;
  cpuMedianMs: number;
  /** Wall time with the CPU part stretched to the configured memory's share of a vCPU. */
  lambdaEstimateMs: number;
  billedMs: number;
  readUnits: number;
  writeUnits: number;
  responseBytes: number;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
};

async function measureHandlers(key: string, apiUrl: string): Promise<Measured[]> {
  const { consumedBy, getRequest, meterStoreClient, patientStoreClient } = await import("./capacity.ts");
  meterStoreClient();
  patientStoreClient();
  const sample = JSON.parse(readFileSync(new URL("../events/add-event.json", import.meta.url), "utf8"));
  const treatyId = `frontpage-${randomBytes(4).toString("hex")}`;
  const created = await get(`${apiUrl}/treaties`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-api-key": key },
    body: JSON.stringify(benchTreatyInput(treatyId, "Front Page Bench Treaty")),
  });
  if (created.status !== 201) throw new Error(`could not create the bench treaty: ${created.text}`);
  let n = 0;
  const addEventRequest = (): APIGatewayProxyEventV2 => ({
    ...sample,
    rawPath: `/treaties/${treatyId}/events`,
    pathParameters: { treatyId },
    headers: { ...sample.headers, "x-api-key": key },
    body: JSON.stringify({
      date: "2019-03-01",
      type: "statement",
      party: "US",
      title: `Front page bench ${++n}`,
      sources: [{ url: "https://example.org/bench" }],
    }),
  });
  const cases: Array<[string, Handler, () => APIGatewayProxyEventV2]> = [
    [
      "embed",
      (await import("../functions/embed.ts")).handler,
      () => getRequest("/treaties/inf/embed", { treatyId: "inf" }),
    ],
    [
      "daysUntilExit",
      (await import("../functions/days-until-exit.ts")).handler,
      () => getRequest("/treaties/inf/days-until-exit", { treatyId: "inf" }),
    ],
    [
      "treatyCalendar",
      (await import("../functions/treaty-calendar.ts")).handler,
      () => getRequest("/treaties/new-start/calendar.ics", { treatyId: "new-start" }),
    ],
    ["addEvent", (await import("../functions/add-event.ts")).handler, addEventRequest],
  ];
  const results: Measured[] = [];
  for (const [name, handler, request] of cases) {
    const context = { awsRequestId: "bench" } as Context;
    for (let i = 0; i < 10; i++) await handler(request(), context);
    const walls: number[] = [];
    const cpuTimes: number[] = [];
    const estimates: number[] = [];
    let bytes = 0;
    const iterations = name === "addEvent" ? 60 : 150;
    const consumed = await consumedBy(async () => {
      for (let i = 0; i < iterations; i++) {
        const cpuBefore = process.cpuUsage();
        const started = performance.now();
        const result = await handler(request(), context);
        const wall = performance.now() - started;
        const cpuUsed = process.cpuUsage(cpuBefore);
        const cpu = (cpuUsed.user + cpuUsed.system) / 1000;
        if ((result.statusCode ?? 200) >= 400) throw new Error(`${name} answered ${result.statusCode}: ${result.body}`);
        bytes = Buffer.byteLength(result.body ?? "");
        walls.push(wall);
        cpuTimes.push(cpu);
        estimates.push(Math.max(wall - cpu, 0) + cpu * (MB_PER_VCPU / memoryMb));
      }
    });
    results.push({
      name,
      calls: iterations,
      wallMedianMs: round(median(walls), 2),
      cpuMedianMs: round(median(cpuTimes), 2),
      lambdaEstimateMs: round(median(estimates), 1),
      billedMs: estimates.reduce((sum, ms) => sum + Math.ceil(ms), 0) / iterations,
      readUnits: consumed.readUnits / iterations,
      writeUnits: consumed.writeUnits / iterations,
      responseBytes: bytes,
    });
  }
  return results;
}

/** What one request that reaches the API costs: API Gateway, Lambda, DynamoDB (no data transfer). */
function originCost(m: Measured): number {
  return (
    PRICES.httpApiPerMillionRequests / 1e6 +
    PRICES.lambdaPerMillionRequests / 1e6 +
    (m.billedMs / 1000) * (memoryMb / 1024) * PRICES.lambdaPerGbSecondArm +
    (m.readUnits * PRICES.dynamoPerMillionReadUnits) / 1e6 +
    (m.writeUnits * PRICES.dynamoPerMillionWriteUnits) / 1e6
  );
}

const GB = 1024 ** 3;
/** Refreshes a CDN needs per URL per day: one per 45 s at most, at the origin shield. */
const REFRESHES_PER_URL_PER_DAY = 86_400 / 45;
/**
 * Regional edge caches that may each ask the origin shield for the same refresh: an assumption,
 * about the number in North America and Europe (PriceClass_100).
 */
const REGIONAL_EDGE_CACHES = 6;

interface Traffic {
  /** Views per day of each URL, with the handler that answers it. */
  urls: Array<{ viewsPerDay: number; handler: Measured }>;
  days: number;
  edits: number;
  editHandler: Measured;
}

function costs(traffic: Traffic) {
  const views = traffic.urls.reduce((sum, u) => sum + u.viewsPerDay, 0) * traffic.days;
  const bytes = traffic.urls.reduce((sum, u) => sum + u.viewsPerDay * u.handler.responseBytes, 0) * traffic.days;
  const edits = traffic.edits * originCost(traffic.editHandler);
  const without = {
    originRequests: views,
    origin: traffic.urls.reduce((sum, u) => sum + u.viewsPerDay * traffic.days * originCost(u.handler), 0),
    transfer: (bytes / GB) * PRICES.apiTransferOutPerGb,
    cdn: 0,
    edits,
  };
  const fetches = traffic.urls.map((u) => Math.min(u.viewsPerDay, REFRESHES_PER_URL_PER_DAY) * traffic.days);
  const withCdn = {
    originRequests: fetches.reduce((a, b) => a + b, 0),
    origin: traffic.urls.reduce((sum, u, i) => sum + (fetches[i] ?? 0) * originCost(u.handler), 0),
    transfer: (bytes / GB) * PRICES.cloudFrontTransferOutPerGb,
    cdn:
      ((views + traffic.edits) / 1e4) * PRICES.cloudFrontHttpsPer10k +
      ((fetches.reduce((a, b) => a + b, 0) * REGIONAL_EDGE_CACHES) / 1e4) * PRICES.originShieldPer10k,
    edits,
  };
  const total = (c: typeof without) => c.origin + c.transfer + c.cdn + c.edits;
  return {
    views,
    without: { ...without, total: total(without) },
    withCdn: { ...withCdn, total: total(withCdn) },
  };
}

// ------------------------------------------------------------------ the run

async function main() {
  const nginx = nginxVersion();
  // The API's clock: midnight in New York MIDNIGHT_AFTER_S seconds from now.
  const midnightAt = Date.now() + MIDNIGHT_AFTER_S * 1000;
  const apiMidnight = startOfNextDay(MIDNIGHT_ZONE, new Date(midnightAt - 12 * 3600 * 1000));
  const offsetMs = apiMidnight.getTime() - midnightAt;
  process.env.TREATY_CLOCK_OFFSET_MS = String(offsetMs);
  process.env.ESBUILD_WORK_FOLDER = ".esbuild-bench-frontpage";
  process.env.TREATY_CLOCK_QUIET = "true";
  const key = `bench-${randomBytes(12).toString("hex")}`;
  console.log(
    `starting DynamoDB Local and the API on free ports (API clock: ${apiMidnight.toISOString()} in ${Math.round(MIDNIGHT_AFTER_S)} s)...`,
  );
  const stack = await startLocalStack({
    apiKey: { key, name: "front page bench" },
    apiPort: await freePort(),
    lambdaPort: await freePort(),
    quietApi: true,
  });
  cleanups.push(() => stack.stop());
  const apiUrl = stack.api?.url.replace("localhost", "127.0.0.1") ?? "";
  const counting = await startCountingProxy(stack.api?.port ?? 0);
  const proxy = await startNginx(counting.port);
  console.log(`nginx ${nginx} on ${proxy.url}, origin ${apiUrl}`);

  const loadResult = await load(proxy.url, apiUrl, counting.fetches);
  const midnightResult = await midnight(proxy.url, offsetMs, midnightAt);
  console.log("cost: timing warm handlers in this process against DynamoDB Local");
  const measured = await measureHandlers(key, apiUrl);
  const outageResult = await outage(proxy.url, apiUrl, stack, key, counting.fetches);

  const byName = (name: string) => {
    const found = measured.find((m) => m.name === name);
    if (!found) throw new Error(`not measured: ${name}`);
    return found;
  };
  const millionEmbeds = costs({
    urls: [{ viewsPerDay: 1_000_000, handler: byName("embed") }],
    days: 1,
    edits: 0,
    editHandler: byName("addEvent"),
  });
  const newsroomMonth = costs({
    urls: [
      { viewsPerDay: 70_000, handler: byName("embed") },
      { viewsPerDay: 10_000, handler: byName("daysUntilExit") },
      { viewsPerDay: 10_000, handler: byName("daysUntilExit") },
      { viewsPerDay: 10_000, handler: byName("treatyCalendar") },
    ],
    days: 30,
    edits: 200,
    editHandler: byName("addEvent"),
  });

  const report = {
    date: new Date().toISOString(),
    machine: {
      nproc: cpus().length,
      cpu: cpus()[0]?.model ?? "unknown",
      memoryGiB: round(totalmem() / 2 ** 30),
      node: process.version,
      nginx,
      loadAverage1mBefore: round(loadAverageAtStart, 2),
    },
    config: { rate: RATE, durationS: DURATION_S, connections: CONNECTIONS, mix: MIX, memoryMb },
    load: loadResult,
    midnight: midnightResult,
    outage: outageResult,
    cost: { prices: PRICES, memoryMb, mbPerVcpu: MB_PER_VCPU, measured, millionEmbeds, newsroomMonth },
  };
  mkdirSync(RESULTS, { recursive: true });
  writeFileSync(new URL("frontpage.json", RESULTS), `${JSON.stringify(report, null, 2)}\n`);
  const markdown = toMarkdown(report);
  writeFileSync(new URL("frontpage.md", RESULTS), markdown);
  console.log(`\n${markdown}`);
  return loadResult.passed && midnightResult.passed && outageResult.passed;
}

const usd = (n: number) => (n < 0.01 ? `$${n.toFixed(4)}` : `$${n.toFixed(2)}`);

function toMarkdown(r: {
  date: string;
  machine: Record<string, unknown>;
  load: Awaited<ReturnType<typeof load>>;
  midnight: Awaited<ReturnType<typeof midnight>>;
  outage: Awaited<ReturnType<typeof outage>>;
  cost: { measured: Measured[]; millionEmbeds: ReturnType<typeof costs>; newsroomMonth: ReturnType<typeof costs> };
}): string {
  const m = r.machine;
  const lines = [
    `# npm run bench:frontpage, ${r.date}`,
    "",
    `Machine: ${m.nproc} CPUs (${m.cpu}), ${m.memoryGiB} GiB, Node ${m.node}, nginx ${m.nginx}, load average ${m.loadAverage1mBefore} at the start. ` +
      "nginx with bench/frontpage.nginx.conf in front of serverless-offline + DynamoDB Local (in memory), all on this machine.",
    "",
    `## Load: ${RATE} req/s for ${DURATION_S} s (${r.load.passed ? "target met" : "TARGET MISSED"})`,
    "",
    "| requests | throughput | p50 | p90 | p99 | max | errors | origin requests |",
    "| --- | --- | --- | --- | --- | --- | --- | --- |",
    `| ${r.load.requests} | ${r.load.throughputRps} req/s | ${r.load.latencyMs.p50} ms | ${r.load.latencyMs.p90} ms | ${r.load.latencyMs.p99} ms | ${r.load.latencyMs.max} ms | ${r.load.errors.total} | ${r.load.originRequests} |`,
    "",
    `Cache statuses at the proxy: ${Object.entries(r.load.cacheStatuses)
      .map(([k, v]) => `${k} ${v}`)
      .join(", ")}.`,
    "",
    "| URL | share of views | origin requests | of them revalidations | max-age | allowed (one per lifetime) |",
    "| --- | --- | --- | --- | --- | --- |",
    ...r.load.perUrl.map(
      (u) =>
        `| \`${u.path}\` | ${u.viewsShare}% | ${u.originRequests} | ${u.conditional} | ${u.maxAgeS} s | ${u.allowed}${u.withinTarget ? "" : " (MISSED)"} |`,
    ),
    "",
    `## Midnight in ${r.midnight.zone} (${r.midnight.passed ? "target met" : "TARGET MISSED"})`,
    "",
    "| API clock | day shown | proxy | Cache-Control |",
    "| --- | --- | --- | --- |",
    ...r.midnight.observations.map((o) => `| ${o.apiClock} | ${o.asOf} | ${o.cache} | ${o.cacheControl} |`),
    "",
    `The same countdown in UTC after New York's midnight: ${r.midnight.utcControlAfterMidnight?.cache} (${r.midnight.utcControlAfterMidnight?.cacheControl}).`,
    "",
    `## Outage: DynamoDB Local stopped (${r.outage.passed ? "target met" : "TARGET MISSED"})`,
    "",
    `The API itself answers ${r.outage.originWhileDown.status} (${r.outage.originWhileDown.contentType}). A write through the proxy: ${r.outage.write.status} ${r.outage.write.contentType}, Retry-After ${r.outage.write.retryAfter} (the API answered it ${r.outage.write.atOrigin}). A URL never cached: ${r.outage.neverCached.status}.`,
    "",
    "| URL | status | proxy | same as the last good answer | age of the copy |",
    "| --- | --- | --- | --- | --- |",
    ...r.outage.served.map(
      (s) => `| \`${s.path}\` | ${s.status} | ${s.cache} | ${s.sameAsLastGood ? "yes" : "NO"} | ${s.ageS} s |`,
    ),
    "",
    `## Cost (list prices of ${PRICES.readOn}, ${PRICES.region}; ${memoryMb} MB arm64)`,
    "",
    `Measured warm, in process against DynamoDB Local; the Lambda estimate stretches the CPU part to ${memoryMb} MB's share of a vCPU (${MB_PER_VCPU} MB = 1 vCPU).`,
    "",
    "| handler | wall (median) | CPU (median) | Lambda estimate | billed (mean) | RCU | WCU | body |",
    "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ...r.cost.measured.map(
      (c) =>
        `| ${c.name} | ${c.wallMedianMs} ms | ${c.cpuMedianMs} ms | ${c.lambdaEstimateMs} ms | ${round(c.billedMs)} ms | ${round(c.readUnits, 2)} | ${round(c.writeUnits, 2)} | ${(c.responseBytes / 1024).toFixed(1)} KB |`,
    ),
    "",
    "| | origin requests | API Gateway + Lambda + DynamoDB | data out | CloudFront requests | edits | total |",
    "| --- | --- | --- | --- | --- | --- | --- |",
    ...(
      [
        ["A million embed views in a day, no CDN", r.cost.millionEmbeds.without],
        ["A million embed views in a day, CDN", r.cost.millionEmbeds.withCdn],
        ["Newsroom month (100,000 views a day, 200 edits), no CDN", r.cost.newsroomMonth.without],
        ["Newsroom month, CDN", r.cost.newsroomMonth.withCdn],
      ] as const
    ).map(
      ([label, c]) =>
        `| ${label} | ${Math.round(c.originRequests).toLocaleString("en-US")} | ${usd(c.origin)} | ${usd(c.transfer)} | ${usd(c.cdn)} | ${usd(c.edits)} | **${usd(c.total)}** |`,
    ),
    "",
    `The newsroom's views: 70% one embed, 10% each of two countdowns and a calendar feed. With the CDN the origin sees at most one request per URL per 45 s (each refresh counted at the full price of a request, though most are 304s), and the origin shield is asked for every refresh by each of ${REGIONAL_EDGE_CACHES} regional edge caches (an assumption). No free tier is applied: CloudFront's always-free 10 million requests and 1 TB a month would cover the newsroom's CDN lines entirely.`,
    "",
  ];
  return lines.join("\n");
}

let passed = false;
try {
  passed = await main();
} catch (error) {
  console.error(error);
} finally {
  await cleanUp();
}
process.exit(passed ? 0 : 1);
