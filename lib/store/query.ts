import { paginateQuery, type QueryCommandInput } from "@aws-sdk/client-dynamodb";
import { dynamo, tableName } from "#store/client";
import type { Item } from "#store/items";

/** Every item a Query on this table returns, page after page (the SDK's paginator), read by `read`. */
export async function queryAll<T>(
  input: Omit<QueryCommandInput, "TableName">,
  read: (item: Item) => T | undefined,
): Promise<T[]> {
  const found: T[] = [];
  for await (const page of paginateQuery({ client: dynamo }, { ...input, TableName: tableName })) {
    for (const item of page.Items ?? []) {
      const value = read(item);
      if (value !== undefined) found.push(value);
    }
  }
  return found;
}
