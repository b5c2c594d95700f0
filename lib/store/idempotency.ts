import { createHash } from "node:crypto";
import { GetItemCommand, type TransactWriteItem } from "@aws-sdk/client-dynamodb";
import { ConcurrentChangeError, DomainError } from "#domain/errors";
import { dynamo, tableName } from "#store/client";
import { isTransactionConflict, putEvent, type StoredEvent } from "#store/events";
import { type Item, N, readData, readNumber, S, stringAttributes } from "#store/items";
import { idempotencyKey } from "#store/keys";

/**
 * Idempotent event writes. A client that sends an Idempotency-Key may retry a POST as often as
 * it likes: the first request stores the event and, in the same transaction, a record of the
 * request under (writer, key); a retry finds the record and gets the first answer back.
 *
 * - putEventOnce(event, guard)   GetItem IDEMPOTENCY#<writer>#<key>; when absent, putEvent with the
 *                                record Put (attribute_not_exists, or expired) in its transaction
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

/** The same key was sent with a different request: replaying it would answer the wrong question. */
export class IdempotencyKeyReusedError extends DomainError {
  readonly code = "idempotency-key-reused";
  constructor() {
    super(
      "This Idempotency-Key was already used for a different request in the last 24 hours. " +
        "Use a new key for a new request; a retry must repeat the original request exactly.",
    );
  }
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

class RecordExistsError extends Error {}

function replay(record: IdempotencyRecord, guard: IdempotencyGuard): StoredEvent {
  if (record.fingerprint !== guard.fingerprint) throw new IdempotencyKeyReusedError();
  return record.event;
}

const ATTEMPTS = 5;

/**
 * Stores `event` unless this writer already sent this key: then answers with the event the first
 * request stored (same request) or refuses (different request). Concurrent identical requests
 * store one event: the record's condition lets one transaction through, the others replay it.
 */
export async function putEventOnce(
  event: StoredEvent,
  now: Date,
  guard: IdempotencyGuard,
): Promise<{ event: StoredEvent; replayed: boolean }> {
  for (let attempt = 1; ; attempt++) {
    const existing = await readRecord(guard, now);
    if (existing) return { event: replay(existing, guard), replayed: true };
    try {
      const stored = await putEvent(event, now, {
        items: [recordItem(guard, event, now)],
        onConditionFailed: () => new RecordExistsError(),
      });
      return { event: stored.event, replayed: false };
    } catch (error) {
      // Another request with this key got there first (or holds the items right now): read its answer.
      const raced = error instanceof RecordExistsError || isTransactionConflict(error);
      if (!raced) throw error;
      if (attempt >= ATTEMPTS)
        throw new ConcurrentChangeError("Requests with this Idempotency-Key kept colliding; retry.");
      if (attempt > 1) await new Promise((resolve) => setTimeout(resolve, Math.random() * 25 * attempt));
    }
  }
}
