/**
 * npm run bench: on this machine, in one run,
 * 1. bundles every function in serverless.yml (deployment options), plus the floor (a DynamoDB
 *    client, luxon and zod/mini: bench/baseline-dynamodb.ts) and a bare handler, and times their
 *    module load in fresh Node processes, one at a time, each load paired with a floor load beside it;
 * 2. starts its own DynamoDB Local, loads timelines of 10, 1,000 and 10,000 events and
 *    catalogues of 10 and 1,000 treaties, and reads the capacity each operation consumes;
 * 3. times warm read handlers against the raw DynamoDB call for the same items;
 * then writes bench/results/bench.{md,json} (and a timestamped copy) and names any target missed.
 */
import { createServer } from "node:http";
import { availableParallelism, loadavg, totalmem } from "node:os";
import { join } from "node:path";
import { type BuiltBundle, buildAll, buildBundle, kb, largestInputs } from "../scripts/build.ts";
import { startLocalStack } from "../scripts/local/stack.ts";
import { bundleTarget, LOAD_ENV, measureAgainstFloor, type PairedLoadTime, talksToDynamoDb } from "./cold-start.ts";
import type { LatencyPair } from "./latency.ts";
import { type BenchResults, writeResults } from "./report.ts";
import { TARGET_LOAD_RATIO } from "./targets.ts";

const LOAD_RUNS = Number(process.env.BENCH_LOAD_RUNS ?? 31);
const LATENCY_ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 200);
export const TARGETS = { loadRatio: TARGET_LOAD_RATIO, nearBareMs: 10, latencyRatio: 1.5 };

const started = performance.now();
const step = (what: string) => console.log(`[${((performance.now() - started) / 1000).toFixed(0)} s] ${what}`);
const loadBefore = loadavg()[0] ?? 0;

// ------------------------------------------------------------------ 1. cold start
step("bundling every function, the DynamoDB baseline and a bare handler");
const functionBundles = await buildAll();
const baseline = await buildBundle("_baseline-dynamodb", "bench/baseline-dynamodb.ts");
const bare = await buildBundle("_bare-handler", "bench/bare-handler.ts");
step(`timing module load: ${LOAD_RUNS} fresh processes per bundle, one at a time, each beside a floor load`);
const measured = await measureAgainstFloor(baseline, [...functionBundles, bare].map(bundleTarget), LOAD_RUNS);
const loadOf = (name: string) => measured.loads.find((l) => l.name === name) as PairedLoadTime;
const baselineLoad = measured.floor;
const bareLoad = loadOf(bare.name);
const baselineInputs = new Set(Object.keys(baseline.metafile.inputs));

function beyondBaseline(bundle: BuiltBundle): string[] {
  const own = { ...bundle, metafile: { ...bundle.metafile, inputs: {} } };
  const outputs = Object.fromEntries(
    Object.entries(bundle.metafile.outputs).map(([name, output]) => [
      name,
      {
        ...output,
        inputs: Object.fromEntries(Object.entries(output.inputs).filter(([input]) => !baselineInputs.has(input))),
      },
    ]),
  );
  return largestInputs({ ...own, metafile: { ...own.metafile, outputs } }, 4).map(
    (i) => `${i.input} ${kb(i.bytes)} KB`,
  );
}

const coldStart = functionBundles.map((bundle) => {
  const load = loadOf(bundle.name);
  const dynamo = talksToDynamoDb(bundle);
  const meets = dynamo
    ? load.ratio <= TARGETS.loadRatio
    : load.medianCpuMs <= bareLoad.medianCpuMs + TARGETS.nearBareMs;
  return {
    dynamo,
    sizeKb: Number(kb(bundle.bytes)),
    gzipKb: Number(kb(bundle.gzipBytes)),
    ...load,
    ratio: Number(load.ratio.toFixed(2)),
    wallRatio: Number(load.wallRatio.toFixed(2)),
    meets,
    beyondBaseline: beyondBaseline(bundle),
  };
});

// ------------------------------------------------------------------ 2. capacity
step("starting DynamoDB Local and the table from serverless.yml");
const stack = await startLocalStack({ seed: false });
const receiver = createServer((request, response) => {
  request.resume();
  request.on("end", () => response.writeHead(200).end("ok"));
});
await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
const receiverPort = (receiver.address() as { port: number }).port;

