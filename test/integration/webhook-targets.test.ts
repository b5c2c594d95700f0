import { randomBytes } from "node:crypto";
import { createServer as createHttpServer } from "node:http";
import net, { type AddressInfo, createServer as createTcpServer } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { handler as createSubscription } from "../../functions/create-subscription.ts";
import { handler as deleteSubscription } from "../../functions/delete-subscription.ts";
import { handler as listDeliveries } from "../../functions/list-deliveries.ts";
import { handler as listSubscriptions } from "../../functions/list-subscriptions.ts";
import { handler as sendReminders } from "../../functions/send-reminders.ts";
import { postJson } from "../../lib/reminders/delivery.ts";
import { newSubscriptionSecret } from "../../lib/reminders/signature.ts";
import { type ResolveHost, useResolver, useWebhookPolicy } from "../../lib/reminders/webhook-target.ts";
import { maskWebhookUrl } from "../../lib/reminders/webhook-url.ts";
import { putSubscription } from "../../lib/store/subscriptions.ts";
import { givenEvent, givenTreaty } from "../support/fixtures.ts";
import { call, sampleEvent } from "../support/lambda.ts";
import { ACCEPTED_URLS, DEPLOYED_POLICY, DNS, fakeDns, PUBLIC_V4, REFUSED_URLS } from "../support/webhook-urls.ts";

/**
 * Where reminders may go, checked at both ends: the subscription handler (422 naming `url`,
 * nothing stored) and the delivery job (refused before any connection), with a deployed
 * stage's rules and a resolver the test controls. The job runs as of 2047, a year no other
 * test file uses, so no other run touches these subscriptions.
 */
const created: string[] = [];
const undo: Array<() => void> = [];

function rules(policy = DEPLOYED_POLICY, resolver: ResolveHost = fakeDns()) {
  undo.push(useWebhookPolicy(policy), useResolver(resolver));
}

afterEach(async () => {
  for (const restore of undo.splice(0).reverse()) restore();
  for (const id of created.splice(0))
    await call(deleteSubscription, sampleEvent("delete-subscription.json", { path: { subscriptionId: id } }));
});

async function subscribe(body: Record<string, unknown>) {
  const answer = await call(createSubscription, sampleEvent("create-subscription.json", { body }));
  if (answer.status === 201) created.push(answer.body.id);
  return answer;
}

async function storedWithUrl(url: string): Promise<number> {
  const answer = await call(
    listSubscriptions,
    sampleEvent("list-subscriptions.json", { headers: { "x-api-key": inject("apiKey") } }),
  );
  return answer.body.subscriptions.filter((s: { url: string }) => s.url === maskWebhookUrl(url)).length;
}

async function deliveriesOf(subscriptionId: string) {
  const answer = await call(
    listDeliveries,
    sampleEvent("list-deliveries.json", {
      path: { subscriptionId },
      query: null,
      headers: { "x-api-key": inject("apiKey") },
    }),
  );
  expect(answer.status).toBe(200);
  return answer.body.deliveries as Array<Record<string, unknown>>;
}

/** A treaty of this file's own: notice on 3 February 2047, so the exit is on 3 August 2047. */
async function givenTreaty2047(): Promise<string> {
  const treatyId = await givenTreaty();
  await givenEvent(treatyId, { date: "2047-02-03" });
  return treatyId;
}
const RUN_AT = "2047-07-27T06:00:00Z";

/** Every outgoing TCP connection of this process, except those to DynamoDB Local. */
function watchConnections() {
  const dynamoPort = Number(new URL(inject("dynamoEndpoint")).port);
  const seen: Array<{ host?: string; port?: number }> = [];
  const original = net.Socket.prototype.connect;
  const spy = vi.spyOn(net.Socket.prototype, "connect").mockImplementation(function (
    this: net.Socket,
    ...args: unknown[]
  ) {
    // net.connect() hands the socket its normalised arguments as an array: [options, callback].
    const first = Array.isArray(args[0]) ? args[0][0] : args[0];
    const options = (typeof first === "object" && first !== null ? first : { port: first, host: args[1] }) as {
      host?: string;
      port?: number | string;
    };
    if (Number(options.port) !== dynamoPort) seen.push({ host: options.host, port: Number(options.port) });
    return (original as (...a: unknown[]) => net.Socket).apply(this, args);
  });
  return { seen, restore: () => spy.mockRestore() };
}

