import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { handler as createSubscription } from "../../functions/create-subscription.ts";
import { handler as deleteSubscription } from "../../functions/delete-subscription.ts";
import { handler as listSubscriptions } from "../../functions/list-subscriptions.ts";
import { useResolver } from "../../lib/reminders/webhook-target.ts";
import { givenTreaty } from "../support/fixtures.ts";
import { call, sampleEvent, uniqueId } from "../support/lambda.ts";

const created: string[] = [];

async function subscribe(body: unknown, options: { withKey?: boolean } = {}) {
  const answer = await call(createSubscription, sampleEvent("create-subscription.json", { body, ...options }));
  if (answer.status === 201) created.push(answer.body.id);
  return answer;
}

const list = (headers: Record<string, string> = { "x-api-key": inject("apiKey") }) =>
  call(listSubscriptions, sampleEvent("list-subscriptions.json", { headers }));

const remove = (subscriptionId: string, withKey = true) =>
  call(deleteSubscription, sampleEvent("delete-subscription.json", { path: { subscriptionId }, withKey }));

async function listedIds(): Promise<string[]> {
  return (await list()).body.subscriptions.map((s: { id: string }) => s.id);
}

/** Other test files subscribe at the same time, so "stores nothing" looks for this test's own host. */
async function storedFor(host: string): Promise<number> {
  return (await list()).body.subscriptions.filter((s: { url: string }) => s.url.includes(`//${host}`)).length;
}

// Tests cannot reach public DNS: every name here resolves to one public address.
let restoreResolver = () => {};
beforeAll(() => {
  restoreResolver = useResolver(async () => [{ address: "93.184.216.34", family: 4 }]);
});
afterAll(() => restoreResolver());

// Subscriptions are global: remove this file's, so the reminder job never posts to them later.
afterEach(async () => {
  for (const id of created.splice(0)) await remove(id);
});

describe("reminder subscriptions (in-process against DynamoDB Local)", () => {
  it("creates a subscription with the default offsets and shows its secret only in the 201", async () => {
    const treatyId = await givenTreaty();
    const answer = await subscribe({ url: "https://hooks.slack.com/services/T1/B2/secretpart", treatyId });
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({
      treatyId,
      url: "https://hooks.slack.com/services/T1/B2/secretpart",
      offsetsDays: [30, 7, 1, 0],
    });
    expect(answer.body.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(answer.headers.location).toBe(`/subscriptions/${answer.body.id}`);

    const listed = (await list()).body.subscriptions.find((s: { id: string }) => s.id === answer.body.id);
    expect(listed).toEqual({
      id: answer.body.id,
      url: "https://hooks.slack.com/…",
      treatyId,
      offsetsDays: [30, 7, 1, 0],
      createdAt: answer.body.createdAt,
    });
    expect(JSON.stringify((await list()).body)).not.toContain(answer.body.secret);
    expect(JSON.stringify((await list()).body)).not.toContain("secretpart");
  });

  it("subscribes to every treaty when no treatyId is given, with a label and its own offsets", async () => {
    const answer = await subscribe({
      url: "https://newsroom.example/hooks/treaties",
      offsetsDays: [1, 14],
      label: "Desk",
    });
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({ offsetsDays: [14, 1], label: "Desk" });
    expect(answer.body.treatyId).toBeUndefined();
    const listed = (await list()).body.subscriptions.find((s: { id: string }) => s.id === answer.body.id);
    expect(listed).toMatchObject({ treatyId: null, label: "Desk", url: "https://newsroom.example/…" });
  });

  it("accepts plain http to a loopback receiver when running locally", async () => {
    const treatyId = await givenTreaty();
    const answer = await subscribe({ url: "http://127.0.0.1:9/hook", treatyId });
    expect(answer.status).toBe(201);
  });

  it.each([
    ["plain http to another host", (host: string) => ({ url: `http://${host}/services/T1/B2/X` }), "url"],
    ["an ftp URL", (host: string) => ({ url: `ftp://${host}/drop` }), "url"],
    ["a URL with credentials", (host: string) => ({ url: `https://user:pass@${host}/x` }), "url"],
    ["a URL longer than 2048 characters", (host: string) => ({ url: `https://${host}/${"a".repeat(2040)}` }), "url"],
    ["something that is not a URL", (host: string) => ({ url: `${host}/services` }), "url"],
    ["an offset below zero", (host: string) => ({ url: `https://${host}/h`, offsetsDays: [7, -1] }), "offsetsDays.1"],
    ["an offset over a year", (host: string) => ({ url: `https://${host}/h`, offsetsDays: [366] }), "offsetsDays.0"],
    ["a fractional offset", (host: string) => ({ url: `https://${host}/h`, offsetsDays: [1.5] }), "offsetsDays.0"],
    ["a repeated offset", (host: string) => ({ url: `https://${host}/h`, offsetsDays: [7, 7] }), "offsetsDays"],
    ["no offsets at all", (host: string) => ({ url: `https://${host}/h`, offsetsDays: [] }), "offsetsDays"],
    [
      "eleven offsets",
      (host: string) => ({ url: `https://${host}/h`, offsetsDays: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10] }),
      "offsetsDays",
    ],
    ["a label of 121 characters", (host: string) => ({ url: `https://${host}/h`, label: "x".repeat(121) }), "label"],
    ["an unknown field", (host: string) => ({ url: `https://${host}/h`, secret: "mine" }), "(root)"],
  ])("refuses %s with 400 and stores nothing", async (_, body, path) => {
    const host = `${uniqueId("h")}.example.org`;
    const answer = await subscribe(body(host));
    expect(answer.status).toBe(400);
    expect(answer.headers["content-type"]).toBe("application/problem+json");
    expect(answer.body.errors.map((e: { path: string }) => e.path)).toContain(path);
    expect(await storedFor(host)).toBe(0);
  });

  it("refuses a subscription to a treaty that is not on record with 422 and stores nothing", async () => {
    const host = `${uniqueId("h")}.example.org`;
    const answer = await subscribe({ url: `https://${host}/h`, treatyId: "no-such-treaty-here" });
    expect(answer.status).toBe(422);
    expect(answer.body).toMatchObject({ title: "Unknown treaty", errors: [{ path: "treatyId" }] });
    expect(await storedFor(host)).toBe(0);
  });

  it("refuses creating, listing and deleting without an API key (401), and stores or deletes nothing", async () => {
    const host = `${uniqueId("h")}.example.org`;
    expect((await subscribe({ url: `https://${host}/h` }, { withKey: false })).status).toBe(401);
    expect(await storedFor(host)).toBe(0);
    expect((await list({})).status).toBe(401);
    expect((await list({ "x-api-key": "not-a-key" })).status).toBe(401);
    const kept = await subscribe({ url: `https://${host}/h`, treatyId: await givenTreaty() });
    expect((await remove(kept.body.id, false)).status).toBe(401);
    expect(await listedIds()).toContain(kept.body.id);
  });

  it("deletes a subscription (204), then answers 404 for it", async () => {
    const answer = await subscribe({ url: "https://example.org/h", treatyId: await givenTreaty() });
    expect((await remove(answer.body.id)).status).toBe(204);
    expect(await listedIds()).not.toContain(answer.body.id);
    const again = await remove(answer.body.id);
    expect(again.status).toBe(404);
    expect(again.headers["content-type"]).toBe("application/problem+json");
    expect((await remove("not-an-id")).status).toBe(404);
  });
});
