import { type AttributeValue, GetItemCommand, QueryCommand, type TransactWriteItem } from "@aws-sdk/client-dynamodb";
import { deriveDeadlines, ruleRelevantTypes } from "#domain/deadlines";
import {
  ConcurrentChangeError,
  DomainError,
  EventExistsError,
  EventNotFoundError,
  VersionMismatchError,
} from "#domain/errors";
import { sortTimeline } from "#domain/timeline";
import type { EventType, TimelineEvent } from "#domain/types";
import { assertEventFitsTreaty } from "#domain/validation";
import { dynamo, tableName } from "#store/client";
import { cancellationCodes } from "#store/errors";
import { type Item, N, readData, readString, S, stringAttributes } from "#store/items";
import { eventKey, eventRange, eventRefKey, isEventSortKey } from "#store/keys";
import { type Revision, revisionItem } from "#store/revisions";
import { commitTreatyChange, getTreaty, type TreatyRecord } from "#store/treaties";

/**
 * Access patterns on events:
 * - putEvent(event)            TransactWriteItems: Put event if absent + Put event ref if absent
 *                              + treaty update (version) + deadline diff
 * - getEvent(treaty, id)       GetItem PK=TREATY#<id>, SK=EVENTID#<eventId> (-> event SK), then GetItem the event
 * - correctEvent(...)          TransactWriteItems: event Put on its version (or Delete old SK on its version
 *                              + Put new SK + ref update, when the date moves) + Put revision if absent
 *                              + treaty update (version) + deadline diff
 * - retractEvent(...)          the same, the event staying where it is with `retracted` set
 * - listHistory(id, page)      Query PK=TREATY#<id>, SK BETWEEN EVENT#<from> AND EVENT#<to>~  (one Query a page)
 * - listWholeHistory(id)       the same Query, every page, for whole-timeline formats (capped)
 *
 * Event refs (EVENTID#...) and revisions (REVISION#...) sort after every EVENT#<date> key,
 * so history Queries never read them.
 */

/** A retracted event stays in the history, marked, and no longer counts for deadlines. */
export interface Retraction {
  at: string;
  /** Id of the API key that retracted it. */
  by: string;
  reason: string;
}

export interface StoredEvent extends TimelineEvent {
  createdAt: string;
  version: number;
  /** Id of the API key that wrote it; seed data says "seed". */
  createdBy?: string;
  /** When and by which key the last correction or retraction was made. */
  updatedAt?: string;
  updatedBy?: string;
  retracted?: Retraction;
}

/** The fields a correction may change; everything else is the record's own bookkeeping. */
export const EDITABLE_EVENT_FIELDS = [
  "date",
  "type",
  "party",
  "title",
  "description",
  "sources",
  "ultimatum",
  "extension",
  "receivedOn",
  "effectiveOn",
  "claimedEffectiveOn",
] as const satisfies ReadonlyArray<keyof TimelineEvent>;

export type EditableEventFields = Pick<TimelineEvent, (typeof EDITABLE_EVENT_FIELDS)[number]>;

export { EventExistsError, VersionMismatchError } from "#domain/errors";

export class EventRetractedError extends DomainError {
  readonly code = "event-retracted";
  constructor(readonly eventId: string) {
    super(`Event ${eventId} has been retracted; a retracted event is not changed again.`);
  }
}

export class NothingToCorrectError extends DomainError {
  readonly code = "nothing-to-correct";
  constructor(readonly eventId: string) {
    super(`The correction leaves event ${eventId} exactly as it is; nothing was changed.`);
  }
}

/** The event item changed between our read and our write; the caller re-reads. */
class EventChangedError extends Error {}

function eventItem(event: StoredEvent): Item {
  return {
    ...stringAttributes({
      ...eventKey(event.treatyId, event.date, event.id),
      entity: "event",
      type: event.type,
      party: event.party,
    }),
    version: N(event.version),
    data: S(JSON.stringify(event)),
  };
}

function eventRefItem(event: Pick<StoredEvent, "treatyId" | "id" | "date">): Item {
  return {
    ...stringAttributes({
      ...eventRefKey(event.treatyId, event.id),
      entity: "eventref",
      eventSk: eventKey(event.treatyId, event.date, event.id).SK,
    }),
  };
}

/** True when a transaction was cancelled because another one held the same items. */
export const isTransactionConflict = (error: unknown): boolean =>
  cancellationCodes(error)?.includes("TransactionConflict") ?? false;

