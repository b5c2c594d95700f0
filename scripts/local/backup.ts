/**
 * Export and import of a whole treaty-clock table, shared by `npm run export`, `npm run import`
 * and the tests. The export is the table's items as they are stored (DynamoDB attribute values,
 * attribute names and set members sorted), grouped by partition and found through the
 * catalogues, so importing it into an empty table and exporting again gives the same JSON.
 *
 * What is exported: every treaty partition (the treaty, its events including retracted ones,
 * event refs, revisions and derived deadline items), every subscription partition (whatever
 * lib/store/subscriptions.ts keeps there, read as raw items), and every API key record (hashes
 * only; a key itself is never stored). Idempotency records are left out: they expire within a
 * day and only protect retries in flight.
 *
 * No Scan: each partition is found on its GSI1 catalogue and read with a Query on its PK.
 */
import {
  type AttributeValue,
  BatchWriteItemCommand,
  DynamoDBClient,
  paginateQuery,
  QueryCommand,
  type QueryCommandInput,
  type WriteRequest,
} from "@aws-sdk/client-dynamodb";
import { backoffDelay, sleep } from "#lib/backoff";
import { API_KEYS_CATALOGUE, SUBSCRIPTIONS_CATALOGUE, TREATY_CATALOGUE } from "#store/keys";
import { UsageError } from "./args.ts";
import { localTableName } from "./stack.ts";

export type StoredItem = Record<string, AttributeValue>;

export interface PartitionExport {
  PK: string;
  /** Every item of the partition, by SK. */
  items: StoredItem[];
}

export interface TableExport {
  format: "treaty-clock-export";
  formatVersion: 1;
  treaties: PartitionExport[];
  subscriptions: PartitionExport[];
  apiKeys: PartitionExport[];
}

const CATALOGUES = {
  treaties: TREATY_CATALOGUE,
  subscriptions: SUBSCRIPTIONS_CATALOGUE,
  apiKeys: API_KEYS_CATALOGUE,
} as const;
type Section = keyof typeof CATALOGUES;
const SECTIONS = Object.keys(CATALOGUES) as Section[];

/** Where a tool works: DynamoDB Local (an endpoint) or the real table of a stage (the default credential chain). */
export interface TableTarget {
  tableName: string;
  region: string;
  /** Absent for AWS itself. */
  endpoint?: string;
}

const DEFAULT_LOCAL_ENDPOINT = "http://127.0.0.1:8000";
const DEFAULT_REGION = "eu-west-1";

/**
 * The table a tool targets, like `npm run seed`: DynamoDB Local at AWS_ENDPOINT_URL_DYNAMODB or
 * http://127.0.0.1:8000, table TABLE_NAME or treaty-clock-local. `--stage <s>` without an endpoint
 * means the deployed table `treaty-clock-<s>` on AWS. `--endpoint`, `--table` and `--region` override.
 */
export function tableTarget(
  options: { stage?: string; endpoint?: string; table?: string; region?: string },
  env: NodeJS.ProcessEnv = process.env,
): TableTarget {
  const { stage, table } = options;
  const endpoint = options.endpoint ?? env.AWS_ENDPOINT_URL_DYNAMODB;
  const region = options.region ?? env.AWS_REGION ?? DEFAULT_REGION;
  if (stage !== undefined && !/^[a-z0-9-]{1,32}$/.test(stage)) throw new UsageError(`"${stage}" is not a stage name.`);
  if (stage !== undefined && endpoint === undefined) return { tableName: table ?? localTableName(stage), region };
  return {
    tableName: table ?? (stage ? localTableName(stage) : (env.TABLE_NAME ?? localTableName())),
    region,
    endpoint: endpoint ?? DEFAULT_LOCAL_ENDPOINT,
  };
}

export function describeTarget(target: TableTarget): string {
  return target.endpoint
    ? `${target.tableName} at ${target.endpoint}`
    : `${target.tableName} on AWS (${target.region})`;
}

/** A client for the target: DynamoDB Local takes any credentials; AWS uses the default chain. */
export function clientFor(target: TableTarget): DynamoDBClient {
  return target.endpoint
    ? new DynamoDBClient({
        endpoint: target.endpoint,
        region: target.region,
        credentials: { accessKeyId: "local", secretAccessKey: "local" },
      })
    : new DynamoDBClient({ region: target.region, maxAttempts: 6, retryMode: "adaptive" });
}

async function queryAll(client: DynamoDBClient, input: QueryCommandInput): Promise<StoredItem[]> {
  const items: StoredItem[] = [];
  for await (const page of paginateQuery({ client }, input)) items.push(...(page.Items ?? []));
  return items;
}

async function cataloguePartitions(client: DynamoDBClient, tableName: string, catalogue: string): Promise<string[]> {
  const items = await queryAll(client, {
    TableName: tableName,
    IndexName: "GSI1",
    KeyConditionExpression: "GSI1PK = :catalogue",
    ExpressionAttributeValues: { ":catalogue": { S: catalogue } },
    ProjectionExpression: "PK",
  });
  const partitions = new Set<string>();
  for (const item of items) if (item.PK?.S) partitions.add(item.PK.S);
  return [...partitions].sort();
}

