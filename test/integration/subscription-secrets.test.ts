import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { PutItemCommand, QueryCommand } from "@aws-sdk/client-dynamodb";
import { Webhook } from "standardwebhooks";
import { afterEach, describe, expect, inject, it } from "vitest";
import { handler as createSubscription } from "../../functions/create-subscription.ts";
import { handler as deleteSubscription } from "../../functions/delete-subscription.ts";
import { handler as listDeliveries } from "../../functions/list-deliveries.ts";
import { handler as listSubscriptions } from "../../functions/list-subscriptions.ts";
import { handler as rotateSecret } from "../../functions/rotate-subscription-secret.ts";
import { handler as sendReminders } from "../../functions/send-reminders.ts";
import { newSubscriptionSecret } from "../../lib/reminders/signature.ts";
import { dynamo, tableName } from "../../lib/store/client.ts";
import { getSubscription, rotateSubscriptionSecret } from "../../lib/store/subscriptions.ts";
import { givenEvent, givenTreaty } from "../support/fixtures.ts";
import { call, sampleEvent } from "../support/lambda.ts";

/**
 * Secret rotation and the delivery log, in-process against DynamoDB Local with a loopback
 * receiver. Deadlines fall in 2043, a year no other test file runs the job in.
 */
interface Received {
  headers: IncomingHttpHeaders;
  raw: string;
}

const cleanup: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function givenReceiver(answers: number[] = []) {
  const received: Received[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      received.push({ headers: request.headers, raw: Buffer.concat(chunks).toString("utf8") });
      const status = answers.shift() ?? 200;
      response.writeHead(status, { "content-type": "text/plain" }).end(status < 300 ? "ok" : "down for maintenance");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  cleanup.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, received };
}

/** Notice on 5 March 2043: the exit is on 5 September 2043. */
async function givenSubscription(url: string, offsetsDays: number[]) {
  const treatyId = await givenTreaty();
  await givenEvent(treatyId, { date: "2043-03-05" });
  const answer = await call(
    createSubscription,
    sampleEvent("create-subscription.json", { body: { url, treatyId, offsetsDays } }),
  );
  expect(answer.status).toBe(201);
  const { id, secret } = answer.body as { id: string; secret: string };
  cleanup.push(() =>
    call(deleteSubscription, sampleEvent("delete-subscription.json", { path: { subscriptionId: id } })),
  );
  return { id, secret, treatyId };
}

const key = () => ({ "x-api-key": inject("apiKey") });

const rotate = (subscriptionId: string, change: { body?: unknown; withKey?: boolean } = {}) =>
  call(rotateSecret, sampleEvent("rotate-subscription-secret.json", { path: { subscriptionId }, ...change }));

const deliveries = (
  subscriptionId: string,
  query: Record<string, string> | null = null,
  headers: Record<string, string> = key(),
) => call(listDeliveries, sampleEvent("list-deliveries.json", { path: { subscriptionId }, query, headers }));

const verifies = (secret: string, request: Received) => {
  try {
    new Webhook(secret).verify(request.raw, request.headers as Record<string, string>);
    return true;
  } catch {
    return false;
  }
};

