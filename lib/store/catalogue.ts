import type { Item } from "#store/items";
import { S } from "#store/items";
import { queryAll } from "#store/query";

/**
 * Access pattern shared by every catalogue: all items under one GSI1 partition
 * (TREATIES, SUBSCRIPTIONS, APIKEYS, ...), every page, in GSI1SK order.
 */
export function readCatalogue<T>(catalogue: string, read: (item: Item) => T | undefined): Promise<T[]> {
  return queryAll(
    {
      IndexName: "GSI1",
      KeyConditionExpression: "GSI1PK = :catalogue",
      ExpressionAttributeValues: { ":catalogue": S(catalogue) },
    },
    read,
  );
}
