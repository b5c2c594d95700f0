import { GetItemCommand, UpdateItemCommand, type UpdateItemCommandInput } from "@aws-sdk/client-dynamodb";
import type { Deadline } from "#domain/types";
import { dynamo, tableName } from "#store/client";
import { isConditionFailure } from "#store/errors";
import { type Item, N, readNumber, readString, S, stringAttributes } from "#store/items";
import { deliveryKey, type Key } from "#store/keys";

/**
 * The reminder delivery ledger: one item per (subscription, deadline on its date, offset),
 * the guard that makes a reminder go out once however often the job runs.
 *
 * Access patterns (all on PK=SUBSCRIPTION#<id>, SK=DELIVERY#<treaty>#<deadline>#<date>#<offset>):
 * - claimDelivery()    UpdateItem if absent, or not delivered and its lease has expired
 * - markDelivered()    UpdateItem status=delivered
 * - markFailed()       UpdateItem status=failed, if this claim still holds the entry
 * - getDelivery()      GetItem (tests, support)
 *
 * Leases are measured on the wall clock, never on the run's as-of instant, so a backfill run
 * "as of 2019" still respects a lease taken a second ago.
 */
export type DeliveryStatus = "sending" | "delivered" | "failed";

export interface DeliveryRef {
  subscriptionId: string;
  treatyId: string;
  deadline: Deadline;
  offsetDays: number;
}

export interface DeliveryEntry {
  status: DeliveryStatus;
  deliveryId?: string;
  attempts: number;
  lastError?: string;
  lastStatus?: number;
  late?: boolean;
  daysUntil?: number;
  deliveredAt?: string;
  updatedAt?: string;
}

export type ClaimOutcome =
  | { claimed: true; token: string; attempts: number }
  | { claimed: false; reason: "delivered" | "in-flight" };

const keyOf = (ref: DeliveryRef): Key => deliveryKey(ref.subscriptionId, ref.treatyId, ref.deadline, ref.offsetDays);

/** The ledger entry's own key text, for a stable delivery id. */
export const deliveryLedgerId = (ref: DeliveryRef): string => {
  const key = keyOf(ref);
  return `${key.PK}|${key.SK}`;
};

function readEntry(item: Item): DeliveryEntry {
  return {
    status: (readString(item, "status") ?? "sending") as DeliveryStatus,
    deliveryId: readString(item, "deliveryId"),
    attempts: readNumber(item, "attempts") ?? 0,
    lastError: readString(item, "lastError"),
    lastStatus: readNumber(item, "lastStatus"),
    late: item.late?.BOOL,
    daysUntil: readNumber(item, "daysUntil"),
    deliveredAt: readString(item, "deliveredAt"),
    updatedAt: readString(item, "updatedAt"),
  };
}

/**
 * Takes the entry for one sender until `leaseMs` from now. Refused when the reminder was
 * delivered, or another run holds an unexpired lease on it.
 */
export async function claimDelivery(
  ref: DeliveryRef,
  claim: { token: string; deliveryId: string; asOf: string; leaseMs: number },
): Promise<ClaimOutcome> {
  const now = Date.now();
  try {
    const { Attributes } = await updateEntry(ref, {
      UpdateExpression:
        "SET #status = :sending, leaseUntil = :lease, claimToken = :token, deliveryId = :deliveryId, " +
        "entity = :entity, subscriptionId = :subscription, treatyId = :treaty, deadlineDate = :date, " +
        "offsetDays = :offset, lastAsOf = :asOf, updatedAt = :now, attempts = if_not_exists(attempts, :zero)",
      ConditionExpression: "attribute_not_exists(PK) OR (#status <> :delivered AND leaseUntil < :nowMs)",
      ExpressionAttributeValues: {
        ":sending": S("sending"),
        ":delivered": S("delivered"),
        ":lease": N(now + claim.leaseMs),
        ":nowMs": N(now),
        ":token": S(claim.token),
        ":deliveryId": S(claim.deliveryId),
        ":entity": S("delivery"),
        ":subscription": S(ref.subscriptionId),
        ":treaty": S(ref.treatyId),
        ":date": S(ref.deadline.date),
        ":offset": N(ref.offsetDays),
        ":asOf": S(claim.asOf),
        ":now": S(new Date(now).toISOString()),
        ":zero": N(0),
      },
      ReturnValues: "ALL_NEW",
      ReturnValuesOnConditionCheckFailure: "ALL_OLD",
    });
    return { claimed: true, token: claim.token, attempts: readNumber(Attributes, "attempts") ?? 0 };
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    const old = (error as Error & { Item?: Item }).Item;
    return { claimed: false, reason: readString(old, "status") === "delivered" ? "delivered" : "in-flight" };
  }
}

/** The receiver acknowledged the reminder: it is never sent again. */
export async function markDelivered(
  ref: DeliveryRef,
  result: { attempts: number; status: number; late: boolean; daysUntil: number },
): Promise<void> {
  await updateEntry(ref, {
    UpdateExpression:
      "SET #status = :delivered, deliveredAt = :now, updatedAt = :now, lastStatus = :httpStatus, late = :late, " +
      "daysUntil = :daysUntil, attempts = if_not_exists(attempts, :zero) + :attempts REMOVE leaseUntil, claimToken, lastError",
    ExpressionAttributeValues: {
      ":delivered": S("delivered"),
      ":now": S(new Date().toISOString()),
      ":httpStatus": N(result.status),
      ":late": { BOOL: result.late },
      ":daysUntil": N(result.daysUntil),
      ":attempts": N(result.attempts),
      ":zero": N(0),
    },
  });
}

/**
 * Every attempt of this run failed: the entry is released at once, so the next run retries it.
 * Does nothing when another run has taken the entry over (its lease expired under us).
 */
export async function markFailed(
  ref: DeliveryRef,
  token: string,
  result: { attempts: number; error: string; status?: number },
): Promise<void> {
  try {
    await updateEntry(ref, {
      UpdateExpression:
        "SET #status = :failed, leaseUntil = :released, lastError = :error, updatedAt = :now, " +
        "attempts = if_not_exists(attempts, :zero) + :attempts" +
        (result.status === undefined ? " REMOVE lastStatus" : ", lastStatus = :httpStatus"),
      ConditionExpression: "claimToken = :token AND #status = :sending",
      ExpressionAttributeValues: {
        ":failed": S("failed"),
        ":sending": S("sending"),
        ":released": N(0),
        ":error": S(result.error),
        ":now": S(new Date().toISOString()),
        ":attempts": N(result.attempts),
        ":zero": N(0),
        ":token": S(token),
        ...(result.status === undefined ? {} : { ":httpStatus": N(result.status) }),
      },
    });
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
}

/** An UpdateItem on the ledger entry `ref` names, with `#status` standing for its status. */
function updateEntry(
  ref: DeliveryRef,
  update: Omit<UpdateItemCommandInput, "TableName" | "Key" | "ExpressionAttributeNames">,
) {
  return dynamo.send(
    new UpdateItemCommand({
      TableName: tableName,
      Key: stringAttributes(keyOf(ref)),
      ExpressionAttributeNames: { "#status": "status" },
      ...update,
    }),
  );
}

export async function getDelivery(ref: DeliveryRef): Promise<DeliveryEntry | undefined> {
  const { Item } = await dynamo.send(
    new GetItemCommand({ TableName: tableName, Key: stringAttributes(keyOf(ref)), ConsistentRead: true }),
  );
  return Item ? readEntry(Item) : undefined;
}
