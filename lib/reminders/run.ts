import { createHash, randomUUID } from "node:crypto";
import { todayIn } from "#domain/calendar";
import type { IndexedDeadline } from "#domain/records";
import type { CivilDateString } from "#domain/types";
import { log } from "#lib/log";
import { type DeliveryOptions, postJson } from "#lib/reminders/delivery";
import type { ReminderCounts } from "#lib/reminders/metrics";
import { reminderPayload } from "#lib/reminders/payload";
import { type DueReminder, dueReminder, reminderWindow } from "#lib/reminders/schedule";
import { signedHeaders, signingSecrets } from "#lib/reminders/signature";
import { checkWebhookTarget } from "#lib/reminders/webhook-target";
import { webhookUrlProblem } from "#lib/reminders/webhook-url";
import { listDeadlinesBetween } from "#store/deadlines";
import {
  claimDelivery,
  type DeliveryRef,
  deliveryLedgerId,
  logEntryFor,
  markDelivered,
  markFailed,
} from "#store/deliveries";
import { getSubscription, listSubscriptions, type SubscriptionRecord } from "#store/subscriptions";

/**
 * One run of the reminder job, as of an instant:
 * 1. the subscriptions (Query GSI1), and from their largest offset the window of dates to read;
 * 2. the deadlines in [today − 7 days, today + largest offset] (Query GSI2, never a Scan);
 * 3. per (subscription, deadline), the one reminder due today, if any (lib/reminders/schedule.ts);
 * 4. per reminder: re-read the subscription (a deleted one gets nothing), claim its ledger entry,
 *    check its URL again (resolving its host now, public addresses only), post it signed to
 *    the address just checked (Standard Webhooks), and record delivered, failed or refused,
 *    in the ledger and the delivery log at once.
 */
export interface RunSummary extends ReminderCounts {
  /** The instant the run was for. */
  asOf: string;
  /** Its date in UTC, from which days are counted. */
  today: CivilDateString;
  window?: { from: CivilDateString; to: CivilDateString };
}

export interface RunOptions {
  apiUrl: string;
  delivery?: DeliveryOptions;
  /** How long a claim keeps other runs off a reminder; well above one delivery's worst case. */
  leaseMs?: number;
  /** Reminders posted at the same time. */
  concurrency?: number;
}

interface PlannedReminder {
  subscription: SubscriptionRecord;
  indexed: IndexedDeadline;
  due: DueReminder;
}

type Outcome = "delivered" | "late" | "failed" | "skipped";

export async function sendDueReminders(now: Date, options: RunOptions): Promise<RunSummary> {
  const today = todayIn("UTC", now);
  const counts: ReminderCounts = { due: 0, delivered: 0, late: 0, failed: 0, skipped: 0 };
  const subscriptions = await listSubscriptions();
  if (subscriptions.length === 0) return { asOf: now.toISOString(), today, ...counts };

  const maxOffset = Math.max(...subscriptions.flatMap((s) => s.offsetsDays));
  const window = reminderWindow(today, maxOffset);
  const deadlines = await listDeadlinesBetween(window.from, window.to);
  const planned = plan(subscriptions, deadlines, today);
  counts.due = planned.length;

  // Re-read each subscription that has something due, consistently: the catalogue index can lag a delete.
  const current = new Map<string, SubscriptionRecord | undefined>();
  await Promise.all(
    [...new Set(planned.map((p) => p.subscription.id))].map(async (id) =>
      current.set(id, await getSubscription(id, { consistent: true })),
    ),
  );

  const runId = randomUUID();
  const outcomes = await inPool(planned, options.concurrency ?? 8, async (reminder) => {
    const subscription = current.get(reminder.subscription.id);
    if (!subscription) return "skipped";
    try {
      return await deliverOne({ ...reminder, subscription }, today, runId, options);
    } catch (error) {
      log("error", "reminder failed", {
        subscriptionId: subscription.id,
        treatyId: reminder.indexed.treatyId,
        error: error instanceof Error ? { name: error.name, message: error.message } : String(error),
      });
      return "failed";
    }
  });
  for (const outcome of outcomes) {
    if (outcome === "late") {
      counts.delivered++;
      counts.late++;
    } else counts[outcome]++;
  }
  return { asOf: now.toISOString(), today, window, ...counts };
}