describe("a webhook that points inward is refused when subscribing (422 naming url, nothing stored)", () => {
  it.each(REFUSED_URLS)("refuses %s (%s)", async (url) => {
    rules();
    const answer = await subscribe({ url });
    expect(answer.status).toBe(422);
    expect(answer.headers["content-type"]).toBe("application/problem+json");
    expect(answer.body).toMatchObject({ status: 422, title: "Webhook not allowed", errors: [{ path: "url" }] });
    expect(await storedWithUrl(url)).toBe(0);
  });

  it.each(ACCEPTED_URLS)("accepts %s (%s)", async (url) => {
    rules();
    // A treaty without deadlines: no run anywhere ever posts to these.
    const answer = await subscribe({ url, treatyId: await givenTreaty() });
    expect(answer.status).toBe(201);
    expect(await storedWithUrl(url)).toBe(1);
  });
});

describe("a webhook that points inward at delivery time is never contacted", () => {
  const treatyIds: string[] = [];
  beforeAll(async () => {
    treatyIds.push(await givenTreaty2047());
  });

  it("refuses every URL of the table at delivery, before any connection, and logs why", async () => {
    const [treatyId] = treatyIds as [string];
    // Stored as a record from before these rules would be: straight into the table.
    const ids = new Map<string, string>();
    for (const [url] of REFUSED_URLS) {
      const id = `sub_${randomBytes(12).toString("base64url")}`;
      await putSubscription({
        id,
        url,
        treatyId,
        offsetsDays: [7],
        secret: newSubscriptionSecret(),
        createdAt: new Date().toISOString(),
      });
      created.push(id);
      ids.set(url, id);
    }
    rules();
    const connections = watchConnections();
    try {
      await sendReminders({ now: RUN_AT });
    } finally {
      connections.restore();
    }
    expect(connections.seen).toEqual([]);
    for (const [url, id] of ids) {
      const deliveries = await deliveriesOf(id);
      expect(deliveries, url).toHaveLength(1);
      expect(deliveries[0], url).toMatchObject({
        outcome: "refused",
        attempts: 0,
        treatyId,
        offsetDays: 7,
        daysUntil: 7,
        late: false,
        deadline: { date: "2047-08-03", kind: "withdrawal_effective", party: "US" },
        error: expect.stringMatching(/^URL not allowed here: it (must|names)/),
      });
    }
  });

  it("does not contact a name that resolved to a public address at subscription and to 10.0.0.5 or 127.0.0.1 at delivery", async () => {
    const [treatyId] = treatyIds as [string];
    const listener = createTcpServer((socket) => {
      contacted++;
      socket.destroy();
    });
    let contacted = 0;
    await new Promise<void>((resolve) => listener.listen(0, "127.0.0.1", resolve));
    const port = (listener.address() as AddressInfo).port;
    const policy = { allowLoopback: false, allowedPorts: [443, port] };
    try {
      const dns = { ...DNS, "rebind.newsroom.test": [PUBLIC_V4], "rebind-local.newsroom.test": [PUBLIC_V4] };
      rules(policy, fakeDns(dns));
      const toPrivate = await subscribe({ url: `https://rebind.newsroom.test:${port}/hook`, treatyId });
      const toLoopback = await subscribe({ url: `https://rebind-local.newsroom.test:${port}/hook`, treatyId });
      expect([toPrivate.status, toLoopback.status]).toEqual([201, 201]);

      // Between subscription and delivery, the names are rebound inward.
      dns["rebind.newsroom.test"] = ["10.0.0.5"];
      dns["rebind-local.newsroom.test"] = ["127.0.0.1"];
      const connections = watchConnections();
      try {
        await sendReminders({ now: RUN_AT });
      } finally {
        connections.restore();
      }
      expect(connections.seen).toEqual([]);
      expect(contacted).toBe(0);
      expect(await deliveriesOf(toPrivate.body.id)).toMatchObject([
        { outcome: "refused", attempts: 0, error: expect.stringContaining("resolves to 10.0.0.5, a private") },
      ]);
      expect(await deliveriesOf(toLoopback.body.id)).toMatchObject([
        { outcome: "refused", attempts: 0, error: expect.stringContaining("resolves to 127.0.0.1, a loopback") },
      ]);
    } finally {
      await new Promise<void>((resolve) => listener.close(() => resolve()));
    }
  });

  it("connects an accepted name to the address it checked, with the name kept for TLS (SNI)", async () => {
    const [treatyId] = treatyIds as [string];
    const helloes: Buffer[] = [];
    const sniffer = createTcpServer((socket) => {
      // The TLS ClientHello names the server in clear; answer nothing and hang up.
      socket.once("data", (chunk: Buffer) => {
        helloes.push(chunk);
        socket.destroy();
      });
    });
    await new Promise<void>((resolve) => sniffer.listen(0, "127.0.0.1", resolve));
    const port = (sniffer.address() as AddressInfo).port;
    try {
      // Loopback allowed, as in local runs; DNS would never answer for this name.
      const dns = { "pinned.newsroom.test": ["127.0.0.1"] };
      rules({ allowLoopback: true, allowedPorts: [443, port] }, fakeDns(dns));
      const answer = await subscribe({ url: `https://pinned.newsroom.test:${port}/hook`, treatyId });
      expect(answer.status).toBe(201);
      // The same watch that saw nothing above sees this connection: it is not blind.
      const connections = watchConnections();
      try {
        await sendReminders({ now: RUN_AT });
      } finally {
        connections.restore();
      }
      expect(connections.seen).toContainEqual({ host: "pinned.newsroom.test", port });
      expect(helloes.length).toBeGreaterThanOrEqual(1);
      expect(helloes[0]?.includes(Buffer.from("pinned.newsroom.test"))).toBe(true);
      const [delivery] = await deliveriesOf(answer.body.id);
      expect(delivery).toMatchObject({ outcome: "failed", attempts: 3 });
    } finally {
      await new Promise<void>((resolve) => sniffer.close(() => resolve()));
    }
  });
});

