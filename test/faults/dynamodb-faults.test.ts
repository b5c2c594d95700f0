import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from "aws-lambda";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { deriveDeadlines } from "#domain/deadlines";
import type { TimelineEvent, Treaty } from "#domain/types";
import { type RunningDynamoDb, startDynamoDbLocal } from "../../scripts/local/dynamodb-local.ts";
import { ensureTable } from "../../scripts/local/stack.ts";
import { type Answer, call, eventInput, sampleEvent, treatyInput, uniqueId } from "../support/lambda.ts";
import { type FaultyProxy, startFaultyProxy } from "./proxy.ts";

/**
 * The service when DynamoDB fails under it. This file runs its own DynamoDB Local (on
 * disk, so a restart keeps the data) behind a proxy that drops connections, and points
 * the handlers at the proxy before importing them: the store reads its endpoint once,
 * at module load, and vitest gives each test file its own modules.
 */
type Handler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

let dataDir = "";
let dynamo: RunningDynamoDb | undefined;
let proxy: FaultyProxy | undefined;
let addEvent: Handler;
let createTreaty: Handler;
let getTreaty: Handler;
let listHistory: Handler;
let listDeadlinesBetween: typeof import("../../lib/store/deadlines.ts").listDeadlinesBetween;

/** A request must be answered within this, whatever DynamoDB does: the Lambda itself has 10 s. */
const ANSWER_BUDGET_MS = 6_000;

beforeAll(async () => {
  // Every 503 is logged as a server fault with its stack; here they are the point, not news.
  vi.spyOn(console, "error").mockImplementation(() => {});
  dataDir = mkdtempSync(join(tmpdir(), "treaty-clock-faults-"));
  dynamo = await startDynamoDbLocal({ dbPath: dataDir });
  proxy = await startFaultyProxy(dynamo.port);
  const tableName = `treaty-clock-faults-${uniqueId()}`;
  process.env.AWS_ENDPOINT_URL_DYNAMODB = proxy.endpoint;
  // The production budget, not the relaxed one the rest of the local suite uses.
  process.env.DYNAMODB_REQUEST_TIMEOUT_MS = "1500";
  process.env.TABLE_NAME = tableName;
  await ensureTable(dynamo.endpoint, tableName);
  const { provisionApiKey } = await import("../../scripts/local/api-key.ts");
  await provisionApiKey(inject("apiKey"), "fault tests");
  addEvent = (await import("../../functions/add-event.ts")).handler;
  createTreaty = (await import("../../functions/create-treaty.ts")).handler;
  getTreaty = (await import("../../functions/get-treaty.ts")).handler;
  listHistory = (await import("../../functions/list-history.ts")).handler;
  listDeadlinesBetween = (await import("../../lib/store/deadlines.ts")).listDeadlinesBetween;
}, 120_000);

afterAll(async () => {
  // Each stop on its own: one failing must not leave the others running.
  await Promise.allSettled([proxy?.stop(), dynamo?.stop()]);
  rmSync(dataDir, { recursive: true, force: true });
  vi.restoreAllMocks();
});

async function timed(handler: Handler, event: APIGatewayProxyEventV2): Promise<Answer & { ms: number }> {
  const started = performance.now();
  const answer = await call(handler, event);
  return { ...answer, ms: performance.now() - started };
}

const post = (treatyId: string, title: string) =>
  timed(addEvent, sampleEvent("add-event.json", { path: { treatyId }, body: eventInput({ title, party: "US" }) }));
const readTreaty = (treatyId: string) => timed(getTreaty, sampleEvent("get-treaty.json", { path: { treatyId } }));

async function newTreaty(): Promise<string> {
  const id = uniqueId("fault");
  const answer = await call(createTreaty, sampleEvent("create-treaty.json", { body: treatyInput(id) }));
  expect(answer.status).toBe(201);
  return id;
}

function expectUnavailable(answer: Answer & { ms: number }) {
  expect(answer.status, answer.text).toBe(503);
  expect(answer.headers["content-type"]).toBe("application/problem+json");
  expect(Number(answer.headers["retry-after"])).toBeGreaterThan(0);
  expect(answer.body).toMatchObject({ status: 503, title: "Service temporarily unavailable" });
  expect(answer.ms).toBeLessThan(ANSWER_BUDGET_MS);
}

async function wholeHistory(treatyId: string): Promise<Array<TimelineEvent & { id: string; title: string }>> {
  const answer = await call(
    listHistory,
    sampleEvent("list-history.json", { path: { treatyId }, query: { limit: "200" } }),
  );
  expect(answer.status).toBe(200);
  expect(answer.body.nextCursor).toBeNull();
  return answer.body.events;
}

/**
 * Nothing half-written: the treaty's count matches its timeline, its deadlines are the
 * ones its timeline derives, and the deadline index holds exactly those.
 */
