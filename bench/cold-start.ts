/**
 * Module load time of each bundle, each time in a fresh Node process: the part of a Lambda
 * cold start the code controls. Every load of a bundle is paired with a load of the floor right
 * beside it (floor first in one round, second in the next), one process at a time, so a burst of
 * load on the machine touches both halves of a pair alike; a bundle is judged on the median of its
 * pairs' ratios.
 */
import { spawn } from "node:child_process";
import { join } from "node:path";
import { type BuiltBundle, loadedAtStart, ROOT } from "../scripts/build.ts";

export interface LoadTime {
  name: string;
  runs: number;
  /** Wall-clock milliseconds from `import()` to its resolution. */
  medianMs: number;
  p90Ms: number;
  /** CPU milliseconds the process spent on the import: steadier than wall time on a busy machine. */
  medianCpuMs: number;
}

export interface PairedLoadTime extends LoadTime {
  /** Median over the runs of this load's CPU time over the floor load paired with it. */
  ratio: number;
  /** The same for wall time. */
  wallRatio: number;
}

/** What one probe process imports, in order: a bundle, or a bundle and the chunks it loads on demand. */
export interface LoadTarget {
  name: string;
  files: string[];
}

/** What the modules read at load; nothing else from this process leaks in. */
export const LOAD_ENV = {
  TABLE_NAME: "treaty-clock-bench",
  CURSOR_SECRET: "bench-cursor-secret",
  PUBLIC_API_URL: "https://api.example.org",
  AWS_REGION: "eu-west-1",
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
};

const PROBE = (files: string[]) =>
  `const c=process.cpuUsage();const t=performance.now();for(const f of ${JSON.stringify(files)})await import(f);` +
  "const w=performance.now()-t;const u=process.cpuUsage(c);console.log(JSON.stringify([w,(u.user+u.system)/1000]))";

interface Sample {
  wall: number;
  cpu: number;
}

function loadOnce(files: string[]): Promise<Sample> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--input-type=module", "-e", PROBE(files)], {
      env: { PATH: process.env.PATH ?? "", ...LOAD_ENV },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      err += chunk.toString();
    });
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0) return reject(new Error(`loading ${files.join(" + ")} failed (${code}): ${err.slice(-1000)}`));
      const [wall, cpu] = JSON.parse(out.trim().split("\n").pop() ?? "[]") as [number, number];
      resolve({ wall, cpu });
    });
  });
}

export const quantile = (values: number[], q: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  return (sorted[low] ?? 0) + ((sorted[high] ?? 0) - (sorted[low] ?? 0)) * (position - low);
};

const summary = (name: string, series: Sample[]): LoadTime => ({
  name,
  runs: series.length,
  medianMs: quantile(
    series.map((s) => s.wall),
    0.5,
  ),
  p90Ms: quantile(
    series.map((s) => s.wall),
    0.9,
  ),
  medianCpuMs: quantile(
    series.map((s) => s.cpu),
    0.5,
  ),
});

/** A bundle as a load target: its entry file (the chunks it imports statically come with it). */
export const bundleTarget = (bundle: BuiltBundle): LoadTarget => ({ name: bundle.name, files: [bundle.path] });

/**
 * The bundle and every chunk of the project's own code it may load on demand (behind an `import()`),
 * or undefined when it has none: what its slowest first request loads, an upper bound.
 */
export function firstUseTarget(bundle: BuiltBundle): LoadTarget | undefined {
  const { outputs } = bundle.metafile;
  const atStart = new Set(loadedAtStart(bundle.metafile, bundle.path));
  const onDemand = new Set<string>();
  const seen = new Set(atStart);
  const pending = [...atStart];
  for (let output = pending.pop(); output !== undefined; output = pending.pop()) {
    for (const { path } of outputs[output]?.imports ?? []) {
      if (seen.has(path) || !outputs[path]) continue;
      seen.add(path);
      pending.push(path);
      if (Object.keys(outputs[path]?.inputs ?? {}).some((input) => !input.includes("node_modules/")))
        onDemand.add(path);
    }
  }
  if (onDemand.size === 0) return undefined;
  return { name: `${bundle.name} + first use`, files: [bundle.path, ...[...onDemand].map((p) => join(ROOT, p))] };
}

/**
 * `runs` pairs of loads for every target, one process at a time, each pair a floor load and a target
 * load side by side (after one discarded warm-up load of each, which fills the disk cache).
 */
export async function measureAgainstFloor(
  floor: BuiltBundle,
  targets: LoadTarget[],
  runs: number,
): Promise<{ floor: LoadTime; loads: PairedLoadTime[] }> {
  const floorFiles = [floor.path];
  for (const files of [floorFiles, ...targets.map((t) => t.files)]) await loadOnce(files);
  const floorSamples: Sample[] = [];
  const pairs = new Map<string, Array<{ floor: Sample; target: Sample }>>(targets.map((t) => [t.name, []]));
  for (let run = 0; run < runs; run++) {
    for (const [index, target] of targets.entries()) {
      const floorFirst = (run + index) % 2 === 0;
      const first = await loadOnce(floorFirst ? floorFiles : target.files);
      const second = await loadOnce(floorFirst ? target.files : floorFiles);
      const pair = floorFirst ? { floor: first, target: second } : { floor: second, target: first };
      floorSamples.push(pair.floor);
      pairs.get(target.name)?.push(pair);
    }
  }
  return {
    floor: summary(floor.name, floorSamples),
    loads: targets.map((target) => {
      const series = pairs.get(target.name) ?? [];
      return {
        ...summary(
          target.name,
          series.map((pair) => pair.target),
        ),
        ratio: quantile(
          series.map((pair) => pair.target.cpu / pair.floor.cpu),
          0.5,
        ),
        wallRatio: quantile(
          series.map((pair) => pair.target.wall / pair.floor.wall),
          0.5,
        ),
      };
    }),
  };
}

/** True when the bundle carries a DynamoDB client (so its floor is the client, not a bare handler). */
export function talksToDynamoDb(bundle: BuiltBundle): boolean {
  return Object.keys(bundle.metafile.inputs).some((input) => input.includes("@aws-sdk/client-dynamodb/"));
}
