import {
  GetItemCommand,
  QueryCommand,
  type TransactWriteItem,
  TransactWriteItemsCommand,
  type Update,
  UpdateItemCommand,
} from "@aws-sdk/client-dynamodb";
import type { CivilDateString, Deadline, DeadlineKind } from "#domain/types";
import { dynamo, tableName } from "#store/client";
import { cancellationCodes, isConditionFailure } from "#store/errors";
import { type Item, N, readData, readNumber, readString, S, stringAttributes } from "#store/items";
import { deliveryKey, deliveryLogKey, deliveryLogPrefix, type Key } from "#store/keys";

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
 * And the delivery log, what a newsroom reads (PK=SUBSCRIPTION#<id>, SK=LOG#<at>#<deliveryId>):
 * - markDelivered() and markFailed() put one log item in the same transaction as their ledger
 *   update, so the log never shows an outcome the ledger did not record, nor misses one;
 * - listDeliveryLog(id, page)   Query PK=SUBSCRIPTION#<id>, SK begins_with LOG#, newest first.
 * Log items carry `expiresAt` (the table's TTL attribute) 90 days after their outcome.
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
    const { Attributes } = await dynamo.send(
      new UpdateItemCommand({
        TableName: tableName,
        Key: stringAttributes(keyOf(ref)),
        UpdateExpression:
          "SET #status = :sending, leaseUntil = :lease, claimToken = :token, deliveryId = :deliveryId, " +
          "entity = :entity, subscriptionId = :subscription, treatyId = :treaty, deadlineDate = :date, " +
          "offsetDays = :offset, lastAsOf = :asOf, updatedAt = :now, attempts = if_not_exists(attempts, :zero)",
        ConditionExpression: "attribute_not_exists(PK) OR (#status <> :delivered AND leaseUntil < :nowMs)",
        ExpressionAttributeNames: { "#status": "status" },
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
      }),
    );
    return { claimed: true, token: claim.token, attempts: readNumber(Attributes, "attempts") ?? 0 };
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    const old = (error as Error & { Item?: Item }).Item;
    return { claimed: false, reason: readString(old, "status") === "delivered" ? "delivered" : "in-flight" };
  }
}

/** What one run did with one reminder, as the delivery log keeps it. */
export interface DeliveryLogEntry {
  /** When the outcome was recorded (wall clock). */
  at: string;
  deliveryId: string;
  treatyId: string;
  deadline: { date: CivilDateString; kind: DeadlineKind; party?: string };
  offsetDays: number;
  daysUntil: number;
  late: boolean;
  /** Requests made in this run; 0 when the URL was refused before any. */
  attempts: number;
  outcome: "delivered" | "failed" | "refused";
  /** The receiver's HTTP status, when one answered. */
  receiverStatus?: number;
  error?: string;
}

export const DELIVERY_LOG_TTL_SECONDS = 90 * 24 * 60 * 60;

const epochSeconds = (iso: string) => Math.floor(Date.parse(iso) / 1000);

function logPut(subscriptionId: string, entry: DeliveryLogEntry): TransactWriteItem {
  return {
    Put: {
      TableName: tableName,
      Item: {
        ...stringAttributes({ ...deliveryLogKey(subscriptionId, entry.at, entry.deliveryId), entity: "delivery-log" }),
        data: S(JSON.stringify(entry)),
        expiresAt: N(epochSeconds(entry.at) + DELIVERY_LOG_TTL_SECONDS),
      },
    },
  };
}

/** The log entry of an outcome for `ref`, recorded now. */
export function logEntryFor(
  ref: DeliveryRef,
  facts: Omit<DeliveryLogEntry, "at" | "treatyId" | "deadline" | "offsetDays">,
): DeliveryLogEntry {
  const { date, kind, party } = ref.deadline;
  return {
    at: new Date().toISOString(),
    treatyId: ref.treatyId,
    deadline: { date, kind, ...(party ? { party } : {}) },
    offsetDays: ref.offsetDays,
    ...facts,
  };
}