describe("rotating a subscription's secret", () => {
  it("shows the new secret once, signs with old and new for 24 hours, then with the new alone", async () => {
    const receiver = await givenReceiver();
    const subscription = await givenSubscription(receiver.url, [7, 1]);

    const rotated = await rotate(subscription.id);
    expect(rotated.status).toBe(200);
    expect(rotated.headers["cache-control"]).toBe("no-store");
    const { secret: fresh, rotatedAt, previousSecretExpiresAt } = rotated.body;
    expect(fresh).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(fresh).not.toBe(subscription.secret);
    expect(Date.parse(previousSecretExpiresAt) - Date.parse(rotatedAt)).toBe(24 * 60 * 60 * 1000);
    const listed = await call(listSubscriptions, sampleEvent("list-subscriptions.json", { headers: key() }));
    expect(listed.text).not.toContain(fresh);
    expect(listed.text).not.toContain(subscription.secret);

    // Within the 24 hours: two signatures, each verified by the reference library on its own.
    await sendReminders({ now: "2043-08-29T06:00:00Z" });
    expect(receiver.received).toHaveLength(1);
    const [during] = receiver.received as [Received];
    expect(String(during.headers["webhook-signature"]).split(" ")).toHaveLength(2);
    expect(verifies(fresh, during)).toBe(true);
    expect(verifies(subscription.secret, during)).toBe(true);

    // A rotation made 25 hours ago: its previous secret has stopped signing.
    const third = newSubscriptionSecret();
    await rotateSubscriptionSecret(subscription.id, third, {
      now: new Date(Date.now() - 25 * 60 * 60 * 1000),
      overlapMs: 24 * 60 * 60 * 1000,
    });
    await sendReminders({ now: "2043-09-04T06:00:00Z" });
    expect(receiver.received).toHaveLength(2);
    const after = receiver.received[1] as Received;
    expect(String(after.headers["webhook-signature"]).split(" ")).toHaveLength(1);
    expect(verifies(third, after)).toBe(true);
    expect(verifies(fresh, after)).toBe(false);
    expect(verifies(subscription.secret, after)).toBe(false);
  });

  it("keeps both of two concurrent rotations' secrets in order: one current, the other previous", async () => {
    const receiver = await givenReceiver();
    const subscription = await givenSubscription(receiver.url, [7]);
    const [a, b] = await Promise.all([rotate(subscription.id), rotate(subscription.id)]);
    expect([a?.status, b?.status]).toEqual([200, 200]);
    const stored = await getSubscription(subscription.id, { consistent: true });
    const handedOut = [a?.body.secret, b?.body.secret];
    expect(handedOut).toContain(stored?.secret);
    expect(handedOut).toContain(stored?.previousSecret);
    expect(stored?.secret).not.toBe(stored?.previousSecret);
  });

  it("refuses without a key (401), for an unknown subscription (404), and with fields in the body (400), changing nothing", async () => {
    const receiver = await givenReceiver();
    const subscription = await givenSubscription(receiver.url, [7]);
    expect((await rotate(subscription.id, { withKey: false })).status).toBe(401);
    const withBody = await rotate(subscription.id, { body: { secret: "whsec_mine" } });
    expect(withBody.status).toBe(400);
    expect(withBody.headers["content-type"]).toBe("application/problem+json");
    expect((await rotate("sub_doesnotexist000000000")).status).toBe(404);
    expect((await rotate("not-an-id")).status).toBe(404);
    expect((await getSubscription(subscription.id, { consistent: true }))?.secret).toBe(subscription.secret);
    expect((await rotate(subscription.id, { body: {} })).status).toBe(200);
  });
});

