import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  UpdateTimeToLiveCommand,
} from "@aws-sdk/client-dynamodb";
import { provisionApiKey } from "./api-key.ts";
import { type RunningDynamoDb, startDynamoDbLocal } from "./dynamodb-local.ts";
import { freePort, waitForPort } from "./ports.ts";
import { killWithParent, stopProcess } from "./processes.ts";
import { loadSeed, type SeedReport } from "./seed-data.ts";
import { createTableInput, timeToLiveInput } from "./table-definition.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
/** The service's name in serverless.yml: the prefix of its table and of its functions' names. */
export const SERVICE = "treaty-clock";
export const LOCAL_STAGE = "local";
/** The table of a stage, deployed or local, as serverless.yml names it (custom.tableName). */
export const localTableName = (stage = LOCAL_STAGE) => `${SERVICE}-${stage}`;

/**
 * Points this process (and every child it starts) at a DynamoDB endpoint: the SDK reads
 * AWS_ENDPOINT_URL_DYNAMODB itself, so application code has no local-only branch.
 */
export function useLocalDynamoDb(endpoint: string, tableName: string): void {
  Object.assign(process.env, {
    AWS_ENDPOINT_URL_DYNAMODB: endpoint,
    AWS_REGION: "eu-west-1",
    AWS_ACCESS_KEY_ID: "local",
    AWS_SECRET_ACCESS_KEY: "local",
    TABLE_NAME: tableName,
    // Node 20 runs the local tools; Lambda runs Node 22. The SDK's upgrade notice is noise here.
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
  });
  // DynamoDB Local's JVM can take seconds on its first transactions on a busy machine.
  process.env.DYNAMODB_REQUEST_TIMEOUT_MS ??= "5000";
  process.env.CURSOR_SECRET ??= randomBytes(24).toString("base64url");
}

export async function ensureTable(endpoint: string, tableName: string): Promise<void> {
  const client = new DynamoDBClient({
    endpoint,
    region: "eu-west-1",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  });
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }));
  } catch (error) {
    if (!(error instanceof Error) || error.name !== "ResourceNotFoundException") throw error;
    await client.send(new CreateTableCommand(createTableInput(tableName)));
    const ttl = timeToLiveInput(tableName);
    if (ttl) await client.send(new UpdateTimeToLiveCommand(ttl));
  } finally {
    client.destroy();
  }
}

export interface RunningApi {
  url: string;
  port: number;
  /** serverless-offline's Lambda invoke endpoint, for scheduled functions. */
  lambdaPort: number;
  stop(): Promise<void>;
}

/** Starts serverless-offline (through osls) on `port`, and resolves when it answers. */
export async function startApi(options: { port: number; lambdaPort?: number; quiet?: boolean }): Promise<RunningApi> {
  const lambdaPort = options.lambdaPort ?? (await freePort());
  const child: ChildProcess = spawn(
    process.execPath,
    [`${ROOT}node_modules/osls/bin/serverless.js`, "offline", "start", "--stage", LOCAL_STAGE],
    {
      cwd: ROOT,
      env: { ...process.env, PORT: String(options.port), LAMBDA_PORT: String(lambdaPort), SLS_TELEMETRY_DISABLED: "1" },
      stdio: options.quiet ? ["ignore", "pipe", "pipe"] : ["ignore", "inherit", "inherit"],
      detached: true,
    },
  );
  if (child.pid === undefined) throw new Error("could not start serverless-offline");
  killWithParent(child.pid);
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-8000);
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-8000);
  });
  const exited = new Promise<never>((_, reject) =>
    child.once("exit", (code, signal) =>
      reject(new Error(`serverless-offline exited with code ${code} (signal ${signal})\n${output}`)),
    ),
  );
  await Promise.race([waitForPort(options.port, 120_000), exited]);
  let stopping = false;
  // Once it answers, an exit nobody asked for would otherwise show only as ECONNREFUSED in every later test.
  exited.catch((error: Error) => {
    if (!stopping) console.error(`The local API stopped on its own: ${error.message}`);
  });
  return {
    url: `http://localhost:${options.port}`,
    port: options.port,
    lambdaPort,
    stop: () => {
      stopping = true;
      return stopProcess(child);
    },
  };
}

export interface LocalStack {
  dynamo: RunningDynamoDb;
  tableName: string;
  seed?: SeedReport;
  api?: RunningApi;
  stop(): Promise<void>;
}

/** DynamoDB Local, the table from serverless.yml, the seed, an API key and, when asked, the API. */
export async function startLocalStack(options: {
  stage?: string;
  dbPath?: string;
  dynamoPort?: number;
  seed?: boolean;
  apiKey?: { key: string; name: string };
  apiPort?: number;
  lambdaPort?: number;
  quietApi?: boolean;
}): Promise<LocalStack> {
  const dynamo = await startDynamoDbLocal({ dbPath: options.dbPath, port: options.dynamoPort });
  const tableName = localTableName(options.stage);
  let api: RunningApi | undefined;
  const stop = async () => {
    await api?.stop();
    await dynamo.stop();
  };
  try {
    useLocalDynamoDb(dynamo.endpoint, tableName);
    await ensureTable(dynamo.endpoint, tableName);
    const seed = options.seed === false ? undefined : await loadSeed();
    if (options.apiKey) await provisionApiKey(options.apiKey.key, options.apiKey.name);
    if (options.apiPort !== undefined)
      api = await startApi({ port: options.apiPort, lambdaPort: options.lambdaPort, quiet: options.quietApi });
    return { dynamo, tableName, seed, api, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
