import { type AttributeValue, QueryCommand } from "@aws-sdk/client-dynamodb";
import { deriveDeadlines, ruleRelevantTypes } from "#domain/deadlines";
import { ConcurrentChangeError } from "#domain/errors";
import { sortTimeline } from "#domain/timeline";
import type { EventType, TimelineEvent } from "#domain/types";
import { assertEventFitsTreaty } from "#domain/validation";
import { dynamo, tableName } from "#store/client";
import { type Item, N, readData, S, stringAttributes } from "#store/items";
import { eventKey, eventRange, isEventSortKey } from "#store/keys";
import { commitTreatyChange, getTreaty, type TreatyRecord } from "#store/treaties";

/**
 * Access patterns on events:
 * - putEvent(event)            TransactWriteItems: Put event if absent + treaty update (version) + deadline diff
 * - listHistory(id, page)      Query PK=TREATY#<id>, SK BETWEEN EVENT#<from> AND EVENT#<to>~  (one Query a page)
 * - listWholeHistory(id)       the same Query, every page, for whole-timeline formats (capped)
 */
export interface StoredEvent extends TimelineEvent {
  createdAt: string;
  version: number;
  /** Name of the API key that wrote it; seed data says "seed". */
  createdBy?: string;
}

export class EventExistsError extends Error {
  constructor(readonly eventId: string) {
    super(`Event ${eventId} already exists.`);
    this.name = "EventExistsError";
  }
}

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

const CONCURRENCY_ATTEMPTS = 5;

/**
 * Stores a new event and the treaty's re-derived deadlines in one transaction.
 * A concurrent write to the same treaty is retried from a fresh read.
 */
export async function putEvent(event: StoredEvent, now: Date): Promise<{ event: StoredEvent; record: TreatyRecord }> {
  for (let attempt = 1; ; attempt++) {
    const before = await getTreaty(event.treatyId, { consistent: true });
    assertEventFitsTreaty(before.treaty, event);
    const after = withEvent(before, event, now);
    try {
      const record = await commitTreatyChange(
        before,
        after,
        [{ Put: { TableName: tableName, Item: eventItem(event), ConditionExpression: "attribute_not_exists(PK)" } }],
        () => new EventExistsError(event.id),
      );
      return { event, record };
    } catch (error) {
      if (!(error instanceof ConcurrentChangeError) || attempt >= CONCURRENCY_ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 25 * attempt));
    }
  }
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
  const values: Record<string, AttributeValue> = {
    ":pk": S(eventKey(treatyId, "", "").PK),
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
  const pk = eventKey(treatyId, "", "").PK;
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
