/**
 * One reminder, posted: claim its ledger entry, check the subscription's URL again (resolving its
 * host now, public addresses only), post it signed to the address just checked (Standard Webhooks),
 * and record delivered, failed or refused, in the ledger and the delivery log at once. Apart from
 * the run (lib/reminders/run.ts), which loads it only when a reminder is due: a run with nothing
 * to post loads no webhook client.
 */
import { createHash } from "node:crypto";
import type { IndexedDeadline } from "#domain/records";
import { log } from "#lib/log";
import { type DeliveryOptions, postJson } from "#lib/reminders/delivery";
import { reminderPayload } from "#lib/reminders/payload";
import type { DueReminder } from "#lib/reminders/schedule";
import { signedHeaders, signingSecrets } from "#lib/reminders/signature";
import { checkWebhookTarget } from "#lib/reminders/webhook-target";
import { webhookUrlProblem } from "#lib/reminders/webhook-url";
import {
  claimDelivery,
  type DeliveryRef,
  deliveryLedgerId,
  logEntryFor,
  markDelivered,
  markFailed,
} from "#store/deliveries";
import type { SubscriptionRecord } from "#store/subscriptions";

export interface DeliverySettings {
  apiUrl: string;
  delivery?: DeliveryOptions;
  /** How long a claim keeps other runs off a reminder; well above one delivery's worst case. */
  leaseMs?: number;
}

export interface PlannedReminder {
  subscription: SubscriptionRecord;
  indexed: IndexedDeadline;
  due: DueReminder;
}

export type Outcome = "delivered" | "late" | "failed" | "skipped";

/** A stable id for one (subscription, deadline, offset): the same on every attempt and every run. */
const deliveryIdOf = (ref: DeliveryRef) =>
  `dlv_${createHash("sha256").update(deliveryLedgerId(ref)).digest("hex").slice(0, 32)}`;

export async function deliverOne(
  { subscription, indexed, due }: PlannedReminder,
  today: string,
  runId: string,
  options: DeliverySettings,
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
