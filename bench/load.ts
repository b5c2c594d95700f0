/**
 * npm run bench:load: a bounded mixed read/write load against the API, then proof that
 * every acknowledged write reads back.
 *
 * Starts its own stack (DynamoDB Local in memory, seeded, and serverless-offline on free
 * ports), or uses a running one when BASE_URL is set (API_KEY then names its key).
 * Each connection cycles through ten requests: eight reads (days-until-exit, history,
 * treaty, deadlines, over the seeded INF treaty and a bench treaty) and two POSTs of an
 * event with a unique title to its own fresh bench treaty (LOAD_SAME_TREATY=1: all to one).
 * Afterwards it walks every bench treaty's history: every event that got a 201 must be
 * there, and each treaty's eventCount must match its history. Writes bench/results/load.{md,json}; exits 1 on any error or lost write.
 *
 * LOAD_DURATION (s, default 20), LOAD_CONNECTIONS (default 10) and LOAD_WARMUP_CYCLES (default 3)
 * change the load.
 */
import { randomBytes } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import autocannon from "autocannon";
import { freePort } from "../scripts/local/ports.ts";
import { type LocalStack, startLocalStack } from "../scripts/local/stack.ts";
import { benchTreatyInput } from "./treaty.ts";

const DURATION_S = Number(process.env.LOAD_DURATION ?? 20);
const CONNECTIONS = Number(process.env.LOAD_CONNECTIONS ?? 10);
const WARMUP_CYCLES = Number(process.env.LOAD_WARMUP_CYCLES ?? 3);
const SAME_TREATY = process.env.LOAD_SAME_TREATY === "1";
const RESULTS = new URL("./results/", import.meta.url);
const loadAverageAtStart = loadavg()[0] ?? 0;

interface Outcome {
  statuses: Record<string, number>;
  acknowledged: string[];
}

const reads: Outcome = { statuses: {}, acknowledged: [] };
const writes: Outcome = { statuses: {}, acknowledged: [] };
const tally = (outcome: Outcome, status: number) => {
  outcome.statuses[status] = (outcome.statuses[status] ?? 0) + 1;
};

let stack: LocalStack | undefined;
let stopping: Promise<void> | undefined;
const stopStack = () => {
  stopping ??= stack?.stop() ?? Promise.resolve();
  return stopping;
};
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void stopStack().then(() => process.exit(130));
  });
}

async function api(): Promise<{ base: string; key: string }> {
  if (process.env.BASE_URL)
    return { base: process.env.BASE_URL.replace(/\/$/, ""), key: process.env.API_KEY ?? "local-dev-key" };
  const key = `bench-${randomBytes(12).toString("hex")}`;
  process.env.ESBUILD_WORK_FOLDER = ".esbuild-bench-load";
  console.log("starting DynamoDB Local and the API (serverless-offline) on free ports...");
  stack = await startLocalStack({
    apiKey: { key, name: "load bench" },
    apiPort: await freePort(),
    lambdaPort: await freePort(),
    quietApi: true,
  });
  return { base: stack.api?.url ?? "", key };
}