try {
  Object.assign(process.env, {
    TREATY_CLOCK_QUIET: "true",
    TREATY_CLOCK_LOCAL: "true",
    PUBLIC_API_URL: LOAD_ENV.PUBLIC_API_URL,
  });
  const results = await measureDatabase(receiverPort);
  const loadAfter = loadavg()[0] ?? 0;
  const bench: BenchResults = {
    date: new Date().toISOString(),
    machine: {
      cpus: availableParallelism(),
      memoryGb: Math.round(totalmem() / 2 ** 30),
      node: process.version,
      loadAverage: { before: Number(loadBefore.toFixed(1)), after: Number(loadAfter.toFixed(1)) },
    },
    targets: TARGETS,
    coldStart: {
      runs: LOAD_RUNS,
      baseline: { ...baselineLoad, sizeKb: Number(kb(baseline.bytes)), gzipKb: Number(kb(baseline.gzipBytes)) },
      bare: { ...bareLoad, sizeKb: Number(kb(bare.bytes)), gzipKb: Number(kb(bare.gzipBytes)) },
      functions: coldStart,
    },
    ...results,
    seconds: Math.round((performance.now() - started) / 1000),
  };
  const { markdown, files } = writeResults(bench);
  console.log(`\n${markdown}`);
  console.log(`Written: ${files.join(", ")}`);
} finally {
  receiver.close();
  await stack.stop();
}

