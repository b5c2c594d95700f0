/**
 * npm run bench:cold: only the cold-start part of `npm run bench`. Every function's bundle against the
 * floor (DynamoDB client + luxon + zod/mini, bench/baseline-dynamodb.ts), loaded round-robin in fresh
 * processes so a busy machine slows each alike; medians of BENCH_LOAD_RUNS (default 15) loads each.
 */
import { buildAll, buildBundle } from "../scripts/build.ts";
import { measureLoadTimes, talksToDynamoDb } from "./cold-start.ts";
import { TARGET_LOAD_RATIO } from "./targets.ts";

const runs = Number(process.env.BENCH_LOAD_RUNS ?? 15);
const functions = await buildAll();
const floor = await buildBundle("_floor", "bench/baseline-dynamodb.ts");
const loads = await measureLoadTimes([...functions, floor], runs, 1);
const floorLoad = loads.find((load) => load.name === floor.name);
if (!floorLoad) throw new Error("the floor was not measured");
console.log(
  `floor: median ${floorLoad.medianCpuMs.toFixed(1)} ms CPU, ${floorLoad.medianMs.toFixed(1)} ms wall (${runs} runs)`,
);
let misses = 0;
for (const bundle of functions) {
  const load = loads.find((l) => l.name === bundle.name);
  if (!load) continue;
  const ratio = load.medianCpuMs / floorLoad.medianCpuMs;
  const meets = !talksToDynamoDb(bundle) || ratio <= TARGET_LOAD_RATIO;
  if (!meets) misses++;
  console.log(
    `${meets ? "ok  " : "MISS"} ${bundle.name.padEnd(20)} ${load.medianCpuMs.toFixed(1).padStart(7)} ms CPU  ${ratio.toFixed(2)}x floor  (wall ${(load.medianMs / floorLoad.medianMs).toFixed(2)}x)`,
  );
}
console.log(`${functions.length - misses} of ${functions.length} within ${TARGET_LOAD_RATIO}x of the floor`);
