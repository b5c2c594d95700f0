/**
 * npm run bench:cold: only the cold-start part of `npm run bench`. Every function's bundle against the
 * floor (DynamoDB client + luxon + zod/mini, bench/baseline-dynamodb.ts), each load paired with a floor
 * load beside it in fresh processes, one at a time; medians of BENCH_LOAD_RUNS (default 31) pairs each.
 * Then, for information, each function with code it loads on demand: start plus all of that code.
 */
import { buildAll, buildBundle } from "../scripts/build.ts";
import { bundleTarget, firstUseTarget, measureAgainstFloor, talksToDynamoDb } from "./cold-start.ts";
import { TARGET_LOAD_RATIO } from "./targets.ts";

const runs = Number(process.env.BENCH_LOAD_RUNS ?? 31);
const functions = await buildAll();
const floor = await buildBundle("_floor", "bench/baseline-dynamodb.ts");
const { floor: floorLoad, loads } = await measureAgainstFloor(floor, functions.map(bundleTarget), runs);
console.log(
  `floor: median ${floorLoad.medianCpuMs.toFixed(1)} ms CPU, ${floorLoad.medianMs.toFixed(1)} ms wall (${floorLoad.runs} loads, paired with ${runs} of each function)`,
);
let misses = 0;
for (const bundle of functions) {
  const load = loads.find((l) => l.name === bundle.name);
  if (!load) continue;
  const meets = !talksToDynamoDb(bundle) || load.ratio <= TARGET_LOAD_RATIO;
  if (!meets) misses++;
  console.log(
    `${meets ? "ok  " : "MISS"} ${bundle.name.padEnd(24)} ${load.medianCpuMs.toFixed(1).padStart(7)} ms CPU  ${load.ratio.toFixed(2)}x floor  (wall ${load.wallRatio.toFixed(2)}x)`,
  );
}
console.log(`${functions.length - misses} of ${functions.length} within ${TARGET_LOAD_RATIO}x of the floor`);

const firstUse = functions.flatMap((bundle) => firstUseTarget(bundle) ?? []);
if (firstUse.length > 0 && process.env.BENCH_FIRST_USE !== "false") {
  const { loads: used } = await measureAgainstFloor(floor, firstUse, runs);
  console.log(
    "\nStart plus every chunk of its own code a function may load on demand (its slowest first request; not a target):",
  );
  for (const load of used) {
    const start = loads.find((l) => `${l.name} + first use` === load.name);
    console.log(
      `     ${load.name.padEnd(36)} ${load.medianCpuMs.toFixed(1).padStart(7)} ms CPU  ${load.ratio.toFixed(2)}x floor  (its start alone: ${start?.ratio.toFixed(2)}x)`,
    );
  }
}
