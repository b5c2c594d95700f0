import { QueryCommand, type QueryCommandOutput } from "@aws-sdk/client-dynamodb";
import { dynamo, tableName } from "#store/client";
import { type Item, S } from "#store/items";

/**
 * Access pattern shared by every catalogue: all items under one GSI1 partition
 * (TREATIES, SUBSCRIPTIONS, APIKEYS, ...), every page, in GSI1SK order.
 */
export async function readCatalogue<T>(catalogue: string, read: (item: Item) => T | undefined): Promise<T[]> {
  const records: T[] = [];
  let start: QueryCommandOutput["LastEvaluatedKey"];
  do {
    const page: QueryCommandOutput = await dynamo.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: "GSI1",
        KeyConditionExpression: "GSI1PK = :catalog",
        ExpressionAttributeValues: { ":catalog": S(catalogue) },
        ExclusiveStartKey: start,
      }),
    );
    for (const item of page.Items ?? []) {
      const record = read(item);
      if (record !== undefined) records.push(record);
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return records;
}
