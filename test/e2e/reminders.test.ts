import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { handler as sendReminders } from "../../functions/send-reminders.ts";
import { eventInput, treatyInput, uniqueId } from "../support/lambda.ts";

/** Subscriptions over HTTP against the started API; the scheduled job runs in-process on the same table. */
const base = inject("apiUrl");
const key = inject("apiKey");

async function request(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = { "x-api-key": key },
) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { "content-type": "application/json" }), ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return {
    status: response.status,
    type: response.headers.get("content-type"),
    body: text ? JSON.parse(text) : undefined,
  };
}

const received: Array<{ headers: IncomingHttpHeaders; raw: string }> = [];
const receiver = createServer((req, res) => {
  let raw = "";
  req.on("data", (chunk: Buffer) => {
    raw += chunk.toString("utf8");
  });
  req.on("end", () => {
    received.push({ headers: req.headers, raw });
    res.writeHead(204).end();
  });
});
let receiverUrl = "";

beforeAll(async () => {
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
});
afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));

describe("reminder subscriptions over HTTP", () => {
  it("subscribes a newsroom webhook, lists it masked, reminds it signed, and stops after DELETE", async () => {
    const treatyId = uniqueId();
    expect((await request("POST", "/treaties", treatyInput(treatyId))).status).toBe(201);
    expect((await request("POST", `/treaties/${treatyId}/events`, eventInput({ date: "2033-04-04" }))).status).toBe(
      201,
    );

    const subscription = await request("POST", "/subscriptions", { url: receiverUrl, treatyId, offsetsDays: [1, 0] });
    expect(subscription.status).toBe(201);
    const { id, secret } = subscription.body;

    const listed = await request("GET", "/subscriptions");
    expect(listed.status).toBe(200);
    const mine = listed.body.subscriptions.find((s: { id: string }) => s.id === id);
    expect(mine).toMatchObject({ url: `${new URL(receiverUrl).origin}/…`, treatyId, offsetsDays: [1, 0] });
    expect(JSON.stringify(listed.body)).not.toContain(secret);

    await sendReminders({ now: "2033-10-03T06:00:00Z" });
    expect(received).toHaveLength(1);
    const [reminder] = received;
    if (!reminder) throw new Error("no reminder received");
    // The receiver verifies with the Standard Webhooks reference library, as a newsroom would.
    const headers = reminder.headers as Record<string, string>;
    const payload = new Webhook(secret).verify(reminder.raw, headers);
    expect(headers["webhook-id"]).toBe((payload as { deliveryId: string }).deliveryId);
    vi.useFakeTimers({ now: Date.now() + 6 * 60 * 1000, toFake: ["Date"] });
    try {
      expect(() => new Webhook(secret).verify(reminder.raw, headers)).toThrow(/timestamp too old/);
    } finally {
      vi.useRealTimers();
    }
    expect(payload).toMatchObject({
      treaty: { id: treatyId },
      exitDate: "2033-10-04",
      daysUntil: 1,
    });

    // What happened, as the desk sees it over HTTP.
    const log = await request("GET", `/subscriptions/${id}/deliveries`);
    expect(log.status).toBe(200);
    expect(log.body.deliveries).toMatchObject([
      {
        deliveryId: headers["webhook-id"],
        treatyId,
        deadline: { date: "2033-10-04" },
        offsetDays: 1,
        attempts: 1,
        outcome: "delivered",
        receiverStatus: 204,
        late: false,
      },
    ]);
    expect((await request("GET", `/subscriptions/${id}/deliveries`, undefined, {})).status).toBe(401);

    // A rotation over HTTP: the new secret once, and the next reminder verifies with the old and the new.
    const rotated = await request("POST", `/subscriptions/${id}/secret`);
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).not.toBe(secret);
    await sendReminders({ now: "2033-10-04T06:00:00Z" });
    expect(received).toHaveLength(2);
    const next = received[1];
    if (!next) throw new Error("no second reminder");
    const nextHeaders = next.headers as Record<string, string>;
    expect(new Webhook(rotated.body.secret).verify(next.raw, nextHeaders)).toMatchObject({ daysUntil: 0 });
    expect(new Webhook(secret).verify(next.raw, nextHeaders)).toMatchObject({ daysUntil: 0 });

    expect((await request("DELETE", `/subscriptions/${id}`)).status).toBe(204);
    expect((await request("DELETE", `/subscriptions/${id}`)).status).toBe(404);
    expect((await request("GET", `/subscriptions/${id}/deliveries`)).status).toBe(404);
    await sendReminders({ now: "2033-10-05T06:00:00Z" });
    expect(received).toHaveLength(2);
  });

  it.each([
    "https://169.254.169.254/latest",
    "https://10.0.0.5/hook",
    "https://2852039166/latest",
    "https://[::ffff:169.254.169.254]/latest",
    "https://[fd00::1]/x",
    "https://example.org:22/x",
  ])("refuses %s with 422 problem+json naming url", async (url) => {
    const refused = await request("POST", "/subscriptions", { url });
    expect(refused.status).toBe(422);
    expect(refused.type).toBe("application/problem+json");
    expect(refused.body.errors).toEqual([{ path: "url", message: expect.any(String) }]);
  });

  it("refuses plain http to another host with 400 problem+json, and a request without a key with 401", async () => {
    const refused = await request("POST", "/subscriptions", { url: "http://hooks.example.org/x" });
    expect(refused.status).toBe(400);
    expect(refused.type).toBe("application/problem+json");
    expect((await request("GET", "/subscriptions", undefined, {})).status).toBe(401);
    expect((await request("POST", "/subscriptions", { url: "https://hooks.example.org/x" }, {})).status).toBe(401);
  });
});