/** Full-jitter exponential backoff between optimistic-concurrency attempts: 0-20, 0-40, 0-80 ... ms. */
const pause = (attempt: number) => new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * 2 ** attempt));

/** The treaty record after `event` joins its history. */
export function withEvent(record: TreatyRecord, event: TimelineEvent, now: Date): TreatyRecord {
  const ruleEvents = ruleRelevantTypes.has(event.type)
    ? sortTimeline([...record.ruleEvents, event])
    : record.ruleEvents;
  return {
    ...record,
    ruleEvents,
    deadlines: deriveDeadlines(record.treaty, ruleEvents),
    eventCount: record.eventCount + 1,
    version: record.version + 1,
    updatedAt: now.toISOString(),
  };
}

/** The treaty record after `previous` is replaced by `next` (a correction or a retraction). */
export function withRevisedEvent(
  record: TreatyRecord,
  previous: TimelineEvent,
  next: StoredEvent,
  now: Date,
): TreatyRecord {
  const others = record.ruleEvents.filter((event) => event.id !== previous.id);
  const ruleEvents = !next.retracted && ruleRelevantTypes.has(next.type) ? sortTimeline([...others, next]) : others;
  return {
    ...record,
    ruleEvents,
    deadlines: deriveDeadlines(record.treaty, ruleEvents),
    version: record.version + 1,
    updatedAt: now.toISOString(),
  };
}

const CONCURRENCY_ATTEMPTS = 8;

/** Items a caller adds to an event's transaction, with the error each failed condition means. */
export interface ExtraItems {
  items: TransactWriteItem[];
  onConditionFailed: (index: number) => Error;
}

/**
 * Stores a new event, its ref and the treaty's re-derived deadlines in one transaction,
 * with `extra` items when given (an idempotency record). A concurrent write to the same
 * treaty is retried from a fresh read.
 */
export async function putEvent(
  event: StoredEvent,
  now: Date,
  extra?: ExtraItems,
): Promise<{ event: StoredEvent; record: TreatyRecord }> {
  const own: TransactWriteItem[] = [
    { Put: { TableName: tableName, Item: eventItem(event), ConditionExpression: "attribute_not_exists(PK)" } },
    { Put: { TableName: tableName, Item: eventRefItem(event), ConditionExpression: "attribute_not_exists(PK)" } },
  ];
  for (let attempt = 1; ; attempt++) {
    const before = await getTreaty(event.treatyId, { consistent: true });
    assertEventFitsTreaty(before.treaty, event);
    const after = withEvent(before, event, now);
    try {
      const record = await commitTreatyChange(before, after, [...own, ...(extra?.items ?? [])], (index) =>
        index < own.length || !extra ? new EventExistsError(event.id) : extra.onConditionFailed(index - own.length),
      );
      return { event, record };
    } catch (error) {
      const concurrent = error instanceof ConcurrentChangeError || isTransactionConflict(error);
      if (!concurrent || attempt >= CONCURRENCY_ATTEMPTS) throw error;
      await pause(attempt);
    }
  }
}

/** An event by id, through its ref: two GetItems, whatever the size of the history. */
export async function getEvent(
  treatyId: string,
  eventId: string,
  options: { consistent?: boolean } = {},
): Promise<StoredEvent> {
  for (let attempt = 1; ; attempt++) {
    const { Item: ref } = await dynamo.send(
      new GetItemCommand({
        TableName: tableName,
        Key: stringAttributes(eventRefKey(treatyId, eventId)),
        ConsistentRead: options.consistent,
      }),
    );
    const sk = readString(ref, "eventSk");
    if (!sk) throw new EventNotFoundError(treatyId, eventId);
    const { Item: item } = await dynamo.send(
      new GetItemCommand({
        TableName: tableName,
        Key: stringAttributes({ PK: eventRefKey(treatyId, eventId).PK, SK: sk }),
        ConsistentRead: options.consistent,
      }),
    );
    const event = readData<StoredEvent>(item);
    if (event) return event;
    // The date moved between the two reads; the ref now points to the new item.
    if (attempt >= 3) throw new EventNotFoundError(treatyId, eventId);
  }
}

/** What changed, field by field; an absent value is null. */
function changesBetween(previous: TimelineEvent, next: TimelineEvent): Revision["changes"] {
  const changes: Revision["changes"] = {};
  for (const field of EDITABLE_EVENT_FIELDS) {
    const from = previous[field] ?? null;
    const to = next[field] ?? null;
    if (JSON.stringify(from) !== JSON.stringify(to)) changes[field] = { from, to };
  }
  return changes;
}