describe("what happened to my reminders", () => {
  it("lists each outcome newest first, with deadline, offset, attempts, the receiver's status or error, and lateness", async () => {
    const receiver = await givenReceiver([503, 503, 503]);
    const subscription = await givenSubscription(receiver.url, [7, 1]);
    await sendReminders({ now: "2043-08-29T06:00:00Z" }); // every attempt answered 503
    await sendReminders({ now: "2043-08-30T06:00:00Z" }); // the 7-day reminder, a day late
    await sendReminders({ now: "2043-09-04T06:00:00Z" }); // the 1-day reminder

    const answer = await deliveries(subscription.id);
    expect(answer.status).toBe(200);
    expect(answer.headers["cache-control"]).toBe("private, no-store");
    const deadline = { date: "2043-09-05", kind: "withdrawal_effective", party: "US" };
    const ids = receiver.received.map((r) => r.headers["webhook-id"]);
    expect(answer.body).toMatchObject({
      subscriptionId: subscription.id,
      nextCursor: null,
      deliveries: [
        {
          deliveryId: ids[4],
          treatyId: subscription.treatyId,
          deadline,
          offsetDays: 1,
          daysUntil: 1,
          late: false,
          attempts: 1,
          outcome: "delivered",
          receiverStatus: 200,
        },
        { deliveryId: ids[3], deadline, offsetDays: 7, daysUntil: 6, late: true, attempts: 1, outcome: "delivered" },
        {
          deliveryId: ids[0],
          deadline,
          offsetDays: 7,
          daysUntil: 7,
          late: false,
          attempts: 3,
          outcome: "failed",
          receiverStatus: 503,
          error: "HTTP 503: down for maintenance",
        },
      ],
    });
    const times = answer.body.deliveries.map((d: { at: string }) => d.at);
    expect([...times].sort().reverse()).toEqual(times);

    // Pages of two, by the cursor; a cursor is bound to its subscription.
    const first = await deliveries(subscription.id, { limit: "2" });
    expect(first.body.deliveries).toHaveLength(2);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await deliveries(subscription.id, { limit: "2", cursor: first.body.nextCursor });
    expect(second.body.deliveries.map((d: { deliveryId: string }) => d.deliveryId)).toEqual([ids[0]]);
    expect(second.body.nextCursor).toBeNull();
    const other = await givenSubscription(receiver.url, [30]);
    expect((await deliveries(other.id, { cursor: first.body.nextCursor })).status).toBe(400);
    expect((await deliveries(subscription.id, { cursor: `${first.body.nextCursor}x` })).status).toBe(400);

    // Entries expire through the table's TTL attribute, 90 days after their outcome.
    const { Items } = await dynamo.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: "PK = :pk AND begins_with(SK, :log)",
        ExpressionAttributeValues: { ":pk": { S: `SUBSCRIPTION#${subscription.id}` }, ":log": { S: "LOG#" } },
      }),
    );
    expect(Items).toHaveLength(3);
    for (const item of Items ?? []) {
      const at = JSON.parse(item.data?.S ?? "{}").at as string;
      expect(Number(item.expiresAt?.N)).toBe(Math.floor(Date.parse(at) / 1000) + 90 * 24 * 60 * 60);
    }
  });

  it("refuses without a key (401), for an unknown or deleted subscription (404), and a bad limit (400)", async () => {
    const receiver = await givenReceiver();
    const subscription = await givenSubscription(receiver.url, [7]);
    expect((await deliveries(subscription.id, null, {})).status).toBe(401);
    expect((await deliveries(subscription.id, { limit: "0" })).status).toBe(400);
    expect((await deliveries(subscription.id, { limit: "101" })).status).toBe(400);
    expect((await deliveries(subscription.id, { since: "2043" })).status).toBe(400);
    expect((await deliveries(subscription.id)).body.deliveries).toEqual([]);
    // DynamoDB removes expired items only eventually (and DynamoDB Local never): the listing skips them itself.
    await dynamo.send(
      new PutItemCommand({
        TableName: tableName,
        Item: {
          PK: { S: `SUBSCRIPTION#${subscription.id}` },
          SK: { S: "LOG#2026-01-01T00:00:00.000Z#dlv_expired" },
          entity: { S: "delivery-log" },
          data: { S: JSON.stringify({ at: "2026-01-01T00:00:00.000Z", deliveryId: "dlv_expired" }) },
          expiresAt: { N: String(Math.floor(Date.parse("2026-04-01T00:00:00Z") / 1000)) },
        },
      }),
    );
    expect((await deliveries(subscription.id)).body.deliveries).toEqual([]);
    expect((await deliveries("sub_doesnotexist000000000")).status).toBe(404);
    await call(
      deleteSubscription,
      sampleEvent("delete-subscription.json", { path: { subscriptionId: subscription.id } }),
    );
    const gone = await deliveries(subscription.id);
    expect(gone.status).toBe(404);
    expect(gone.headers["content-type"]).toBe("application/problem+json");
  });
});
