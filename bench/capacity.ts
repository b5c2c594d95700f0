/**
 * DynamoDB capacity each operation consumes, read from DynamoDB's own ConsumedCapacity: a
 * middleware on the store's client asks every command for ReturnConsumedCapacity=TOTAL and
 * sums what comes back, so the real handlers run unchanged, in this process, against
 * DynamoDB Local. Imported only after the environment points at the bench's table.
 */
import {
  BatchWriteItemCommand,
  type ConsumedCapacity,
  type TransactWriteItem,
  type WriteRequest,
} from "@aws-sdk/client-dynamodb";
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from "aws-lambda";
import { addEvent } from "#app/events";
import { createTreaty } from "#app/treaties";
import type { StoredEvent } from "#domain/records";
import type { Treaty } from "#domain/types";
import { dynamo, tableName } from "#store/client";
import { N, S, stringAttributes } from "#store/items";
import { eventKey, eventRefKey } from "#store/keys";
import { commitTreatyChange, getTreaty } from "#store/treaties";

export interface Consumed {
  calls: number;
  readUnits: number;
  writeUnits: number;
  /** Calls that came back without ConsumedCapacity (none expected). */
  unreported: number;
}

const READS = new Set(["GetItemCommand", "QueryCommand", "BatchGetItemCommand", "ScanCommand"]);
let meter: Consumed | undefined;

const MIDDLEWARE = "benchConsumedCapacity";

/** Adds the metering middleware to the store's client (idempotent). */
export function meterStoreClient(): void {
  if (dynamo.middlewareStack.identify().some((entry) => entry.startsWith(MIDDLEWARE))) return;
  dynamo.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as { ReturnConsumedCapacity?: string };
      input.ReturnConsumedCapacity = "TOTAL";
      const result = await next(args);
      const tally = meter;
      if (tally) {
        const output = result.output as { ConsumedCapacity?: ConsumedCapacity | ConsumedCapacity[] };
        const reported = [output.ConsumedCapacity ?? []].flat();
        const units = reported.reduce((sum, c) => sum + (c.CapacityUnits ?? 0), 0);
        tally.calls += 1;
        if (reported.length === 0) tally.unreported += 1;
        if (READS.has(context.commandName ?? "")) tally.readUnits += units;
        else tally.writeUnits += units;
      }
      return result;
    },
    { step: "initialize", name: MIDDLEWARE },
  );
}

/** Removes the middleware, so latency is measured on the client as the functions use it. */
export function unmeterStoreClient(): void {
  dynamo.middlewareStack.remove(MIDDLEWARE);
}

/**
 * The store's client gives DynamoDB 1.5 s per request, right for AWS; DynamoDB Local on a
 * machine shared with other test runs can take longer, and this bench measures capacity and
 * warm latency, not timeouts.
 */
export function patientStoreClient(): void {
  const handler = dynamo.config.requestHandler as { updateHttpClientConfig?: (key: string, value: number) => void };
  handler.updateHttpClientConfig?.("requestTimeout", 30_000);
  handler.updateHttpClientConfig?.("connectionTimeout", 10_000);
}

/** What `work` consumed. */
export async function consumedBy(work: () => Promise<unknown>): Promise<Consumed> {
  const tally: Consumed = { calls: 0, readUnits: 0, writeUnits: 0, unreported: 0 };
  meter = tally;
  try {
    await work();
  } finally {
    meter = undefined;
  }
  return tally;
}

// ---------------------------------------------------------------- the data

type Handler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

/** An API Gateway GET as the functions receive it. */
export function getRequest(
  path: string,
  pathParameters: Record<string, string> = {},
  query: Record<string, string> = {},
): APIGatewayProxyEventV2 {
  return {
    version: "2.0",
    routeKey: `GET ${path}`,
    rawPath: path,
    rawQueryString: new URLSearchParams(query).toString(),
    headers: {},
    pathParameters,
    queryStringParameters: Object.keys(query).length > 0 ? query : undefined,
    isBase64Encoded: false,
    requestContext: { http: { method: "GET", path }, requestId: "bench" },
  } as unknown as APIGatewayProxyEventV2;
}

export async function answer(
  handler: Handler,
  event: APIGatewayProxyEventV2,
): Promise<{ status: number; body: string }> {
  const result = await handler(event, { awsRequestId: "bench" } as Context);
  const status = result.statusCode ?? 200;
  if (status >= 400) throw new Error(`${event.routeKey} answered ${status}: ${result.body}`);
  return { status, body: result.body ?? "" };
}