/** The receiver acknowledged the reminder: it is never sent again. Logged in the same transaction. */
export async function markDelivered(
  ref: DeliveryRef,
  result: { attempts: number; status: number; late: boolean; daysUntil: number },
  entry: DeliveryLogEntry,
): Promise<void> {
  await recordOutcome(ref, entry, {
    UpdateExpression:
      "SET #status = :delivered, deliveredAt = :now, updatedAt = :now, lastStatus = :httpStatus, late = :late, " +
      "daysUntil = :daysUntil, attempts = if_not_exists(attempts, :zero) + :attempts REMOVE leaseUntil, claimToken, lastError",
    ExpressionAttributeNames: { "#status": "status" },
    ExpressionAttributeValues: {
      ":delivered": S("delivered"),
      ":now": S(entry.at),
      ":httpStatus": N(result.status),
      ":late": { BOOL: result.late },
      ":daysUntil": N(result.daysUntil),
      ":attempts": N(result.attempts),
      ":zero": N(0),
    },
  });
}

/** One outcome: the ledger entry's update and its line in the delivery log, in one transaction. */
async function recordOutcome(
  ref: DeliveryRef,
  entry: DeliveryLogEntry,
  update: Omit<Update, "TableName" | "Key">,
): Promise<void> {
  const ledger: Update = { TableName: tableName, Key: stringAttributes(keyOf(ref)), ...update };
  await dynamo.send(
    new TransactWriteItemsCommand({ TransactItems: [{ Update: ledger }, logPut(ref.subscriptionId, entry)] }),
  );
}

/**
 * Every attempt of this run failed (or the URL was refused): the entry is released at once,
 * so the next run retries it, and the outcome is logged in the same transaction. Does
 * nothing when another run has taken the entry over (its lease expired under us).
 */
export async function markFailed(
  ref: DeliveryRef,
  token: string,
  result: { attempts: number; error: string; status?: number },
  entry: DeliveryLogEntry,
): Promise<void> {
  const update: Omit<Update, "TableName" | "Key"> = {
    UpdateExpression:
      "SET #status = :failed, leaseUntil = :released, lastError = :error, updatedAt = :now, " +
      "attempts = if_not_exists(attempts, :zero) + :attempts" +
      (result.status === undefined ? " REMOVE lastStatus" : ", lastStatus = :httpStatus"),
    ConditionExpression: "claimToken = :token AND #status = :sending",
    ExpressionAttributeNames: { "#status": "status" },
    ExpressionAttributeValues: {
      ":failed": S("failed"),
      ":sending": S("sending"),
      ":released": N(0),
      ":error": S(result.error),
      ":now": S(entry.at),
      ":attempts": N(result.attempts),
      ":zero": N(0),
      ":token": S(token),
      ...(result.status === undefined ? {} : { ":httpStatus": N(result.status) }),
    },
  };
  try {
    await recordOutcome(ref, entry, update);
  } catch (error) {
    if (cancellationCodes(error)?.[0] !== "ConditionalCheckFailed") throw error;
  }
}

export interface DeliveryLogPage {
  entries: DeliveryLogEntry[];
  /** Sort key of the last item read, when more may follow. */
  lastSortKey?: string;
}

/** One page of a subscription's delivery log, newest first; expired items not yet swept are left out. */
export async function listDeliveryLog(
  subscriptionId: string,
  page: { limit: number; before?: string },
): Promise<DeliveryLogPage> {
  const { PK } = deliveryLogKey(subscriptionId, "", "");
  const output = await dynamo.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: "PK = :pk AND begins_with(SK, :log)",
      FilterExpression: "expiresAt > :now",
      ExpressionAttributeValues: {
        ":pk": S(PK),
        ":log": S(deliveryLogPrefix),
        ":now": N(Math.floor(Date.now() / 1000)),
      },
      ScanIndexForward: false,
      Limit: page.limit,
      ...(page.before ? { ExclusiveStartKey: stringAttributes({ PK, SK: page.before }) } : {}),
    }),
  );
  const entries = (output.Items ?? []).flatMap((item) => {
    const entry = readData<DeliveryLogEntry>(item);
    return entry ? [entry] : [];
  });
  return { entries, lastSortKey: readString(output.LastEvaluatedKey, "SK") };
}

export async function getDelivery(ref: DeliveryRef): Promise<DeliveryEntry | undefined> {
  const { Item } = await dynamo.send(
    new GetItemCommand({ TableName: tableName, Key: stringAttributes(keyOf(ref)), ConsistentRead: true }),
  );
  return Item ? readEntry(Item) : undefined;
}
