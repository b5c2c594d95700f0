/**
 * Module load time of each bundle, each time in a fresh Node process: the part of a Lambda
 * cold start the code controls. Bundles are measured round-robin, so a burst of load on the
 * machine touches every bundle alike instead of one bundle's whole series.
 */
import { spawn } from "node:child_process";
import type { BuiltBundle } from "../scripts/build.ts";

export interface LoadTime {
  name: string;
  runs: number;
  /** Wall-clock milliseconds from `import()` to its resolution. */
  medianMs: number;
  p90Ms: number;
  /** CPU milliseconds the process spent on the import: steadier than wall time on a busy machine. */
  medianCpuMs: number;
}

/** What the modules read at load; nothing else from this process leaks in. */
export const LOAD_ENV = {
  TABLE_NAME: "treaty-clock-bench",
  CURSOR_SECRET: "bench-cursor-secret",
  PUBLIC_API_URL: "https://api.example.org",
  AWS_REGION: "eu-west-1",
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
};

const PROBE = (file: string) =>
  `const c=process.cpuUsage();const t=performance.now();await import(${JSON.stringify(file)});` +
  "const w=performance.now()-t;const u=process.cpuUsage(c);console.log(JSON.stringify([w,(u.user+u.system)/1000]))";

function loadOnce(file: string): Promise<{ wall: number; cpu: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--input-type=module", "-e", PROBE(file)], {
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
      if (code !== 0) return reject(new Error(`loading ${file} failed (${code}): ${err.slice(-1000)}`));
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

/**
 * `runs` loads of every bundle (after one discarded warm-up load each, which fills the disk
 * cache), `width` processes at a time: CPU time is per process, so running one per core
 * keeps the bench short without bending the figures the targets are judged on.
 */
export async function measureLoadTimes(bundles: BuiltBundle[], runs: number, width = 1): Promise<LoadTime[]> {
  const samples = new Map<string, Array<{ wall: number; cpu: number }>>(bundles.map((b) => [b.name, []]));
  const queue = [
    ...bundles.map((bundle) => ({ bundle, keep: false })),
    ...Array.from({ length: runs }, () => bundles.map((bundle) => ({ bundle, keep: true }))).flat(),
  ];
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < queue.length) {
        const job = queue[next++];
        if (!job) break;
        const sample = await loadOnce(job.bundle.path);
        if (job.keep) samples.get(job.bundle.name)?.push(sample);
      }
    }),
  );
  return bundles.map((bundle) => {
    const series = samples.get(bundle.name) ?? [];
    return {
      name: bundle.name,
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
    };
  });
}

/** True when the bundle carries a DynamoDB client (so its floor is the client, not a bare handler). */
export function talksToDynamoDb(bundle: BuiltBundle): boolean {
  return Object.keys(bundle.metafile.inputs).some((input) => input.includes("@aws-sdk/client-dynamodb/"));
}