function plan(subscriptions: SubscriptionRecord[], deadlines: IndexedDeadline[], today: string): PlannedReminder[] {
  const planned: PlannedReminder[] = [];
  for (const subscription of subscriptions) {
    for (const indexed of deadlines) {
      if (subscription.treatyId && subscription.treatyId !== indexed.treatyId) continue;
      const due = dueReminder(indexed.deadline.date, subscription.offsetsDays, today);
      if (due) planned.push({ subscription, indexed, due });
    }
  }
  return planned;
}

/** A stable id for one (subscription, deadline, offset): the same on every attempt and every run. */
const deliveryIdOf = (ref: DeliveryRef) =>
  `dlv_${createHash("sha256").update(deliveryLedgerId(ref)).digest("hex").slice(0, 32)}`;

async function deliverOne(
  { subscription, indexed, due }: PlannedReminder,
  today: string,
  runId: string,
  options: RunOptions,
): Promise<Outcome> {
  const ref: DeliveryRef = {
    subscriptionId: subscription.id,
    treatyId: indexed.treatyId,
    deadline: indexed.deadline,
    offsetDays: due.offsetDays,
  };
  const deliveryId = deliveryIdOf(ref);
  const claim = await claimDelivery(ref, {
    token: `${runId}:${deliveryId}`,
    deliveryId,
    asOf: today,
    leaseMs: options.leaseMs ?? 60_000,
  });
  if (!claim.claimed) return "skipped";

  const context = {
    subscriptionId: subscription.id,
    deliveryId,
    treatyId: indexed.treatyId,
    offsetDays: due.offsetDays,
  };
  const facts = { deliveryId, daysUntil: due.daysUntil, late: due.late };
  const check = await targetOf(subscription.url);
  if (!check.ok) {
    const error = `URL not allowed here: it ${check.problem}`;
    await markFailed(
      ref,
      claim.token,
      { attempts: 0, error },
      logEntryFor(ref, { ...facts, attempts: 0, outcome: "refused", error }),
    );
    log("warn", "reminder not sent", { ...context, error: check.problem });
    return "failed";
  }
  const body = JSON.stringify(
    reminderPayload({
      deliveryId,
      subscription: { id: subscription.id, ...(subscription.label ? { label: subscription.label } : {}) },
      treaty: { id: indexed.treatyId, name: indexed.treatyName, shortName: indexed.treatyShortName },
      deadline: indexed.deadline,
      offsetDays: due.offsetDays,
      daysUntil: due.daysUntil,
      late: due.late,
      dueOn: due.dueOn,
      asOf: today,
      apiUrl: options.apiUrl.replace(/\/+$/, ""),
    }),
  );
  // Each attempt is signed at its own moment, with every secret in force at that moment.
  const result = await postJson(
    check.target,
    body,
    () => signedHeaders(signingSecrets(subscription), deliveryId, body),
    options.delivery,
  );
  if (result.acknowledged) {
    const status = result.status ?? 200;
    await markDelivered(
      ref,
      { attempts: result.attempts, status, late: due.late, daysUntil: due.daysUntil },
      logEntryFor(ref, { ...facts, attempts: result.attempts, outcome: "delivered", receiverStatus: status }),
    );
    return due.late ? "late" : "delivered";
  }
  const error = result.error ?? "not acknowledged";
  await markFailed(
    ref,
    claim.token,
    { attempts: result.attempts, error, status: result.status },
    logEntryFor(ref, {
      ...facts,
      attempts: result.attempts,
      outcome: "failed",
      error,
      ...(result.status === undefined ? {} : { receiverStatus: result.status }),
    }),
  );
  log("warn", "reminder not acknowledged", { ...context, attempts: result.attempts, status: result.status, error });
  return "failed";
}

/** The URL's spelling, then where it points now: the check a subscription passed, made again. */
async function targetOf(url: string) {
  const spelled = webhookUrlProblem(url);
  if (spelled) return { ok: false as const, problem: spelled };
  return checkWebhookTarget(url);
}

/** Runs `work` over `items` with at most `limit` at a time; results in input order. */
async function inPool<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
