import {
  DynamoDBClient,
  QueryCommand,
  type QueryCommandInput,
  type QueryCommandOutput,
} from "@aws-sdk/client-dynamodb";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { TREATY_CATALOGUE, treatyKey } from "#store/keys";
import { eventInput, treatyInput, uniqueId } from "../support/lambda.ts";
import { checkAnswer, type FuzzRequest, httpRoutes, type Route, requestArbitrary, type Targets } from "./requests.ts";

/**
 * A smaller run of the same hostile requests over HTTP, through the API that the global
 * setup started (serverless-offline in front of the bundled functions). The table is
 * shared with the other tests, so "stores nothing" is checked on what this file owns: its
 * treaty's partition, item by item, and the treaty catalogue, which must gain no treaty
 * this fuzz sent.
 */
const RUNS_PER_ROUTE = Number(process.env.FUZZ_HTTP_RUNS ?? 50);
const base = inject("apiUrl");
const apiKey = inject("apiKey");
const tableName = inject("tableName");
const routes = httpRoutes();
const dynamo = new DynamoDBClient({
  endpoint: inject("dynamoEndpoint"),
  region: "eu-west-1",
  credentials: { accessKeyId: "local", secretAccessKey: "local" },
});
let targets: Targets;
let partitionBefore: string[] = [];
let catalogueBefore = new Set<string>();
/** Every treaty id a fuzzed body carried. */
const sentTreatyIds = new Set<string>();

async function queryAll(input: QueryCommandInput): Promise<NonNullable<QueryCommandOutput["Items"]>> {
  const items: NonNullable<QueryCommandOutput["Items"]> = [];
  let start: QueryCommandOutput["LastEvaluatedKey"];
  do {
    const page: QueryCommandOutput = await dynamo.send(new QueryCommand({ ...input, ExclusiveStartKey: start }));
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

async function partition(): Promise<string[]> {
  const items = await queryAll({
    TableName: tableName,
    KeyConditionExpression: "PK = :pk",
    ExpressionAttributeValues: { ":pk": { S: treatyKey(targets.treatyId).PK } },
    ConsistentRead: true,
  });
  return items.map((item) => JSON.stringify(item, Object.keys(item).sort())).sort();
}

async function catalogue(): Promise<Set<string>> {
  const items = await queryAll({
    TableName: tableName,
    IndexName: "GSI1",
    KeyConditionExpression: "GSI1PK = :catalogue",
    ExpressionAttributeValues: { ":catalogue": { S: TREATY_CATALOGUE } },
  });
  return new Set(items.map((item) => item.GSI1SK?.S ?? ""));
}

async function send(
  route: Route,
  request: FuzzRequest,
): Promise<{ status: number; type: string | null; text: string }> {
  let path = route.path;
  for (const [name, value] of Object.entries(request.pathParameters)) {
    path = path.replace(`{${name}}`, encodeURIComponent(value));
  }
  const query = request.query ? `?${new URLSearchParams(request.query).toString()}` : "";
  const withBody = request.body !== undefined && route.method !== "GET" && route.method !== "HEAD";
  if (withBody && request.body) {
    try {
      const id = (JSON.parse(request.body) as { id?: unknown }).id;
      if (typeof id === "string") sentTreatyIds.add(id);
    } catch {
      // not JSON: it cannot create anything
    }
  }
  const response = await fetch(`${base}${path}${query}`, {
    method: route.method,
    headers: request.headers,
    ...(withBody ? { body: request.body } : {}),
  });
  return { status: response.status, type: response.headers.get("content-type"), text: await response.text() };
}

async function post(path: string, body: unknown): Promise<{ status: number; body: { id?: string } }> {
  const response = await fetch(`${base}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-api-key": apiKey },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as { id?: string } };
}

beforeAll(async () => {
  const treatyId = uniqueId("fuzzhttp");
  expect((await post("/treaties", treatyInput(treatyId))).status).toBe(201);
  const added = await post(`/treaties/${treatyId}/events`, eventInput());
  expect(added.status).toBe(201);
  targets = { treatyId, eventId: added.body.id ?? "", apiKey, overHttp: true };
  partitionBefore = await partition();
  catalogueBefore = await catalogue();
}, 60_000);

afterAll(() => dynamo.destroy());

describe("hostile requests to every route, over HTTP", () => {
  for (const route of routes) {
    it(`${route.method} ${route.path} never answers 5xx and refuses with problem+json`, async () => {
      await fc.assert(
        fc.asyncProperty(requestArbitrary(route, targets), async (request) => {
          const answer = await send(route, request);
          expect(checkAnswer(answer.status, answer.type ?? undefined, answer.text)).toEqual([]);
          if (route.method !== "GET") expect(answer.status).toBeGreaterThanOrEqual(400);
        }),
        { numRuns: RUNS_PER_ROUTE, endOnFailure: true },
      );
    }, 60_000);
  }

  it("stored nothing: the fuzz treaty is unchanged and no treaty it sent exists", async () => {
    expect(await partition()).toEqual(partitionBefore);
    const added = [...(await catalogue())].filter((id) => !catalogueBefore.has(id));
    expect(added.filter((id) => sentTreatyIds.has(id) || id.startsWith(targets.treatyId))).toEqual([]);
  });
});
