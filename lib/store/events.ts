import { type AttributeValue, GetItemCommand, QueryCommand, type TransactWriteItem } from "@aws-sdk/client-dynamodb";
import { ConcurrentChangeError, EventExistsError, EventNotFoundError } from "#domain/errors";
import type { RevisedEvent, StoredEvent, TreatyRecord } from "#domain/records";
import type { EventType } from "#domain/types";
import { dynamo, tableName } from "#store/client";
import { type Item, N, readData, readString, S, stringAttributes } from "#store/items";
import { eventKey, eventRange, eventRefKey, isEventSortKey } from "#store/keys";
import { revisionItem } from "#store/revisions";
import { commitTreatyChange } from "#store/treaties";

/**
 * Access patterns on events (the decisions are lib/domain/records.ts's, the retries lib/app's):
 * - writeNewEvent(change)      TransactWriteItems: Put event if absent + Put event ref if absent
 *                              + treaty update (version) + deadline diff
 * - getEvent(treaty, id)       GetItem PK=TREATY#<id>, SK=EVENTID#<eventId> (-> event SK), then GetItem the event
 * - writeRevisedEvent(change)  TransactWriteItems: event Put on its version (or Delete old SK on its version
 *                              + Put new SK + ref update, when the date moves) + Put revision if absent
 *                              + treaty update (version) + deadline diff; a correction or a retraction
 * - listHistory(id, page)      Query PK=TREATY#<id>, SK BETWEEN EVENT#<from> AND EVENT#<to>~  (one Query a page)
 * - listWholeHistory(id)       the same Query, every page, for whole-timeline formats (capped)
 *
 * Event refs (EVENTID#...) and revisions (REVISION#...) sort after every EVENT#<date> key,
 * so history Queries never read them.
 */

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

/** Items a caller adds to an event's transaction, with the error each failed condition means. */
export interface ExtraItems {
  items: TransactWriteItem[];
  onConditionFailed: (index: number) => Error;
}

/**
 * Stores a new event, its ref and the treaty's record after it (from `withEvent`) in one transaction,
 * with `extra` items when given (an idempotency record).
 * @throws EventExistsError; ConcurrentChangeError when the treaty changed since `before` was read.
 */
export async function writeNewEvent(
  change: { before: TreatyRecord; record: TreatyRecord; event: StoredEvent },
  extra?: ExtraItems,
): Promise<TreatyRecord> {
  const { before, record, event } = change;
  const own: TransactWriteItem[] = [
    { Put: { TableName: tableName, Item: eventItem(event), ConditionExpression: "attribute_not_exists(PK)" } },
    { Put: { TableName: tableName, Item: eventRefItem(event), ConditionExpression: "attribute_not_exists(PK)" } },
  ];
  return commitTreatyChange(before, record, [...own, ...(extra?.items ?? [])], (index) =>
    index < own.length || !extra ? new EventExistsError(event.id) : extra.onConditionFailed(index - own.length),
  );
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

/**
 * Replaces an event by its next version (from `reviseEvent`), keeping the previous one as a revision,
 * moving the event when its date (and so its sort key) changes, and writing the treaty's record
 * after it, all in one transaction.
 * @throws ConcurrentChangeError when the event or the treaty changed since they were read.
 */
export async function writeRevisedEvent(change: RevisedEvent): Promise<TreatyRecord> {
  const { previous: current, event: next, revision, before, record } = change;
  const onVersion = {
    ConditionExpression: "version = :version",
    ExpressionAttributeValues: { ":version": N(current.version) },
  };
  const oldKey = eventKey(current.treatyId, current.date, current.id);
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
  return commitTreatyChange(
    before,
    record,
    items,
    () => new ConcurrentChangeError("The event changed while this change was being saved."),
  );
}

/** What a history Query narrows to: `from` and `to` bound the sort key, types and party filter. */
export interface HistoryFilters {
  from?: string;
  to?: string;
  types?: EventType[];
  party?: string;
}

export interface HistoryQuery extends HistoryFilters {
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

/** Every event of a treaty (that passes `filters`), oldest first, for formats that need the whole timeline. */
export async function listWholeHistory(treatyId: string, filters: HistoryFilters = {}): Promise<StoredEvent[]> {
  const events: StoredEvent[] = [];
  let after: string | undefined;
  do {
    const page = await listHistory(treatyId, { ...filters, order: "asc", limit: 200, after });
    events.push(...page.events);
    if (events.length > WHOLE_HISTORY_CAP) throw new HistoryTooLongError(treatyId);
    after = page.lastSortKey;
  } while (after);
  return events;
}
