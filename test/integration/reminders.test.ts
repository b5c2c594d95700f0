import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";
import { afterEach, describe, expect, it, vi } from "vitest";
import { getDelivery } from "#store/deliveries";
import { getTreaty } from "#store/treaties";
import { handler as createSubscription } from "../../functions/create-subscription.ts";
import { handler as deleteSubscription } from "../../functions/delete-subscription.ts";
import { handler as sendReminders } from "../../functions/send-reminders.ts";
import { givenEvent, givenTreaty } from "../support/fixtures.ts";
import { call, sampleEvent } from "../support/lambda.ts";

/** A newsroom's webhook on loopback: records every request and answers the statuses it is told to. */
interface Received {
  headers: IncomingHttpHeaders;
  raw: string;
  // biome-ignore lint/suspicious/noExplicitAny: tests read payloads loosely and assert on them
  body: any;
}

const receivers: Array<{ close(): Promise<void> }> = [];
const subscriptions: string[] = [];

async function givenReceiver(answers: number[] = [], options: { delayMs?: number } = {}) {
  const received: Received[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      received.push({ headers: request.headers, raw, body: JSON.parse(raw) });
      const status = answers.shift() ?? 200;
      setTimeout(
        () =>
          response
            .writeHead(status, { "content-type": "text/plain" })
            .end(status < 300 ? "ok" : "down for maintenance"),
        options.delayMs ?? 0,
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const receiver = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/newsroom`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  receivers.push(receiver);
  return receiver;
}

/** An INF-like treaty of this test's own: notice on 2 February 2019, so the US exit is on 2 August 2019. */
async function givenInfLikeTreaty(noticeOn = "2019-02-02") {
  const treatyId = await givenTreaty();
  await givenEvent(treatyId, { date: noticeOn });
  return treatyId;
}

async function givenSubscription(body: Record<string, unknown>): Promise<{ id: string; secret: string }> {
  const answer = await call(createSubscription, sampleEvent("create-subscription.json", { body }));
  if (answer.status !== 201) throw new Error(`could not subscribe: ${answer.text}`);
  subscriptions.push(answer.body.id);
  return answer.body;
}

const runAsOf = (now: string) => sendReminders({ now });

/** What a newsroom's receiver does with the Standard Webhooks reference library: verify, then read. */
const verified = (secret: string, request: Received) =>
  new Webhook(secret).verify(request.raw, request.headers as Record<string, string>);

afterEach(async () => {
  for (const id of subscriptions.splice(0))
    await call(deleteSubscription, sampleEvent("delete-subscription.json", { path: { subscriptionId: id } }));
  for (const receiver of receivers.splice(0)) await receiver.close();
});

describe("reminders before deadlines (in-process against DynamoDB Local and a loopback receiver)", () => {
  it("posts the 7-day and the 1-day reminder of the exit once each, signed, whatever the number of runs", async () => {
    const receiver = await givenReceiver();
    const treatyId = await givenInfLikeTreaty();
    const subscription = await givenSubscription({
      url: receiver.url,
      treatyId,
      offsetsDays: [7, 1],
      label: "Security desk",
    });

    const first = await runAsOf("2019-07-26T06:00:00Z");
    expect(first).toMatchObject({ asOf: "2019-07-26T06:00:00.000Z", today: "2019-07-26" });
    expect(first.delivered).toBeGreaterThanOrEqual(1);
    await runAsOf("2019-07-26T06:00:00Z");
    await runAsOf("2019-07-27T06:00:00Z");
    expect(receiver.received).toHaveLength(1);

    await runAsOf("2019-08-01T06:00:00Z");
    await runAsOf("2019-08-01T18:00:00Z");
    await runAsOf("2019-08-02T06:00:00Z");
    expect(receiver.received).toHaveLength(2);

    const [week, day] = receiver.received as [Received, Received];
    for (const request of [week, day]) {
      expect(request.headers["content-type"]).toBe("application/json");
      expect(verified(subscription.secret, request)).toEqual(request.body);
      expect(request.headers["webhook-id"]).toBe(request.body.deliveryId);
      expect(request.headers["webhook-signature"]).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    }
    expect(week.headers["webhook-id"]).not.toBe(day.headers["webhook-id"]);
    const treaty = await getTreaty(treatyId);
    expect(week.body).toMatchObject({
      subscriptionId: subscription.id,
      label: "Security desk",
      treaty: { id: treatyId, shortName: "Test Treaty" },
      party: "US",
      kind: "withdrawal_effective",
      exitDate: "2019-08-02",
      daysUntil: 7,
      offsetDays: 7,
      late: false,
      asOf: "2019-07-26",
      basis: { article: "Test Treaty, Article XV(2)", triggerDate: "2019-02-02" },
      links: {
        treaty: `http://localhost:3000/treaties/${treatyId}`,
        deadlines: `http://localhost:3000/treaties/${treatyId}/deadlines`,
        daysUntilExit: `http://localhost:3000/treaties/${treatyId}/days-until-exit?asOf=2019-07-26&party=US`,
      },
    });
    expect(week.body.basis).toEqual(treaty.deadlines.find((d) => d.date === "2019-08-02")?.basis);
    expect(week.body.text).toContain(
      "The U.S. withdrawal from the Test Treaty takes effect in seven days, on Aug. 2, 2019.",
    );
    expect(week.body.text).toContain("[Security desk] *Test Treaty* · Reminder: 7-day");
    expect(day.body).toMatchObject({ daysUntil: 1, offsetDays: 1, late: false, asOf: "2019-08-01" });
    expect(day.body.text).toContain("takes effect tomorrow, Aug. 2, 2019.");
  });

  it("is verified by the newsroom once, and a replay of the captured request is rejected", async () => {
    const receiver = await givenReceiver();
    const treatyId = await givenInfLikeTreaty();
    const subscription = await givenSubscription({ url: receiver.url, treatyId, offsetsDays: [7] });
    await runAsOf("2019-07-26T06:00:00Z");
    const [captured] = receiver.received as [Received];
    expect(verified(subscription.secret, captured)).toEqual(captured.body);

    // Ten minutes later someone sends the captured request again, headers and all.
    vi.useFakeTimers({ now: Date.now() + 10 * 60 * 1000, toFake: ["Date"] });
    try {
      expect(() => verified(subscription.secret, captured)).toThrow(/timestamp too old/);
    } finally {
      vi.useRealTimers();
    }
    // With a fresh timestamp pasted in, the signature no longer matches.
    const refreshed = {
      ...captured,
      headers: { ...captured.headers, "webhook-timestamp": String(Math.floor(Date.now() / 1000) + 1) },
    };
    expect(() => verified(subscription.secret, refreshed)).toThrow(/No matching signature/);
    // And another subscription's secret does not verify it.
    expect(() => verified(`whsec_${Buffer.alloc(32, 7).toString("base64")}`, captured)).toThrow(
      /No matching signature/,
    );
  });

  it("still carries Slack's text, so a Slack incoming webhook posts it as it is", async () => {
    const receiver = await givenReceiver();
    const treatyId = await givenInfLikeTreaty();
    await givenSubscription({ url: receiver.url, treatyId, offsetsDays: [7] });
    await runAsOf("2019-07-26T06:00:00Z");
    expect(typeof receiver.received[0]?.body.text).toBe("string");
    expect(receiver.received[0]?.body.text).toContain("takes effect in seven days");
  });

  it("retries a receiver that answers 500 within the run, and delivers once with the same delivery id", async () => {
    const receiver = await givenReceiver([500]);
    const treatyId = await givenInfLikeTreaty();
    const subscription = await givenSubscription({ url: receiver.url, treatyId, offsetsDays: [7] });

    await runAsOf("2019-07-26T06:00:00Z");
    expect(receiver.received).toHaveLength(2);
    const [failed, acknowledged] = receiver.received as [Received, Received];
    expect(acknowledged.raw).toBe(failed.raw);
    expect(acknowledged.headers["webhook-id"]).toBe(failed.headers["webhook-id"]);
    expect(verified(subscription.secret, failed)).toEqual(failed.body);
    expect(verified(subscription.secret, acknowledged)).toEqual(acknowledged.body);

    await runAsOf("2019-07-26T07:00:00Z");
    expect(receiver.received).toHaveLength(2);
    const treaty = await getTreaty(treatyId);
    const deadline = treaty.deadlines.find((d) => d.date === "2019-08-02");
    if (!deadline) throw new Error("no exit derived");
    expect(await getDelivery({ subscriptionId: subscription.id, treatyId, deadline, offsetDays: 7 })).toMatchObject({
      status: "delivered",
      attempts: 2,
      lastStatus: 200,
      late: false,
      daysUntil: 7,
    });
  });

  it("records a reminder every attempt of which failed, with its last error, and delivers it once on the next run", async () => {
    const receiver = await givenReceiver([503, 503, 503]);
    const treatyId = await givenInfLikeTreaty();
    const subscription = await givenSubscription({ url: receiver.url, treatyId, offsetsDays: [7] });
    const deadline = (await getTreaty(treatyId)).deadlines.find((d) => d.date === "2019-08-02");
    if (!deadline) throw new Error("no exit derived");
    const ref = { subscriptionId: subscription.id, treatyId, deadline, offsetDays: 7 };

    const first = await runAsOf("2019-07-26T06:00:00Z");
    expect(receiver.received).toHaveLength(3);
    expect(first.failed).toBeGreaterThanOrEqual(1);
    expect(await getDelivery(ref)).toMatchObject({
      status: "failed",
      attempts: 3,
      lastStatus: 503,
      lastError: "HTTP 503: down for maintenance",
    });

    // The next day's run: the 7-day reminder goes out late, with the days actually left.
    await runAsOf("2019-07-27T06:00:00Z");
    await runAsOf("2019-07-27T06:00:00Z");
    expect(receiver.received).toHaveLength(4);
    const delivered = receiver.received[3] as Received;
    expect(delivered.headers["webhook-id"]).toBe(receiver.received[0]?.headers["webhook-id"]);
    expect(verified(subscription.secret, delivered)).toEqual(delivered.body);
    expect(delivered.body).toMatchObject({ late: true, daysUntil: 6, offsetDays: 7, dueOn: "2019-07-26" });
    expect(await getDelivery(ref)).toMatchObject({ status: "delivered", attempts: 4 });
    expect((await getDelivery(ref))?.lastError).toBeUndefined();
  });

  it("catches up on a missed day once: run only on 28 July, the 7-day reminder arrives late with 5 days left", async () => {
    const receiver = await givenReceiver();
    const treatyId = await givenInfLikeTreaty();
    await givenSubscription({ url: receiver.url, treatyId, offsetsDays: [7] });

    const run = await runAsOf("2019-07-28T06:00:00Z");
    expect(run.late).toBeGreaterThanOrEqual(1);
    await runAsOf("2019-07-28T09:00:00Z");
    await runAsOf("2019-07-29T06:00:00Z");
    expect(receiver.received).toHaveLength(1);
    expect(receiver.received[0]?.body).toMatchObject({ late: true, daysUntil: 5, offsetDays: 7, dueOn: "2019-07-26" });
    expect(receiver.received[0]?.body.text).toContain("Late reminder: the 7-day reminder was due July 26, 2019");
    expect(receiver.received[0]?.body.text).toContain("takes effect in five days, on Aug. 2, 2019.");
  });

  it("sends only the newest due reminder after a long gap, never the superseded ones", async () => {
    const receiver = await givenReceiver();
    const treatyId = await givenInfLikeTreaty();
    await givenSubscription({ url: receiver.url, treatyId, offsetsDays: [30, 7, 1, 0] });

    await runAsOf("2019-08-01T06:00:00Z");
    await runAsOf("2019-08-09T06:00:00Z");
    await runAsOf("2019-08-10T06:00:00Z");
    expect(receiver.received.map((r) => [r.body.offsetDays, r.body.daysUntil, r.body.late])).toEqual([
      [1, 1, false],
      [0, -7, true],
    ]);
    expect(receiver.received[1]?.body.text).toContain("took effect seven days ago, on Aug. 2, 2019.");
  });

  it("delivers once when two runs start at the same moment", async () => {
    const receiver = await givenReceiver([], { delayMs: 300 });
    const treatyId = await givenInfLikeTreaty();
    await givenSubscription({ url: receiver.url, treatyId, offsetsDays: [7] });

    const runs = await Promise.all([runAsOf("2019-07-26T06:00:00Z"), runAsOf("2019-07-26T06:00:00Z")]);
    expect(receiver.received).toHaveLength(1);
    expect(runs[0].skipped + runs[1].skipped).toBeGreaterThanOrEqual(1);
  });

  it("sends nothing to a subscription once it is deleted", async () => {
    const receiver = await givenReceiver();
    const treatyId = await givenInfLikeTreaty("2030-03-01");
    const subscription = await givenSubscription({ url: receiver.url, treatyId, offsetsDays: [7] });
    const deleted = await call(
      deleteSubscription,
      sampleEvent("delete-subscription.json", { path: { subscriptionId: subscription.id } }),
    );
    expect(deleted.status).toBe(204);

    await runAsOf("2030-08-25T06:00:00Z");
    expect(receiver.received).toHaveLength(0);
  });

  it("logs one summary line and one CloudWatch metric line without the secret or the body", async () => {
    const receiver = await givenReceiver([500, 500, 500]);
    const treatyId = await givenInfLikeTreaty();
    const subscription = await givenSubscription({ url: receiver.url, treatyId, offsetsDays: [7] });
    const lines: string[] = [];
    const write = vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
      lines.push(String(chunk));
      return true;
    });
    const log = vi.spyOn(console, "log").mockImplementation((line) => void lines.push(String(line)));
    const warn = vi.spyOn(console, "error").mockImplementation((line) => void lines.push(String(line)));
    const previous = process.env.TREATY_CLOCK_QUIET;
    process.env.TREATY_CLOCK_QUIET = "false";
    try {
      await runAsOf("2019-07-26T06:00:00Z");
    } finally {
      process.env.TREATY_CLOCK_QUIET = previous;
      write.mockRestore();
      log.mockRestore();
      warn.mockRestore();
    }
    const output = lines.join("\n");
    expect(output).not.toContain(subscription.secret);
    expect(output).not.toContain("/hooks/newsroom");
    expect(output).not.toContain("takes effect");
    const records = lines
      .flatMap((line) => line.split("\n"))
      .filter(Boolean)
      .map((line) => JSON.parse(line));
    const summary = records.filter((r) => r.message === "reminders");
    expect(summary).toHaveLength(1);
    expect(summary[0]).toMatchObject({ asOf: "2019-07-26T06:00:00.000Z", today: "2019-07-26" });
    expect(summary[0].failed).toBeGreaterThanOrEqual(1);
    const metrics = records.filter((r) => r._aws);
    expect(metrics).toHaveLength(1);
    expect(metrics[0]).toMatchObject({
      _aws: { CloudWatchMetrics: [{ Namespace: "TreatyClock", Dimensions: [["Stage"]] }] },
      Stage: "local",
    });
    expect(metrics[0]._aws.CloudWatchMetrics[0].Metrics).toContainEqual({
      Name: "ReminderDeliveryFailures",
      Unit: "Count",
    });
    expect(metrics[0].ReminderDeliveryFailures).toBe(summary[0].failed);
  });

  it("refuses a run asked for at a moment without an offset", async () => {
    await expect(sendReminders({ now: "2019-07-26 06:00" })).rejects.toThrow(/ISO 8601 instant/);
  });
});