/** One attribute value in canonical form: set members and map keys sorted; binary refused. */
function canonicalValue(value: AttributeValue): AttributeValue {
  if (value.S !== undefined) return { S: value.S };
  if (value.N !== undefined) return { N: value.N };
  if (value.BOOL !== undefined) return { BOOL: value.BOOL };
  if (value.NULL !== undefined) return { NULL: value.NULL };
  if (value.SS !== undefined) return { SS: [...value.SS].sort() };
  if (value.NS !== undefined) return { NS: [...value.NS].sort() };
  if (value.L !== undefined) return { L: value.L.map(canonicalValue) };
  if (value.M !== undefined) return { M: canonicalItem(value.M) };
  throw new Error("The table holds a binary attribute, which this export does not carry.");
}

function canonicalItem(item: StoredItem): StoredItem {
  const sorted: StoredItem = {};
  for (const name of Object.keys(item).sort()) {
    const value = item[name];
    if (value) sorted[name] = canonicalValue(value);
  }
  return sorted;
}

async function readPartition(client: DynamoDBClient, tableName: string, pk: string): Promise<PartitionExport> {
  const items = await queryAll(client, {
    TableName: tableName,
    KeyConditionExpression: "PK = :pk",
    ExpressionAttributeValues: { ":pk": { S: pk } },
    ConsistentRead: true,
  });
  return { PK: pk, items: items.map(canonicalItem) };
}

/** Reads the whole table through its catalogues. */
export async function exportTable(client: DynamoDBClient, tableName: string): Promise<TableExport> {
  const sections = {} as Record<Section, PartitionExport[]>;
  for (const section of SECTIONS) {
    const partitions = await cataloguePartitions(client, tableName, CATALOGUES[section]);
    sections[section] = [];
    // A few partitions at a time: fast on a laptop, gentle on an on-demand table.
    for (let i = 0; i < partitions.length; i += 8) {
      const batch = partitions.slice(i, i + 8);
      sections[section].push(...(await Promise.all(batch.map((pk) => readPartition(client, tableName, pk)))));
    }
  }
  return { format: "treaty-clock-export", formatVersion: 1, ...sections };
}

export const serialiseExport = (data: TableExport): string => `${JSON.stringify(data, null, 2)}\n`;

export class ImportRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ImportRefusedError";
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Checks an export file's shape before anything is written; says where it is wrong. */
export function parseExport(text: string): TableExport {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ImportRefusedError(`The file is not JSON: ${(error as Error).message}`);
  }
  if (!isRecord(data) || data.format !== "treaty-clock-export" || data.formatVersion !== 1) {
    throw new ImportRefusedError("The file is not a treaty-clock export (format treaty-clock-export, version 1).");
  }
  for (const section of SECTIONS) {
    const partitions = data[section];
    if (!Array.isArray(partitions)) throw new ImportRefusedError(`The export has no ${section} list.`);
    partitions.forEach((partition: unknown, i) => {
      if (!isRecord(partition) || typeof partition.PK !== "string" || !Array.isArray(partition.items)) {
        throw new ImportRefusedError(`${section}[${i}] is not a partition with PK and items.`);
      }
      partition.items.forEach((item: unknown, j) => {
        const where = `${section}[${i}].items[${j}]`;
        if (!isRecord(item) || !isRecord(item.PK) || item.PK.S !== partition.PK) {
          throw new ImportRefusedError(`${where} does not belong to partition ${partition.PK}.`);
        }
        if (!isRecord(item.SK) || typeof item.SK.S !== "string") throw new ImportRefusedError(`${where} has no SK.`);
        for (const [name, value] of Object.entries(item)) {
          if (!isRecord(value) || Object.keys(value).length !== 1) {
            throw new ImportRefusedError(`${where}.${name} is not a DynamoDB attribute value.`);
          }
        }
      });
    });
  }
  return data as unknown as TableExport;
}

async function tableHasTreaty(client: DynamoDBClient, tableName: string): Promise<boolean> {
  const page = await client.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: "GSI1",
      KeyConditionExpression: "GSI1PK = :catalogue",
      ExpressionAttributeValues: { ":catalogue": { S: TREATY_CATALOGUE } },
      Limit: 1,
    }),
  );
  return (page.Items ?? []).length > 0;
}

export interface ImportReport {
  treaties: number;
  subscriptions: number;
  apiKeys: number;
  items: number;
}

const BATCH = 25;

async function writeBatch(client: DynamoDBClient, tableName: string, requests: WriteRequest[]): Promise<void> {
  let pending = requests;
  for (let attempt = 0; pending.length > 0; attempt++) {
    if (attempt > 0) await sleep(backoffDelay(attempt + 1, { baseMs: 100, capMs: 2000 }));
    if (attempt > 10) throw new Error(`DynamoDB kept ${pending.length} items unprocessed; the import is incomplete.`);
    const output = await client.send(new BatchWriteItemCommand({ RequestItems: { [tableName]: pending } }));
    pending = output.UnprocessedItems?.[tableName] ?? [];
  }
}

/** Writes an export into a table that holds no treaty yet; refuses otherwise and writes nothing. */
export async function importTable(client: DynamoDBClient, tableName: string, data: TableExport): Promise<ImportReport> {
  if (await tableHasTreaty(client, tableName)) {
    throw new ImportRefusedError(`${tableName} already holds treaties; import only into an empty table.`);
  }
  const items = SECTIONS.flatMap((section) => data[section].flatMap((partition) => partition.items));
  for (let i = 0; i < items.length; i += BATCH) {
    await writeBatch(
      client,
      tableName,
      items.slice(i, i + BATCH).map((item) => ({ PutRequest: { Item: item } })),
    );
  }
  return {
    treaties: data.treaties.length,
    subscriptions: data.subscriptions.length,
    apiKeys: data.apiKeys.length,
    items: items.length,
  };
}
