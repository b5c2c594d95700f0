import { deadlineIdentity } from "#domain/deadline-identity";
import type { Deadline } from "#domain/types";

/**
 * Every key in the table is spelled here and nowhere else.
 *
 * | entity         | PK                 | SK                                    | GSI1PK / GSI1SK       | GSI2PK / GSI2SK                          |
 * |----------------|--------------------|---------------------------------------|-----------------------|------------------------------------------|
 * | treaty         | TREATY#<id>        | TREATY                                | TREATIES / <id>       |                                          |
 * | event          | TREATY#<id>        | EVENT#<date>#<eventId>                |                       |                                          |
 * | deadline       | TREATY#<id>        | DEADLINE#<kind>#<party>#<trigger>     |                       | DEADLINES#<year>#<shard> / <date>#<id>#… |
 * | event ref      | TREATY#<id>        | EVENTID#<eventId>  (-> event SK)      |                       |                                          |
 * | revision       | TREATY#<id>        | REVISION#<eventId>#<version>          | CORRECTIONS / <at>#…  |                                          |
 * | api key        | APIKEY#<sha256>    | APIKEY                                | APIKEYS / <createdAt> |                                          |
 * | idempotency    | IDEMPOTENCY#<w>#<k>| IDEMPOTENCY                           |                       |                                          |
 * | subscription   | SUBSCRIPTION#<id>  | SUBSCRIPTION                          | SUBSCRIPTIONS / <at>  |                                          |
 * | delivery       | SUBSCRIPTION#<id>  | DELIVERY#<treaty>#<deadline>#<date>#<offset> |                |                                          |
 * | delivery log   | SUBSCRIPTION#<id>  | LOG#<at>#<deliveryId>  (expires: TTL) |                       |                                          |
 *
 * Event sort keys put the date first, so a Query on the treaty partition reads the
 * timeline in order; `1991` < `1991-05` < `1991-05-10` as strings, which is exactly
 * "partial dates before full dates of the same period".
 */
export type Key = { PK: string; SK: string };

const TREATY = "TREATY#";
const EVENT = "EVENT#";
const DEADLINE = "DEADLINE#";

/** Deadlines of one year are spread over this many index partitions. */
export const DEADLINE_SHARDS = 4;

export const treatyKey = (treatyId: string): Key => ({ PK: `${TREATY}${treatyId}`, SK: "TREATY" });

export const treatyCatalogueKey = (treatyId: string) => ({ GSI1PK: "TREATIES", GSI1SK: treatyId });
export const TREATY_CATALOGUE = "TREATIES";

export const eventKey = (treatyId: string, date: string, eventId: string): Key => ({
  PK: `${TREATY}${treatyId}`,
  SK: `${EVENT}${date}#${eventId}`,
});

/** Sort-key bounds for a history Query: `from` and `to` are dates at any precision, inclusive. */
export function eventRange(from?: string, to?: string): { low: string; high: string } {
  return {
    low: `${EVENT}${from ?? ""}`,
    // "~" sorts after every character used in dates and ids, so `to` includes all of its period.
    high: `${EVENT}${to ?? ""}~`,
  };
}

export const isEventSortKey = (sk: string): boolean => sk.startsWith(EVENT);

export const deadlineKey = (treatyId: string, deadline: Deadline): Key => ({
  PK: `${TREATY}${treatyId}`,
  SK: `${DEADLINE}${deadlineIdentity(deadline)}`,
});

function shardOf(text: string): number {
  let hash = 0;
  for (let i = 0; i < text.length; i++) hash = (hash * 31 + text.charCodeAt(i)) >>> 0;
  return hash % DEADLINE_SHARDS;
}

export const deadlineIndexKey = (treatyId: string, deadline: Deadline) => ({
  GSI2PK: `DEADLINES#${deadline.date.slice(0, 4)}#${shardOf(`${treatyId}#${deadlineIdentity(deadline)}`)}`,
  GSI2SK: `${deadline.date}#${treatyId}#${deadlineIdentity(deadline)}`,
});

/** Every (year, shard) partition of the deadline index that a window of dates touches. */
export function deadlinePartitions(from: string, to: string): string[] {
  const partitions: string[] = [];
  for (let year = Number(from.slice(0, 4)); year <= Number(to.slice(0, 4)); year++) {
    for (let shard = 0; shard < DEADLINE_SHARDS; shard++)
      partitions.push(`DEADLINES#${String(year).padStart(4, "0")}#${shard}`);
  }
  return partitions;
}

export const apiKeyKey = (hash: string): Key => ({ PK: `APIKEY#${hash}`, SK: "APIKEY" });
export const apiKeyCatalogueKey = (createdAt: string) => ({ GSI1PK: "APIKEYS", GSI1SK: createdAt });

/** Points from an event id to its event's sort key, so a correction finds the event in one read. */
export const eventRefKey = (treatyId: string, eventId: string): Key => ({
  PK: `${TREATY}${treatyId}`,
  SK: `EVENTID#${eventId}`,
});

/** Earlier revisions of an event, oldest first. */
export const revisionKey = (treatyId: string, eventId: string, version: number): Key => ({
  PK: `${TREATY}${treatyId}`,
  SK: `REVISION#${eventId}#${String(version).padStart(6, "0")}`,
});
export const revisionPrefix = (eventId: string) => `REVISION#${eventId}#`;

/** Corrections across treaties, newest first on GSI1. */
export const CORRECTIONS_CATALOGUE = "CORRECTIONS";
export const correctionCatalogueKey = (at: string, treatyId: string, eventId: string) => ({
  GSI1PK: CORRECTIONS_CATALOGUE,
  GSI1SK: `${at}#${treatyId}#${eventId}`,
});

/** A write replayed with the same Idempotency-Key finds the first answer here. */
export const idempotencyKey = (writerId: string, key: string): Key => ({
  PK: `IDEMPOTENCY#${writerId}#${key}`,
  SK: "IDEMPOTENCY",
});

export const subscriptionKey = (subscriptionId: string): Key => ({
  PK: `SUBSCRIPTION#${subscriptionId}`,
  SK: "SUBSCRIPTION",
});
export const SUBSCRIPTIONS_CATALOGUE = "SUBSCRIPTIONS";
export const subscriptionCatalogueKey = (createdAt: string, subscriptionId: string) => ({
  GSI1PK: SUBSCRIPTIONS_CATALOGUE,
  GSI1SK: `${createdAt}#${subscriptionId}`,
});

/** One ledger entry per (subscription, deadline on its date, offset): the exactly-once guard. */
export const deliveryKey = (subscriptionId: string, treatyId: string, deadline: Deadline, offsetDays: number): Key => ({
  PK: `SUBSCRIPTION#${subscriptionId}`,
  SK: `DELIVERY#${treatyId}#${deadlineIdentity(deadline)}#${deadline.date}#${offsetDays}`,
});

/** What happened to a subscription's reminders, one item per outcome, newest last in key order. */
const DELIVERY_LOG = "LOG#";
export const deliveryLogKey = (subscriptionId: string, at: string, deliveryId: string): Key => ({
  PK: `SUBSCRIPTION#${subscriptionId}`,
  SK: `${DELIVERY_LOG}${at}#${deliveryId}`,
});
export const deliveryLogPrefix = DELIVERY_LOG;
export const isDeliveryLogSortKey = (sk: string): boolean => sk.startsWith(DELIVERY_LOG);

export const API_KEYS_CATALOGUE = "APIKEYS";
