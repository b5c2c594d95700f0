import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { handler as sendReminders } from "../../functions/send-reminders.ts";
import { apiClient, contract, type Schemas } from "../client/index.ts";
import { eventInput, treatyInput, uniqueId } from "../support/lambda.ts";

/**
 * Subscriptions over HTTP against the started API, through the typed client (test/client), so each answer is
 * held to the document; the scheduled job runs in-process on the same table.
 */
const base = inject("apiUrl");
const api = apiClient(base, inject("apiKey"));
const keyless = apiClient(base);

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
    const treaty = await api.POST("/treaties", { body: treatyInput(treatyId) as Schemas["TreatyInput"] });
    expect(treaty.response.status).toBe(201);
    const notice = await api.POST("/treaties/{treatyId}/events", {
      params: { path: { treatyId } },
      body: eventInput({ date: "2033-04-04" }) as Schemas["EventInput"],
    });
    expect(notice.response.status).toBe(201);

    const subscription = await api.POST("/subscriptions", {
      body: { url: receiverUrl, treatyId, offsetsDays: [1, 0] },
    });
    expect(subscription.response.status).toBe(201);
    if (!subscription.data) throw new Error(JSON.stringify(subscription.error));
    const { id, secret } = subscription.data;
    expect(subscription.data).toMatchObject({ url: receiverUrl, treatyId, offsetsDays: [1, 0] });
    const path = { subscriptionId: id };

    const listed = await api.GET("/subscriptions");
    expect(listed.response.status).toBe(200);
    const mine = listed.data?.subscriptions.find((s) => s.id === id);
    expect(mine).toMatchObject({ url: `${new URL(receiverUrl).origin}/…`, treatyId, offsetsDays: [1, 0] });
    expect(JSON.stringify(listed.data)).not.toContain(secret);

    await sendReminders({ now: "2033-10-03T06:00:00Z" });
    expect(received).toHaveLength(1);
    const [reminder] = received;
    if (!reminder) throw new Error("no reminder received");
    // The receiver verifies with the Standard Webhooks reference library, as a newsroom would.
    const headers = reminder.headers as Record<string, string>;
    const payload = new Webhook(secret).verify(reminder.raw, headers);
    expect(headers["webhook-id"]).toBe((payload as { deliveryId: string }).deliveryId);
    // The body is the document's `reminder` webhook, exactly.
    expect(contract.schemaBreach("Reminder", payload)).toBeUndefined();
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
    const log = await api.GET("/subscriptions/{subscriptionId}/deliveries", { params: { path } });
    expect(log.response.status).toBe(200);
    expect(log.data?.deliveries).toMatchObject([
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
    const withoutKey = await keyless.GET("/subscriptions/{subscriptionId}/deliveries", { params: { path } });
    expect(withoutKey.response.status).toBe(401);

    // A rotation over HTTP: the new secret once, and the next reminder verifies with the old and the new.
    const rotated = await api.POST("/subscriptions/{subscriptionId}/secret", { params: { path } });
    expect(rotated.response.status).toBe(200);
    if (!rotated.data) throw new Error(JSON.stringify(rotated.error));
    const newSecret = rotated.data.secret;
    expect(newSecret).not.toBe(secret);
    await sendReminders({ now: "2033-10-04T06:00:00Z" });
    expect(received).toHaveLength(2);
    const next = received[1];
    if (!next) throw new Error("no second reminder");
    const nextHeaders = next.headers as Record<string, string>;
    expect(new Webhook(newSecret).verify(next.raw, nextHeaders)).toMatchObject({ daysUntil: 0 });
    expect(new Webhook(secret).verify(next.raw, nextHeaders)).toMatchObject({ daysUntil: 0 });

    const remove = () => api.DELETE("/subscriptions/{subscriptionId}", { params: { path } });
    expect((await remove()).response.status).toBe(204);
    expect((await remove()).response.status).toBe(404);
    const gone = await api.GET("/subscriptions/{subscriptionId}/deliveries", { params: { path } });
    expect(gone.response.status).toBe(404);
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
    const refused = await api.POST("/subscriptions", { body: { url } });
    expect(refused.response.status).toBe(422);
    expect(refused.response.headers.get("content-type")).toBe("application/problem+json");
    expect(refused.error?.errors).toEqual([{ path: "url", message: expect.any(String) }]);
  });

  it("refuses plain http to another host with 400 problem+json, and a request without a key with 401", async () => {
    const refused = await api.POST("/subscriptions", { body: { url: "http://hooks.example.org/x" } });
    expect(refused.response.status).toBe(400);
    expect(refused.response.headers.get("content-type")).toBe("application/problem+json");
    expect((await keyless.GET("/subscriptions")).response.status).toBe(401);
    const keylessPost = await keyless.POST("/subscriptions", { body: { url: "https://hooks.example.org/x" } });
    expect(keylessPost.response.status).toBe(401);
  });
});