interface RevisionRequest {
  treatyId: string;
  eventId: string;
  /** The If-Match version; when absent, the change applies to whatever version is current. */
  expectedVersion?: number;
  /** Id of the API key making the change. */
  by: string;
  reason: string;
}

export interface RevisionResult {
  event: StoredEvent;
  revision: Revision;
  record: TreatyRecord;
}

/**
 * Replaces an event by the next version `revise` makes of it, keeping the previous one as a
 * revision, moving the event when its date (and so its sort key) changes, and re-deriving the
 * treaty's deadlines, all in one transaction. A concurrent change is retried from a fresh read,
 * where an If-Match version that no longer matches fails with VersionMismatchError.
 */
async function reviseEvent(
  kind: Revision["kind"],
  request: RevisionRequest,
  revise: (current: StoredEvent) => StoredEvent,
  now: Date,
): Promise<RevisionResult> {
  const { treatyId, eventId, expectedVersion } = request;
  for (let attempt = 1; ; attempt++) {
    const before = await getTreaty(treatyId, { consistent: true });
    const current = await getEvent(treatyId, eventId, { consistent: true });
    if (current.retracted) throw new EventRetractedError(eventId);
    if (expectedVersion !== undefined && current.version !== expectedVersion) {
      throw new VersionMismatchError(current.version, expectedVersion);
    }
    const next = revise(current);
    assertEventFitsTreaty(before.treaty, next);
    const changes = changesBetween(current, next);
    if (kind === "correction" && Object.keys(changes).length === 0) throw new NothingToCorrectError(eventId);
    const revision: Revision = {
      kind,
      treatyId,
      eventId,
      fromVersion: current.version,
      toVersion: next.version,
      revisedAt: now.toISOString(),
      by: request.by,
      reason: request.reason,
      changes,
      previous: current,
    };
    const onVersion = {
      ConditionExpression: "version = :version",
      ExpressionAttributeValues: { ":version": N(current.version) },
    };
    const oldKey = eventKey(treatyId, current.date, eventId);
    const moves = next.date !== current.date;
    const items: TransactWriteItem[] = moves
      ? [
          { Delete: { TableName: tableName, Key: stringAttributes(oldKey), ...onVersion } },
          { Put: { TableName: tableName, Item: eventItem(next), ConditionExpression: "attribute_not_exists(PK)" } },
          {
            Put: {
              TableName: tableName,
              Item: eventRefItem(next),
              ConditionExpression: "eventSk = :from",
              ExpressionAttributeValues: { ":from": S(oldKey.SK) },
            },
          },
        ]
      : [{ Put: { TableName: tableName, Item: eventItem(next), ...onVersion } }];
    items.push({
      Put: { TableName: tableName, Item: revisionItem(revision), ConditionExpression: "attribute_not_exists(PK)" },
    });
    try {
      const record = await commitTreatyChange(
        before,
        withRevisedEvent(before, current, next, now),
        items,
        () => new EventChangedError(),
      );
      return { event: next, revision, record };
    } catch (error) {
      const concurrent =
        error instanceof ConcurrentChangeError || error instanceof EventChangedError || isTransactionConflict(error);
      if (!concurrent) throw error;
      if (attempt >= CONCURRENCY_ATTEMPTS) {
        throw new ConcurrentChangeError("The event kept changing while this change was being saved; try again.");
      }
      await pause(attempt);
    }
  }
}

/**
 * Corrects an event: `correct` gives its editable fields after the correction (and throws to
 * refuse one); id, treaty, creation and author stay, the version rises by one.
 */
