/** The bench's results as a markdown table and a JSON file, with a timestamped copy of each. */
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { LoadTime } from "./cold-start.ts";
import type { LatencyPair } from "./latency.ts";

const RESULTS = fileURLToPath(new URL("./results/", import.meta.url));

export interface ColdStartRow extends LoadTime {
  dynamo: boolean;
  sizeKb: number;
  gzipKb: number;
  /** Median over the runs of the load's CPU time over the floor load paired with it. */
  ratio: number;
  wallRatio: number;
  meets: boolean;
  beyondBaseline: string[];
}

export interface CapacityRow {
  scenario: string;
  operation: string;
  calls: number;
  readUnits: number;
  writeUnits: number;
  unreported: number;
  note: string;
}

export interface BenchResults {
  date: string;
  machine: { cpus: number; memoryGb: number; node: string; loadAverage: { before: number; after: number } };
  targets: { loadRatio: number; nearBareMs: number; latencyRatio: number };
  coldStart: {
    runs: number;
    baseline: LoadTime & { sizeKb: number; gzipKb: number };
    bare: LoadTime & { sizeKb: number; gzipKb: number };
    functions: ColdStartRow[];
  };
  capacity: CapacityRow[];
  latency: LatencyPair[];
  dataLoad: Array<{ what: string; how: string; seconds: number }>;
  seconds: number;
}

const ms = (n: number) => n.toFixed(1);
const units = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));

/** Operations whose reads must not grow with the data, by operation name. */
const FLAT = [
  "GET history (first page of 50)",
  "GET history (a later page, via cursor)",
  "GET days-until-exit",
  "GET /treaties/{id} (get-treaty)",
  "GET /treaties/{id}/deadlines",
  "GET /deadlines (30-day window, 5 deadlines)",
  "listDeadlinesBetween: reminder window (GSI2)",
];

export function flatness(rows: CapacityRow[]): Array<{ operation: string; readUnits: number[]; flat: boolean }> {
  const byOperation = new Map<string, number[]>();
  for (const row of rows) {
    const key = row.operation.replace(/ run at \d{4}-\d{2}-\d{2}/, "");
    if (!FLAT.includes(key) && !key.startsWith("send-reminders")) continue;
    byOperation.set(key, [...(byOperation.get(key) ?? []), row.readUnits]);
  }
  // Flat: the largest data set reads no more than the one before it. (A 10-event timeline fits in
  // less than one page, so its page costs less; from 51 events on a page is full and its cost fixed.)
  return [...byOperation.entries()].map(([operation, readUnits]) => ({
    operation,
    readUnits,
    flat: (readUnits.at(-1) ?? 0) <= (readUnits.at(-2) ?? 0) + 0.5,
  }));
}

export function verdicts(results: BenchResults): { met: string[]; missed: string[] } {
  const met: string[] = [];
  const missed: string[] = [];
  const { targets } = results;
  for (const row of results.coldStart.functions) {
    const what = row.dynamo
      ? `${row.name} loads in ${row.ratio}x the floor (target ${targets.loadRatio}x)`
      : `${row.name} (no DynamoDB) loads in ${ms(row.medianCpuMs)} ms CPU against the bare handler's ${ms(results.coldStart.bare.medianCpuMs)} ms (target: within ${targets.nearBareMs} ms)`;
    if (row.meets) met.push(what);
    else missed.push(`${what}: beyond the baseline it carries ${row.beyondBaseline.join(", ")}`);
  }
  for (const row of flatness(results.capacity)) {
    const what = `${row.operation}: ${row.readUnits.map(units).join(" → ")} RCU as data grows`;
    (row.flat ? met : missed).push(row.flat ? `${what} (flat)` : `${what} (grows)`);
  }
  for (const pair of results.latency) {
    const what = `${pair.name}: ${pair.ratio.toFixed(2)}x ${pair.raw} (target ${targets.latencyRatio}x)`;
    (pair.ratio <= targets.latencyRatio ? met : missed).push(what);
  }
  const unreported = results.capacity.reduce((sum, row) => sum + row.unreported, 0);
  if (unreported > 0) missed.push(`${unreported} DynamoDB calls came back without ConsumedCapacity`);
  if (results.seconds > 300) missed.push(`the bench took ${results.seconds} s (target: under 300 s)`);
  else met.push(`the bench took ${results.seconds} s (target: under 300 s)`);
  return { met, missed };
}