async function json(base: string, path: string, init?: RequestInit): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${base}${path}`, init);
  return { status: response.status, body: await response.json() };
}

function eventBody(title: string): string {
  return JSON.stringify({
    date: "2019-03-01",
    type: "statement",
    party: "US",
    title,
    sources: [{ url: "https://example.org/bench" }],
  });
}

async function main() {
  const { base, key } = await api();
  const writeHeaders = { "content-type": "application/json", "x-api-key": key };
  const run = randomBytes(4).toString("hex");
  // One bench treaty per connection, like desks writing to their own treaties; with
  // LOAD_SAME_TREATY=1 every connection writes to the same one (the contention case).
  const treatyIds = Array.from({ length: SAME_TREATY ? 1 : CONNECTIONS }, (_, i) => `bench-${run}-${i}`);
  for (const id of treatyIds) {
    const created = await json(base, "/treaties", {
      method: "POST",
      headers: writeHeaders,
      body: JSON.stringify(benchTreatyInput(id, "Load Bench Treaty")),
    });
    if (created.status !== 201) throw new Error(`could not create a bench treaty: ${JSON.stringify(created.body)}`);
  }
  const treatyId = treatyIds[0] ?? "";
  let connectionsSeen = 0;

  let sequence = 0;
  const read = (path: string): autocannon.Request => ({
    method: "GET",
    path,
    onResponse: (status) => tally(reads, status),
  });
  const write = (): autocannon.Request => ({
    method: "POST",
    path: `/treaties/${treatyId}/events`,
    headers: writeHeaders,
    setupRequest: (request, context: { treaty?: string }) => {
      context.treaty ??= treatyIds[connectionsSeen++ % treatyIds.length];
      return { ...request, path: `/treaties/${context.treaty}/events`, body: eventBody(`Bench ${run} #${++sequence}`) };
    },
    onResponse: (status, body) => {
      tally(writes, status);
      if (status === 201) writes.acknowledged.push((JSON.parse(body) as { id: string }).id);
    },
  });
  const requests = [
    read("/treaties/inf/days-until-exit?asOf=2019-07-04"),
    read("/treaties/inf/history?limit=20"),
    write(),
    read("/treaties/inf"),
    read("/treaties/inf/deadlines"),
    read(`/treaties/${treatyId}/days-until-exit?asOf=2019-07-04`),
    write(),
    read(`/treaties/${treatyId}/history?limit=20&order=desc`),
    read(`/treaties/${treatyId}`),
    read(`/treaties/${treatyId}/deadlines`),
  ];

  // serverless-offline, like Lambda, starts a fresh worker (a cold start) for each concurrent
  // invocation of each function: warm them at the same concurrency before measuring. The
  // warm-up's writes count too: they must read back like the others.
  console.log(`warm-up: every connection runs the cycle ${WARMUP_CYCLES} times (not measured)`);
  const warm = await autocannon({
    url: base,
    connections: CONNECTIONS,
    amount: CONNECTIONS * requests.length * WARMUP_CYCLES,
    timeout: 30,
    requests,
  });
  const warmUp = {
    reads: sum(reads.statuses),
    writes: sum(writes.statuses),
    errors: warm.errors + warm.timeouts + warm.non2xx,
  };
  reads.statuses = {};
  writes.statuses = {};
  const acknowledgedInWarmUp = writes.acknowledged.length;

  console.log(`load: ${CONNECTIONS} connections for ${DURATION_S} s against ${base} (80% reads, 20% writes)`);
  const result = await autocannon({
    url: base,
    connections: CONNECTIONS,
    duration: DURATION_S,
    timeout: 30,
    requests,
  });

  // Writes still in flight when autocannon stopped land now: wait until the counts settle.
  const eventCounts = async () => {
    const counts: number[] = [];
    for (const id of treatyIds)
      counts.push(((await json(base, `/treaties/${id}`)).body as { eventCount: number }).eventCount);
    return counts;
  };
  let counts = await eventCounts();
  for (let settled = false; !settled; ) {
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const again = await eventCounts();
    settled = again.join() === counts.join();
    counts = again;
  }
  // Read back: walk every bench treaty's whole history, page by page.
  const stored = new Set<string>();
  let mismatched = 0;
  for (const [i, id] of treatyIds.entries()) {
    let inHistory = 0;
    let cursor: string | null = null;
    do {
      const page = await json(
        base,
        `/treaties/${id}/history?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
      );
      if (page.status !== 200) throw new Error(`history read back failed: ${JSON.stringify(page.body)}`);
      const body = page.body as { events: Array<{ id: string }>; nextCursor: string | null };
      for (const event of body.events) stored.add(event.id);
      inHistory += body.events.length;
      cursor = body.nextCursor;
    } while (cursor);
    if (inHistory !== counts[i]) mismatched++;
  }
  const treaty = { eventCount: counts.reduce((a, b) => a + b, 0) };
  const lost = writes.acknowledged.filter((id) => !stored.has(id));

  const errors = result.errors + result.timeouts + result.non2xx;
  const report = {
    date: new Date().toISOString(),
    machine: {
      nproc: cpus().length,
      cpu: cpus()[0]?.model ?? "unknown",
      memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
      node: process.version,
      loadAverage1mBefore: Math.round(loadAverageAtStart * 100) / 100,
    },
    target: process.env.BASE_URL ? base : "own stack: serverless-offline + DynamoDB Local (in memory)",
    config: {
      durationS: DURATION_S,
      connections: CONNECTIONS,
      mix: "8 reads : 2 writes per cycle",
      writesGoTo: SAME_TREATY ? "one bench treaty shared by every connection" : "one bench treaty per connection",
    },
    requests: result.requests.total,
    throughputRps: Math.round(result.requests.average * 10) / 10,
    latencyMs: {
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
      max: result.latency.max,
      mean: Math.round(result.latency.average * 10) / 10,
    },
    errors: { total: errors, non2xx: result.non2xx, connectionErrors: result.errors, timeouts: result.timeouts },
    reads: { total: sum(reads.statuses), statuses: reads.statuses },
    writes: {
      total: sum(writes.statuses),
      statuses: writes.statuses,
      acknowledged: writes.acknowledged.length - acknowledgedInWarmUp,
    },
    warmUp: { cycles: WARMUP_CYCLES, ...warmUp, writesAcknowledged: acknowledgedInWarmUp },
    readBack: {
      eventsStored: stored.size,
      treatyEventCount: treaty.eventCount,
      acknowledgedWrites: writes.acknowledged.length,
      lostWrites: lost.length,
      eventCountMatches: mismatched === 0 && treaty.eventCount === stored.size,
    },
  };

  mkdirSync(RESULTS, { recursive: true });
  writeFileSync(new URL("load.json", RESULTS), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(new URL("load.md", RESULTS), markdown(report));
  console.log(markdown(report));
  return report.errors.total === 0 && warmUp.errors === 0 && lost.length === 0 && report.readBack.eventCountMatches;
}

const sum = (statuses: Record<string, number>) => Object.values(statuses).reduce((a, b) => a + b, 0);

function markdown(r: {
  date: string;
  machine: { nproc: number; cpu: string; memoryGiB: number; node: string; loadAverage1mBefore: number };
  target: string;
  config: { durationS: number; connections: number; mix: string; writesGoTo: string };
  requests: number;
  throughputRps: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number; mean: number };
  errors: { total: number; non2xx: number; connectionErrors: number; timeouts: number };
  reads: { total: number };
  writes: { total: number; acknowledged: number };
  warmUp: { cycles: number; reads: number; writes: number; errors: number; writesAcknowledged: number };
  readBack: {
    eventsStored: number;
    treatyEventCount: number;
    acknowledgedWrites: number;
    lostWrites: number;
    eventCountMatches: boolean;
  };
}): string {
  return `# Mixed read/write load

${r.date.slice(0, 10)} · ${r.machine.nproc} CPUs (${r.machine.cpu}) · ${r.machine.memoryGiB} GiB · Node ${r.machine.node} · load average ${r.machine.loadAverage1mBefore} at the start
Target: ${r.target} · ${r.config.connections} connections for ${r.config.durationS} s · ${r.config.mix}; writes to ${r.config.writesGoTo}

| requests | throughput | p50 | p90 | p99 | max | errors (non-2xx, socket, timeouts) | reads | writes acknowledged | lost writes |
| -------- | ---------- | --- | --- | --- | --- | ---------------------------------- | ----- | ------------------- | ----------- |
| ${r.requests} | ${r.throughputRps} req/s | ${r.latencyMs.p50} ms | ${r.latencyMs.p90} ms | ${r.latencyMs.p99} ms | ${r.latencyMs.max} ms | ${r.errors.total} (${r.errors.non2xx}, ${r.errors.connectionErrors}, ${r.errors.timeouts}) | ${r.reads.total} | ${r.writes.acknowledged} of ${r.writes.total} | ${r.readBack.lostWrites} |

Measured after a warm-up of ${r.warmUp.cycles} cycles per connection at the same concurrency (${r.warmUp.reads + r.warmUp.writes} requests, ${r.warmUp.errors} errors): serverless-offline, like Lambda, cold-starts a worker per concurrent invocation of each function.

Read back: all ${r.readBack.acknowledgedWrites} acknowledged writes (warm-up included) looked up in the bench treaties' histories: ${r.readBack.lostWrites} lost. ${r.readBack.eventsStored} events stored (writes still in flight when a run stopped land without being counted as acknowledged); each treaty's eventCount ${r.readBack.eventCountMatches ? "matches" : "DOES NOT MATCH"} its history (${r.readBack.treatyEventCount} in all).
`;
}

let passed = false;
try {
  passed = await main();
} catch (error) {
  console.error(error);
} finally {
  await stopStack();
}
process.exit(passed ? 0 : 1);
