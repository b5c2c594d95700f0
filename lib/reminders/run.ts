import { randomUUID } from "node:crypto";
import { todayIn } from "#domain/calendar";
import type { IndexedDeadline } from "#domain/records";
import type { CivilDateString } from "#domain/types";
import { log } from "#lib/log";
import type { DeliverySettings, PlannedReminder } from "#lib/reminders/deliver";
import type { ReminderCounts } from "#lib/reminders/metrics";
import { dueReminder, reminderWindow } from "#lib/reminders/schedule";
import { listDeadlinesBetween } from "#store/deadlines";
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

export interface RunOptions extends DeliverySettings {
  /** Reminders posted at the same time. */
  concurrency?: number;
}

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
  if (planned.length === 0) return { asOf: now.toISOString(), today, window, ...counts };
  // The webhook client and the address checks load only for a run that has something to post.
  const { deliverOne } = await import("#lib/reminders/deliver");

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