export function correctEvent(
  request: RevisionRequest,
  correct: (current: StoredEvent) => EditableEventFields,
  now: Date,
): Promise<RevisionResult> {
  return reviseEvent(
    "correction",
    request,
    (current) => {
      const fields = correct(current);
      const next: StoredEvent = {
        id: current.id,
        treatyId: current.treatyId,
        date: fields.date,
        type: fields.type,
        title: fields.title,
        sources: fields.sources,
        createdAt: current.createdAt,
        version: current.version + 1,
        ...(current.createdBy !== undefined ? { createdBy: current.createdBy } : {}),
        updatedAt: now.toISOString(),
        updatedBy: request.by,
      };
      if (fields.party !== undefined) next.party = fields.party;
      if (fields.description !== undefined) next.description = fields.description;
      if (fields.ultimatum !== undefined) next.ultimatum = fields.ultimatum;
      if (fields.extension !== undefined) next.extension = fields.extension;
      if (fields.receivedOn !== undefined) next.receivedOn = fields.receivedOn;
      if (fields.effectiveOn !== undefined) next.effectiveOn = fields.effectiveOn;
      if (fields.claimedEffectiveOn !== undefined) next.claimedEffectiveOn = fields.claimedEffectiveOn;
      return next;
    },
    now,
  );
}

/** Retracts an event: it stays in the history with `retracted` set, and stops counting for deadlines. */
export function retractEvent(request: RevisionRequest, now: Date): Promise<RevisionResult> {
  return reviseEvent(
    "retraction",
    request,
    (current) => ({
      ...current,
      version: current.version + 1,
      updatedAt: now.toISOString(),
      updatedBy: request.by,
      retracted: { at: now.toISOString(), by: request.by, reason: request.reason },
    }),
    now,
  );
}

export interface HistoryQuery {
  from?: string;
  to?: string;
  types?: EventType[];
  party?: string;
  order: "asc" | "desc";
  limit: number;
  /** Sort key of the last event of the previous page. */
  after?: string;
}

export interface HistoryPage {
  events: StoredEvent[];
  /** Sort key to continue after, when there may be more. */
  lastSortKey?: string;
}

/** One Query a page. Reads one item past the page to know whether another page exists. */
export async function listHistory(treatyId: string, query: HistoryQuery): Promise<HistoryPage> {
  const { low, high } = eventRange(query.from, query.to);
  const pk = eventKey(treatyId, "", "").PK;
  const values: Record<string, AttributeValue> = {
    ":pk": S(pk),
    ":low": S(low),
    ":high": S(high),
  };
  const filters: string[] = [];
  const names: Record<string, string> = {};
  if (query.types && query.types.length > 0) {
    names["#type"] = "type";
    const placeholders = query.types.map((type, i) => {
      values[`:type${i}`] = S(type);
      return `:type${i}`;
    });
    filters.push(`#type IN (${placeholders.join(", ")})`);
  }
  if (query.party) {
    names["#party"] = "party";
    values[":party"] = S(query.party);
    filters.push("#party = :party");
  }
  const output = await dynamo.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: "PK = :pk AND SK BETWEEN :low AND :high",
      FilterExpression: filters.length > 0 ? filters.join(" AND ") : undefined,
      ExpressionAttributeNames: Object.keys(names).length > 0 ? names : undefined,
      ExpressionAttributeValues: values,
      ScanIndexForward: query.order === "asc",
      Limit: query.limit + 1,
      ExclusiveStartKey: query.after ? { PK: S(pk), SK: S(query.after) } : undefined,
    }),
  );
  const items = output.Items ?? [];
  const events = items.slice(0, query.limit).map((item) => readData<StoredEvent>(item) as StoredEvent);
  let lastSortKey: string | undefined;
  if (items.length > query.limit) lastSortKey = items[query.limit - 1]?.SK?.S;
  else if (output.LastEvaluatedKey?.SK?.S && isEventSortKey(output.LastEvaluatedKey.SK.S)) {
    lastSortKey = output.LastEvaluatedKey.SK.S;
  }
  return { events, ...(lastSortKey ? { lastSortKey } : {}) };
}

/** Timelines longer than this are refused by whole-timeline formats rather than read without bound. */
export const WHOLE_HISTORY_CAP = 2000;

export class HistoryTooLongError extends Error {
  constructor(readonly treatyId: string) {
    super(`The timeline of ${treatyId} has more than ${WHOLE_HISTORY_CAP} events; page through /history instead.`);
    this.name = "HistoryTooLongError";
  }
}

/** Every event of a treaty, oldest first, for formats that need the whole timeline. */
export async function listWholeHistory(treatyId: string): Promise<StoredEvent[]> {
  const events: StoredEvent[] = [];
  let after: string | undefined;
  do {
    const page = await listHistory(treatyId, { order: "asc", limit: 200, after });
    events.push(...page.events);
    if (events.length > WHOLE_HISTORY_CAP) throw new HistoryTooLongError(treatyId);
    after = page.lastSortKey;
  } while (after);
  return events;
}