async function measureDatabase(port: number): Promise<Pick<BenchResults, "capacity" | "latency" | "dataLoad">> {
  // Imported only now: the store reads TABLE_NAME and the endpoint at load.
  const capacity = await import("./capacity.ts");
  const { comparePair } = await import("./latency.ts");
  const { dynamo, tableName } = await import("#store/client");
  const { GetItemCommand, QueryCommand } = await import("@aws-sdk/client-dynamodb");
  const { stringAttributes, S } = await import("#store/items");
  const { treatyKey, eventRange, eventKey, deadlinePartitions, TREATY_CATALOGUE } = await import("#store/keys");
  const { listDeadlinesBetween } = await import("#store/deadlines");
  const { putSubscription } = await import("#store/subscriptions");
  const fn = async (file: string) => (await import(join("../functions", file))).handler;
  const [getTreaty, treatyDeadlines, daysUntilExit, listHistory, upcomingDeadlines, listTreaties, sendReminders] =
    await Promise.all(
      [
        "get-treaty.ts",
        "treaty-deadlines.ts",
        "days-until-exit.ts",
        "list-history.ts",
        "upcoming-deadlines.ts",
        "list-treaties.ts",
        "send-reminders.ts",
      ].map(fn),
    );
  const { answer, getRequest, consumedBy } = capacity;
  capacity.patientStoreClient();
  capacity.meterStoreClient();

  const rows: BenchResults["capacity"] = [];
  const record = async (scenario: string, operation: string, work: () => Promise<unknown>, note = "") => {
    const used = await consumedBy(work);
    rows.push({ scenario, operation, ...used, note });
  };
  const dataLoad: BenchResults["dataLoad"] = [];
  const timed = async (what: string, how: string, work: () => Promise<void>) => {
    const t = performance.now();
    await work();
    dataLoad.push({ what, how, seconds: Number(((performance.now() - t) / 1000).toFixed(1)) });
  };

  // Deadlines in the measured window: 5 exits on 8 March 2031 (a reminder 7 days ahead is due on
  // 1 March). The treaties added for the 1,000 scenario bring 5 exits on 17 June 2031 (due 10 June)
  // and the rest land in 1950-1999, outside every window measured.
  const WINDOW = { from: "2031-03-01", to: "2031-03-31" };
  const farNotice = (i: number) => `${1950 + (i % 50)}-${String((i % 12) + 1).padStart(2, "0")}-15`;
  const treatyId = (i: number) => `bench-${String(i).padStart(4, "0")}`;
  // DynamoDB Local's first answers are slow while its JVM warms up; the store's client times out
  // at 1.5 s and retries, so the first write may meet its own earlier attempt.
  await listDeadlinesBetween("2000-01-01", "2000-01-02");
  await putSubscription({
    id: "bench-newsroom",
    url: `http://127.0.0.1:${port}/hook`,
    offsetsDays: [7],
    secret: "bench-secret",
    createdAt: "2024-01-01T00:00:00.000Z",
  }).catch((error: unknown) => {
    if (!(error instanceof Error && error.name === "ConditionalCheckFailedException")) throw error;
  });

  const measureCatalogue = async (scenario: string, runAt: string) => {
    await record(scenario, "GET /treaties/{id} (get-treaty)", () =>
      answer(getTreaty, getRequest("/treaties/bench-0000", { treatyId: "bench-0000" })),
    );
    await record(scenario, "GET /deadlines (30-day window, 5 deadlines)", () =>
      answer(upcomingDeadlines, getRequest("/deadlines", {}, WINDOW)),
    );
    await record(
      scenario,
      "listDeadlinesBetween: reminder window (GSI2)",
      () => listDeadlinesBetween(runAt.slice(0, 10), "2031-12-31"),
      "window from the run date to the end of 2031",
    );
    const due = { delivered: 0 };
    await record(scenario, `send-reminders run at ${runAt.slice(0, 10)} (5 due)`, async () => {
      const summary = (await sendReminders({ now: runAt })) as { delivered: number };
      due.delivered = summary.delivered;
    });
    const last = rows[rows.length - 1];
    if (last) last.note = `${due.delivered} delivered; writes are the delivery ledger`;
    await record(scenario, "GET /treaties (the whole catalogue, GSI1)", () =>
      answer(listTreaties, getRequest("/treaties")),
    );
  };

  step("loading 10 treaties through the store (createTreaty + addEvent)");
  await timed("10 treaties", "createTreaty + addEvent (withdrawal notice) each", () =>
    capacity.inParallel([...Array(10).keys()], 8, (i) =>
      capacity.givenTreatyWithNotice(treatyId(i), i < 5 ? "2030-09-08" : farNotice(i)),
    ),
  );
  await measureCatalogue("10 treaties", "2031-03-01T06:00:00Z");

  step("growing to 1,000 treaties");
  await timed("990 more treaties", "createTreaty + addEvent (withdrawal notice) each, 16 at a time", () =>
    capacity.inParallel(
      [...Array(990).keys()].map((i) => i + 10),
      16,
      (i) => capacity.givenTreatyWithNotice(treatyId(i), i < 15 ? "2030-12-17" : farNotice(i)),
    ),
  );
  await measureCatalogue("1,000 treaties", "2031-06-10T06:00:00Z");
  await record(
    "1,000 treaties",
    "listDeadlinesBetween 1950-1999 (~985 deadlines)",
    () => listDeadlinesBetween("1950-01-01", "1999-12-31"),
    "for contrast: reads follow the deadlines in the window",
  );

  step("loading timelines of 10, 1,000 and 10,000 events");
  const timelines = [
    { events: 10, id: "bench-events-10" },
    { events: 1000, id: "bench-events-1000" },
    { events: 10000, id: "bench-events-10000" },
  ];
  for (const { events, id } of timelines) {
    await capacity.givenTreatyWithNotice(id, "1960-01-15");
    if (events <= 1000) {
      await timed(`${events} events`, "addEvent, one after another", () =>
        capacity.addEventsThroughStore(id, 0, events),
      );
    } else {
      await timed(
        `${events} events`,
        "addEvent for the first 100, then BatchWriteItem + one treaty update",
        async () => {
          await capacity.addEventsThroughStore(id, 0, 100);
          await capacity.addEventsInBulk(id, 100, events - 100);
        },
      );
    }
  }
  // The bulk-written items must look exactly like addEvent's, or the 10,000 row measures something else.
  const sample = async (id: string, n: number) => {
    const event = capacity.statement(id, n);
    const { Item } = await dynamo.send(
      new GetItemCommand({ TableName: tableName, Key: stringAttributes(eventKey(id, event.date, event.id)) }),
    );
    return Object.keys(Item ?? {})
      .sort()
      .join(",");
  };
  const [viaStore, viaBulk] = [await sample("bench-events-10000", 5), await sample("bench-events-10000", 5000)];
  if (viaStore !== viaBulk) throw new Error(`bulk event items differ from addEvent's: ${viaBulk} vs ${viaStore}`);

  for (const { events, id } of timelines) {
    const scenario = `${events.toLocaleString("en")} events`;
    await record(scenario, "GET history (first page of 50)", () =>
      answer(listHistory, getRequest(`/treaties/${id}/history`, { treatyId: id })),
    );
    await record(
      scenario,
      "GET history (a later page, via cursor)",
      async () => {
        const first = JSON.parse(
          (await answer(listHistory, getRequest(`/treaties/${id}/history`, { treatyId: id }))).body,
        );
        if (!first.nextCursor) return;
        await answer(
          listHistory,
          getRequest(`/treaties/${id}/history`, { treatyId: id }, { cursor: first.nextCursor }),
        );
      },
      "two pages read (first + second)",
    );
    await record(scenario, "GET days-until-exit", () =>
      answer(daysUntilExit, getRequest(`/treaties/${id}/days-until-exit`, { treatyId: id }, { asOf: "1960-03-01" })),
    );
    await record(scenario, "GET /treaties/{id} (get-treaty)", () =>
      answer(getTreaty, getRequest(`/treaties/${id}`, { treatyId: id })),
    );
    await record(scenario, "GET /treaties/{id}/deadlines", () =>
      answer(treatyDeadlines, getRequest(`/treaties/${id}/deadlines`, { treatyId: id })),
    );
  }
  capacity.unmeterStoreClient();

  step(`warm latency: ${LATENCY_ITERATIONS} iterations per handler, alternating with the raw call`);
  const big = "bench-events-10000";
  const getItem = (id: string) => () =>
    dynamo.send(new GetItemCommand({ TableName: tableName, Key: stringAttributes(treatyKey(id)) }));
  const { low, high } = eventRange();
  const historyQuery = () =>
    dynamo.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: "PK = :pk AND SK BETWEEN :low AND :high",
        ExpressionAttributeValues: { ":pk": S(treatyKey(big).PK), ":low": S(low), ":high": S(high) },
        Limit: 51,
      }),
    );
  const windowQueries = () =>
    Promise.all(
      deadlinePartitions(WINDOW.from, WINDOW.to).map((partition) =>
        dynamo.send(
          new QueryCommand({
            TableName: tableName,
            IndexName: "GSI2",
            KeyConditionExpression: "GSI2PK = :partition AND GSI2SK BETWEEN :from AND :to",
            ExpressionAttributeValues: {
              ":partition": S(partition),
              ":from": S(WINDOW.from),
              ":to": S(`${WINDOW.to}~`),
            },
          }),
        ),
      ),
    );
  const catalogueQuery = async () => {
    let start: Record<string, import("@aws-sdk/client-dynamodb").AttributeValue> | undefined;
    do {
      const page = await dynamo.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: "GSI1",
          KeyConditionExpression: "GSI1PK = :catalogue",
          ExpressionAttributeValues: { ":catalogue": S(TREATY_CATALOGUE) },
          ExclusiveStartKey: start,
        }),
      );
      start = page.LastEvaluatedKey;
    } while (start);
  };
  const latency: LatencyPair[] = [];
  const n = LATENCY_ITERATIONS;
  latency.push(
    await comparePair(
      "GET /treaties/{id}",
      "GetItem treaty",
      () => answer(getTreaty, getRequest(`/treaties/${big}`, { treatyId: big })),
      getItem(big),
      n,
    ),
  );
  latency.push(
    await comparePair(
      "GET /treaties/{id}/deadlines",
      "GetItem treaty",
      () => answer(treatyDeadlines, getRequest(`/treaties/${big}/deadlines`, { treatyId: big })),
      getItem(big),
      n,
    ),
  );
  latency.push(
    await comparePair(
      "GET /treaties/{id}/days-until-exit",
      "GetItem treaty",
      () =>
        answer(
          daysUntilExit,
          getRequest(`/treaties/${big}/days-until-exit`, { treatyId: big }, { asOf: "1960-03-01" }),
        ),
      getItem(big),
      n,
    ),
  );
  latency.push(
    await comparePair(
      "GET /treaties/{id}/history (10,000 events, page of 50)",
      "Query 51 events",
      () => answer(listHistory, getRequest(`/treaties/${big}/history`, { treatyId: big })),
      historyQuery,
      n,
    ),
  );
  latency.push(
    await comparePair(
      "GET /deadlines (30-day window)",
      "the same GSI2 Queries, in parallel",
      () => answer(upcomingDeadlines, getRequest("/deadlines", {}, WINDOW)),
      windowQueries,
      n,
    ),
  );
  latency.push(
    await comparePair(
      "GET /treaties (1,003 treaties)",
      "the same GSI1 Query, every page",
      () => answer(listTreaties, getRequest("/treaties")),
      catalogueQuery,
      Math.max(20, Math.round(n / 5)),
    ),
  );
  return { capacity: rows, latency, dataLoad };
}
