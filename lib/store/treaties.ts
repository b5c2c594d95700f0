import {
  GetItemCommand,
  QueryCommand,
  type TransactWriteItem,
  TransactWriteItemsCommand,
} from "@aws-sdk/client-dynamodb";
import { ConcurrentChangeError, TreatyExistsError, TreatyNotFoundError } from "#domain/errors";
import type { IndexedDeadline, TreatyRecord } from "#domain/records";
import type { Deadline, Treaty } from "#domain/types";
import { readCatalogue } from "#store/catalogue";
import { dynamo, tableName } from "#store/client";
import { cancellationCodes } from "#store/errors";
import { type Item, N, readData, readNumber, S, stringAttributes } from "#store/items";
import { deadlineIndexKey, deadlineKey, TREATY_CATALOGUE, treatyCatalogueKey, treatyKey } from "#store/keys";

/**
 * Access patterns on treaties:
 * - getTreaty(id)          GetItem  PK=TREATY#<id>, SK=TREATY            (1 item, whatever the history)
 * - listTreaties()         Query    GSI1 GSI1PK=TREATIES                  (the whole catalogue: calendars)
 * - listTreatyPage(n, id)  Query    GSI1 GSI1PK=TREATIES, after GSI1SK=id  (one page of the catalogue, by id)
 * - insertTreaty(record)   TransactWriteItems: Put treaty if absent + Put its deadlines
 * - commitTreatyChange()   TransactWriteItems: the caller's items + treaty update on version + deadline diff
 *
 * The treaty item carries its derived deadlines and the few events rules look at
 * (`ruleEvents`), so reads of deadlines and countdowns cost one item, and a write
 * recomputes deadlines without reading the history. The records are decided in
 * lib/domain/records.ts; this module only maps and writes them.
 */
function treatyItem(record: TreatyRecord): Item {
  const { version, ...data } = record;
  return {
    ...stringAttributes({ ...treatyKey(record.treaty.id), ...treatyCatalogueKey(record.treaty.id), entity: "treaty" }),
    version: N(version),
    data: S(JSON.stringify(data)),
  };
}

function readTreaty(item: Item): TreatyRecord {
  const data = readData<Omit<TreatyRecord, "version">>(item);
  if (!data) throw new Error("treaty item without data");
  return { ...data, version: readNumber(item, "version") ?? 0 };
}

export function deadlineItem(treaty: Treaty, deadline: Deadline): Item {
  const indexed: IndexedDeadline = {
    treatyId: treaty.id,
    treatyShortName: treaty.shortName,
    treatyName: treaty.name,
    deadline,
  };
  return {
    ...stringAttributes({
      ...deadlineKey(treaty.id, deadline),
      ...deadlineIndexKey(treaty.id, deadline),
      entity: "deadline",
    }),
    data: S(JSON.stringify(indexed)),
  };
}

export async function getTreaty(treatyId: string, options: { consistent?: boolean } = {}): Promise<TreatyRecord> {
  const { Item: item } = await dynamo.send(
    new GetItemCommand({
      TableName: tableName,
      Key: stringAttributes(treatyKey(treatyId)),
      ConsistentRead: options.consistent,
    }),
  );
  if (!item) throw new TreatyNotFoundError(treatyId);
  return readTreaty(item);
}

export async function listTreaties(): Promise<TreatyRecord[]> {
  return readCatalogue(TREATY_CATALOGUE, readTreaty);
}

export interface TreatyPage {
  records: TreatyRecord[];
  /** The last treaty id on the page, when another page may follow. */
  lastId?: string;
}

/** One Query a page, in id order, after `afterId`. Reads one item past the page to know whether another follows. */
export async function listTreatyPage(limit: number, afterId?: string): Promise<TreatyPage> {
  const output = await dynamo.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: "GSI1",
      KeyConditionExpression: "GSI1PK = :catalogue",
      ExpressionAttributeValues: { ":catalogue": S(TREATY_CATALOGUE) },
      Limit: limit + 1,
      ExclusiveStartKey:
        afterId === undefined ? undefined : stringAttributes({ ...treatyKey(afterId), ...treatyCatalogueKey(afterId) }),
    }),
  );
  const items = output.Items ?? [];
  const records = items.slice(0, limit).map(readTreaty);
  const more = items.length > limit || output.LastEvaluatedKey !== undefined;
  const lastId = records.at(-1)?.treaty.id;
  return { records, ...(more && lastId !== undefined ? { lastId } : {}) };
}

/** Writes a new treaty's record (from `newTreatyRecord`) and its deadlines. @throws TreatyExistsError. */
export async function insertTreaty(record: TreatyRecord): Promise<TreatyRecord> {
  const { treaty } = record;
  const items: TransactWriteItem[] = [
    { Put: { TableName: tableName, Item: treatyItem(record), ConditionExpression: "attribute_not_exists(PK)" } },
    ...record.deadlines.map((deadline) => ({ Put: { TableName: tableName, Item: deadlineItem(treaty, deadline) } })),
  ];
  try {
    await dynamo.send(new TransactWriteItemsCommand({ TransactItems: items }));
  } catch (error) {
    if (cancellationCodes(error)?.[0] === "ConditionalCheckFailed") throw new TreatyExistsError(treaty.id);
    throw error;
  }
  return record;
}

const sameDeadline = (a: Deadline, b: Deadline) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Writes `items` together with the treaty's new state in one transaction: the treaty
 * item moves from `before.version` to `after.version` (so a concurrent writer fails
 * instead of overwriting), and deadline index items follow the derived deadlines.
 * Throws ConcurrentChangeError when the treaty changed underneath; the callers' own
 * conditions are reported through `onItemConditionFailed` with the item's position.
 */
export async function commitTreatyChange(
  before: TreatyRecord,
  after: TreatyRecord,
  items: TransactWriteItem[],
  onItemConditionFailed: (index: number) => Error,
): Promise<TreatyRecord> {
  const removed = before.deadlines.filter(
    (old) => !after.deadlines.some((d) => deadlineKey(after.treaty.id, d).SK === deadlineKey(before.treaty.id, old).SK),
  );
  const changed = after.deadlines.filter((d) => !before.deadlines.some((old) => sameDeadline(old, d)));
  const transaction: TransactWriteItem[] = [
    ...items,
    {
      Put: {
        TableName: tableName,
        Item: treatyItem(after),
        ConditionExpression: "version = :expected",
        ExpressionAttributeValues: { ":expected": N(before.version) },
      },
    },
    ...changed.map((deadline) => ({ Put: { TableName: tableName, Item: deadlineItem(after.treaty, deadline) } })),
    ...removed.map((deadline) => ({
      Delete: { TableName: tableName, Key: stringAttributes(deadlineKey(before.treaty.id, deadline)) },
    })),
  ];
  try {
    await dynamo.send(new TransactWriteItemsCommand({ TransactItems: transaction }));
    return after;
  } catch (error) {
    const codes = cancellationCodes(error);
    if (!codes) throw error;
    const failed = codes.indexOf("ConditionalCheckFailed");
    if (failed >= 0 && failed < items.length) throw onItemConditionFailed(failed);
    if (failed === items.length)
      throw new ConcurrentChangeError("The treaty changed while this change was being saved.");
    throw error;
  }
}
