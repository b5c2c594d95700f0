import { createHash } from "node:crypto";
import { GetItemCommand, type TransactWriteItem } from "@aws-sdk/client-dynamodb";
import { ConcurrentChangeError, IdempotencyKeyReusedError } from "#domain/errors";
import type { StoredEvent } from "#domain/records";
import { dynamo, tableName } from "#store/client";
import type { ExtraItems } from "#store/events";
import { type Item, N, readData, readNumber, S, stringAttributes } from "#store/items";
import { idempotencyKey } from "#store/keys";

/**
 * Idempotent event writes. A client that sends an Idempotency-Key may retry a POST as often as
 * it likes: the first request stores the event and, in the same transaction, a record of the
 * request under (writer, key); a retry finds the record and gets the first answer back.
 *
 * - readIdempotentAnswer(guard)  GetItem IDEMPOTENCY#<writer>#<key>: the first answer, or undefined
 * - idempotencyRecordItems(...)  the record Put (attribute_not_exists, or expired) that joins the
 *                                event's transaction (lib/app/events.ts runs the whole request)
 *
 * The record holds a SHA-256 of the canonical request (treaty + parsed body) and the stored event.
 * It expires after a day (attribute `expiresAt`, epoch seconds, the table's TTL attribute); an
 * expired record that DynamoDB has not yet removed counts as absent.
 */
export const IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;

interface IdempotencyRecord {
  fingerprint: string;
  treatyId: string;
  event: StoredEvent;
  createdAt: string;
}

/** JSON with object keys sorted, so the same request always hashes the same. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

export const requestFingerprint = (treatyId: string, body: unknown): string =>
  createHash("sha256").update(canonicalJson({ treatyId, body })).digest("hex");

export interface IdempotencyGuard {
  /** Id of the API key: keys of different writers never meet. */
  writerId: string;
  key: string;
  fingerprint: string;
}

const epochSeconds = (date: Date) => Math.floor(date.getTime() / 1000);

async function readRecord(guard: IdempotencyGuard, now: Date): Promise<IdempotencyRecord | undefined> {
  const { Item: item } = await dynamo.send(
    new GetItemCommand({
      TableName: tableName,
      Key: stringAttributes(idempotencyKey(guard.writerId, guard.key)),
      ConsistentRead: true,
    }),
  );
  if (!item || (readNumber(item, "expiresAt") ?? 0) <= epochSeconds(now)) return undefined;
  return readData<IdempotencyRecord>(item);
}

function recordItem(guard: IdempotencyGuard, event: StoredEvent, now: Date): TransactWriteItem {
  const record: IdempotencyRecord = {
    fingerprint: guard.fingerprint,
    treatyId: event.treatyId,
    event,
    createdAt: now.toISOString(),
  };
  const item: Item = {
    ...stringAttributes({ ...idempotencyKey(guard.writerId, guard.key), entity: "idempotency" }),
    expiresAt: N(epochSeconds(now) + IDEMPOTENCY_TTL_SECONDS),
    data: S(JSON.stringify(record)),
  };
  return {
    Put: {
      TableName: tableName,
      Item: item,
      ConditionExpression: "attribute_not_exists(PK) OR expiresAt <= :now",
      ExpressionAttributeValues: { ":now": N(epochSeconds(now)) },
    },
  };
}

/**
 * The event the first request with this key stored, when there was one within the last day.
 * @throws IdempotencyKeyReusedError when that request was a different one.
 */
export async function readIdempotentAnswer(guard: IdempotencyGuard, now: Date): Promise<StoredEvent | undefined> {
  const record = await readRecord(guard, now);
  if (record === undefined) return undefined;
  if (record.fingerprint !== guard.fingerprint) throw new IdempotencyKeyReusedError();
  return record.event;
}

/**
 * The record of this request, for the transaction that stores `event`. When another request with the
 * key got there first, its condition fails as a ConcurrentChangeError: read its answer and replay it.
 */
export function idempotencyRecordItems(guard: IdempotencyGuard, event: StoredEvent, now: Date): ExtraItems {
  return {
    items: [recordItem(guard, event, now)],
    onConditionFailed: () => new ConcurrentChangeError("Requests with this Idempotency-Key kept colliding; retry."),
  };
}