const BENCH_WRITER = "bench";

export function benchTreaty(id: string): Treaty {
  return {
    id,
    name: `Bench Treaty ${id}`,
    shortName: `Bench ${id}`,
    parties: [
      { code: "US", name: "United States" },
      { code: "RU", name: "Russia" },
    ],
    signedOn: "1987-12-08",
    inForceOn: "1988-06-01",
    withdrawal: {
      article: "Article XV(2)",
      text: "Six months' notice.",
      noticePeriod: { months: 6 },
    },
    sources: [{ url: "https://example.org/treaty" }],
  };
}

/** A statement: most of a real timeline, and no input to any rule. */
export function statement(treatyId: string, n: number): StoredEvent {
  const day = new Date(Date.UTC(1990, 0, 1) + n * 3_600_000).toISOString().slice(0, 10);
  return {
    id: `e${String(n).padStart(6, "0")}`,
    treatyId,
    date: day,
    type: "statement",
    party: n % 2 === 0 ? "US" : "RU",
    title: `Statement number ${n} on the treaty's implementation`,
    description: "A statement of the kind a newsroom records to keep the timeline complete and sourced.",
    sources: [{ url: `https://example.org/statements/${n}`, publisher: "Example Wire" }],
    createdAt: "2024-01-01T00:00:00.000Z",
    version: 1,
    createdBy: BENCH_WRITER,
  };
}

export function withdrawalNotice(treatyId: string, date: string): StoredEvent {
  return {
    id: `notice-${date}`,
    treatyId,
    date,
    type: "withdrawal_notice",
    party: "US",
    title: "Notice of withdrawal",
    sources: [{ url: "https://example.org/notice" }],
    createdAt: "2024-01-01T00:00:00.000Z",
    version: 1,
    createdBy: BENCH_WRITER,
  };
}

/** A treaty with a withdrawal notice on `noticeOn`, through the store: its deadline lands six months on. */
export async function givenTreatyWithNotice(id: string, noticeOn: string): Promise<void> {
  await createTreaty(benchTreaty(id), BENCH_WRITER, new Date());
  await addEvent(withdrawalNotice(id, noticeOn), new Date());
}

/** Through addEvent, one after another: the real write path (transaction, deadlines, event ref). */
export async function addEventsThroughStore(treatyId: string, from: number, count: number): Promise<void> {
  for (let n = from; n < from + count; n++) await addEvent(statement(treatyId, n), new Date());
}

/**
 * In bulk, for the largest timeline: BatchWriteItem of the items addEvent writes (event and
 * event ref, built with the store's key builders), then one treaty change that records the
 * count. Statements feed no rule, so the treaty's deadlines are what addEvent would leave.
 */
export async function addEventsInBulk(treatyId: string, from: number, count: number): Promise<void> {
  const requests: WriteRequest[] = [];
  for (let n = from; n < from + count; n++) {
    const event = statement(treatyId, n);
    const key = eventKey(treatyId, event.date, event.id);
    requests.push({
      PutRequest: {
        Item: {
          ...stringAttributes({ ...key, entity: "event", type: event.type, party: event.party }),
          version: N(event.version),
          data: S(JSON.stringify(event)),
        },
      },
    });
    requests.push({
      PutRequest: {
        Item: stringAttributes({ ...eventRefKey(treatyId, event.id), entity: "eventref", eventSk: key.SK }),
      },
    });
  }
  const batches: WriteRequest[][] = [];
  for (let i = 0; i < requests.length; i += 25) batches.push(requests.slice(i, i + 25));
  await inParallel(batches, 8, async (batch) => {
    let pending: WriteRequest[] = batch;
    while (pending.length > 0) {
      const out = await dynamo.send(new BatchWriteItemCommand({ RequestItems: { [tableName]: pending } }));
      pending = out.UnprocessedItems?.[tableName] ?? [];
    }
  });
  const before = await getTreaty(treatyId, { consistent: true });
  const after = { ...before, eventCount: before.eventCount + count, version: before.version + 1 };
  await commitTreatyChange(before, after, [] as TransactWriteItem[], () => new Error("unexpected condition"));
}

export async function inParallel<T>(items: T[], width: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, items.length) }, async () => {
      while (next < items.length) {
        const item = items[next++] as T;
        await work(item);
      }
    }),
  );
}