async function expectWhole(treatyId: string) {
  const treaty = await readTreaty(treatyId);
  expect(treaty.status).toBe(200);
  const events = await wholeHistory(treatyId);
  expect(treaty.body.eventCount).toBe(events.length);
  const { deadlines, eventCount, version, createdAt, updatedAt, ...definition } = treaty.body;
  const derived = deriveDeadlines(definition as Treaty, events);
  expect(treaty.body.deadlines).toEqual(JSON.parse(JSON.stringify(derived)));
  // The test treaties' deadlines fall in 2019-2020 (notices dated 2019).
  const indexed = (await listDeadlinesBetween("2019-01-01", "2021-12-31"))
    .filter((entry) => entry.treatyId === treatyId)
    .map((entry) => entry.deadline);
  expect(indexed).toEqual(expect.arrayContaining(treaty.body.deadlines));
  expect(indexed).toHaveLength(treaty.body.deadlines.length);
  return events;
}

describe("DynamoDB behind a proxy that drops connections", () => {
  it("answers 503 with Retry-After while connections are reset, then writes again once they are not", async () => {
    if (!proxy) throw new Error("no proxy");
    const treatyId = await newTreaty();
    expect((await post(treatyId, "Before the outage")).status).toBe(201);

    proxy.setMode("reset");
    const during = [];
    for (let i = 0; i < 4; i++) during.push(await post(treatyId, `During the outage ${i}`));
    during.push(await readTreaty(treatyId));
    for (const answer of during) expectUnavailable(answer);

    proxy.setMode("pass");
    expect((await post(treatyId, "After the outage")).status).toBe(201);
    const events = await expectWhole(treatyId);
    expect(events.map((e) => e.title).sort()).toEqual(["After the outage", "Before the outage"]);
  }, 60_000);

  it("answers 503 within the budget when DynamoDB accepts connections but never answers", async () => {
    if (!proxy) throw new Error("no proxy");
    const treatyId = await newTreaty();
    proxy.setMode("blackhole");
    const answers = [await readTreaty(treatyId), await post(treatyId, "Into the void")];
    proxy.setMode("pass");
    for (const answer of answers) expectUnavailable(answer);
    const events = await expectWhole(treatyId);
    expect(events).toHaveLength(0);
  }, 60_000);

  it("leaves exactly one whole event when a transaction commits but its answer is lost", async () => {
    if (!proxy) throw new Error("no proxy");
    const treatyId = await newTreaty();
    proxy.setMode("lose-transaction-answers");
    const lost = await post(treatyId, "Committed in the dark");
    proxy.setMode("pass");
    expectUnavailable(lost);
    // DynamoDB did commit, and the SDK's retries carried the same ClientRequestToken:
    // the event is there once, whole, with its deadline, though the client heard 503.
    const events = await expectWhole(treatyId);
    expect(events.filter((e) => e.title === "Committed in the dark")).toHaveLength(1);
    expect((await post(treatyId, "Next")).status).toBe(201);
    await expectWhole(treatyId);
  }, 60_000);
});

describe("DynamoDB Local stopped mid-run", () => {
  it("answers 503 quickly while the database is down, recovers when it is back, and loses no acknowledged write", async () => {
    if (!proxy || !dynamo) throw new Error("no database");
    const treatyId = await newTreaty();
    const acknowledged: string[] = [];
    const statuses: number[] = [];
    let restarted = false;
    let recovered = false;
    let n = 0;
    const writer = (async () => {
      const giveUp = Date.now() + 60_000;
      while (!recovered && Date.now() < giveUp) {
        const answer = await post(treatyId, `Write ${n++}`);
        statuses.push(answer.status);
        expect(answer.ms).toBeLessThan(ANSWER_BUDGET_MS);
        if (answer.status === 201) {
          acknowledged.push(answer.body.id);
          if (restarted) recovered = true;
        } else expectUnavailable(answer);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();

    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const port = dynamo.port;
    await dynamo.stop();
    const down = [];
    for (let i = 0; i < 3; i++) down.push(await readTreaty(treatyId));
    for (const answer of down) expectUnavailable(answer);

    dynamo = await startDynamoDbLocal({ port, dbPath: dataDir });
    restarted = true;
    await writer;

    expect(recovered).toBe(true);
    expect(statuses).toContain(503);
    expect(statuses).not.toContain(500);
    const events = await expectWhole(treatyId);
    const stored = new Set(events.map((e) => e.id));
    expect(acknowledged.filter((id) => !stored.has(id))).toEqual([]);
    // A write that got 503 may have committed before the database went away; never more than once.
    expect(events.length - acknowledged.length).toBeLessThanOrEqual(statuses.filter((s) => s === 503).length);
  }, 90_000);
});