describe("posting to a checked target", () => {
  const servers: Array<{ close(cb: () => void): unknown }> = [];
  afterAll(async () => {
    for (const server of servers) await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  async function receiver(status: number, headers: Record<string, string> = {}) {
    const seen: Array<{ host?: string; path?: string }> = [];
    const server = createHttpServer((request, response) => {
      seen.push({ host: request.headers.host, path: request.url });
      request.resume();
      request.on("end", () => response.writeHead(status, headers).end("ok"));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    servers.push(server);
    return { seen, port: (server.address() as AddressInfo).port };
  }

  it("sends the host name in Host while connecting to the checked address, without a lookup", async () => {
    const hook = await receiver(204);
    const url = new URL(`http://never-resolved.newsroom.test:${hook.port}/hook?x=1`);
    const result = await postJson({ url, host: url.hostname, address: "127.0.0.1", family: 4 }, "{}", () => ({
      "webhook-id": "dlv_test",
    }));
    expect(result).toEqual({ acknowledged: true, attempts: 1, status: 204 });
    expect(hook.seen).toEqual([{ host: `never-resolved.newsroom.test:${hook.port}`, path: "/hook?x=1" }]);
  });

  it("never follows a redirect", async () => {
    const elsewhere = await receiver(204);
    const moved = await receiver(302, { location: `http://127.0.0.1:${elsewhere.port}/inside` });
    const url = new URL(`http://127.0.0.1:${moved.port}/hook`);
    const result = await postJson({ url, host: "127.0.0.1", address: "127.0.0.1", family: 4 }, "{}", () => ({}));
    expect(result).toMatchObject({ acknowledged: false, attempts: 1, status: 302 });
    expect(elsewhere.seen).toEqual([]);
  });
});