export function toMarkdown(results: BenchResults): string {
  const { machine, coldStart, targets } = results;
  const lines: string[] = [];
  lines.push(`# treaty-clock bench, ${results.date}`);
  lines.push("");
  lines.push(
    `Machine: ${machine.cpus} CPUs, ${machine.memoryGb} GB, Node ${machine.node}; load average ${machine.loadAverage.before} before, ${machine.loadAverage.after} after. Whole run: ${results.seconds} s.`,
  );
  lines.push("");
  lines.push(
    `## Module load (cold start), ${coldStart.runs} fresh Node processes per bundle, each beside a floor load`,
  );
  lines.push("");
  lines.push(
    `Target: a function with DynamoDB within ${targets.loadRatio}x the floor (a bundle that constructs a DynamoDB client and loads luxon and zod/mini); one without, within ${targets.nearBareMs} ms of a bare handler. Judged on the median, over the runs, of the import's CPU time over that of the floor load run right beside it (one process at a time), which a busy machine disturbs far less than wall time; wall time is shown beside it.`,
  );
  lines.push("");
  lines.push(
    "| bundle | DynamoDB | size KB | gzip KB | wall median ms | wall p90 ms | CPU median ms | ratio (CPU) | ratio (wall) | target |",
  );
  lines.push("|---|---|---:|---:|---:|---:|---:|---:|---:|---|");
  const floor = (name: string, t: typeof coldStart.baseline, dynamo: string) =>
    `| _${name}_ | ${dynamo} | ${t.sizeKb} | ${t.gzipKb} | ${ms(t.medianMs)} | ${ms(t.p90Ms)} | ${ms(t.medianCpuMs)} | ${(t.medianCpuMs / coldStart.baseline.medianCpuMs).toFixed(2)} | ${(t.medianMs / coldStart.baseline.medianMs).toFixed(2)} | floor |`;
  lines.push(floor("floor: DynamoDB client, luxon, zod/mini", coldStart.baseline, "yes"));
  lines.push(floor("bare handler", coldStart.bare, "no"));
  for (const row of coldStart.functions) {
    lines.push(
      `| ${row.name} | ${row.dynamo ? "yes" : "no"} | ${row.sizeKb} | ${row.gzipKb} | ${ms(row.medianMs)} | ${ms(row.p90Ms)} | ${ms(row.medianCpuMs)} | ${row.ratio.toFixed(2)} | ${row.wallRatio.toFixed(2)} | ${row.meets ? "met" : "**missed**"} |`,
    );
  }
  lines.push("");
  lines.push("Largest inputs beyond the baseline's, per function (esbuild metafile, dist/<function>/meta.json):");
  lines.push("");
  for (const row of coldStart.functions) lines.push(`- ${row.name}: ${row.beyondBaseline.join(", ") || "nothing"}`);
  lines.push("");
  lines.push("## DynamoDB capacity per operation (ReturnConsumedCapacity=TOTAL, as DynamoDB Local reports it)");
  lines.push("");
  lines.push("| scenario | operation | calls | RCU | WCU | note |");
  lines.push("|---|---|---:|---:|---:|---|");
  for (const row of results.capacity) {
    lines.push(
      `| ${row.scenario} | ${row.operation} | ${row.calls} | ${units(row.readUnits)} | ${units(row.writeUnits)} | ${row.note} |`,
    );
  }
  lines.push("");
  lines.push("| data loaded | how | seconds |");
  lines.push("|---|---|---:|");
  for (const row of results.dataLoad) lines.push(`| ${row.what} | ${row.how} | ${row.seconds} |`);
  lines.push("");
  lines.push("## Warm latency in process against DynamoDB Local");
  lines.push("");
  lines.push(`Target: the handler within ${targets.latencyRatio}x the raw call that reads the same items (medians).`);
  lines.push("");
  lines.push(
    "| handler | raw call | iterations | handler median ms | handler p90 ms | raw median ms | raw p90 ms | ratio |",
  );
  lines.push("|---|---|---:|---:|---:|---:|---:|---:|");
  for (const pair of results.latency) {
    lines.push(
      `| ${pair.name} | ${pair.raw} | ${pair.iterations} | ${ms(pair.handlerMedianMs)} | ${ms(pair.handlerP90Ms)} | ${ms(pair.rawMedianMs)} | ${ms(pair.rawP90Ms)} | ${pair.ratio.toFixed(2)} |`,
    );
  }
  lines.push("");
  const { met, missed } = verdicts(results);
  lines.push("## Targets");
  lines.push("");
  if (missed.length === 0) lines.push(`Every target met (${met.length}).`);
  else {
    lines.push(`${met.length} met, ${missed.length} missed:`);
    lines.push("");
    for (const what of missed) lines.push(`- MISSED: ${what}`);
  }
  lines.push("");
  return lines.join("\n");
}

export function writeResults(results: BenchResults): { markdown: string; files: string[] } {
  mkdirSync(RESULTS, { recursive: true });
  const markdown = toMarkdown(results);
  const stamp = results.date.replace(/[:.]/g, "-");
  const files = [`${RESULTS}bench.md`, `${RESULTS}bench.json`];
  writeFileSync(files[0] as string, markdown);
  writeFileSync(files[1] as string, `${JSON.stringify(results, null, 2)}\n`);
  for (const extension of ["md", "json"]) {
    copyFileSync(`${RESULTS}bench.${extension}`, `${RESULTS}bench-${stamp}.${extension}`);
    files.push(`${RESULTS}bench-${stamp}.${extension}`);
  }
  return { markdown, files };
}
