import { GetItemCommand, PutItemCommand } from "@aws-sdk/client-dynamodb";
import { dynamo, tableName } from "#store/client";
import { isConditionFailure } from "#store/errors";
import { readData, S, stringAttributes } from "#store/items";
import { apiKeyCatalogKey, apiKeyKey } from "#store/keys";

/**
 * Access patterns on API keys. Only the SHA-256 of a key is ever stored; looking a key
 * up is a GetItem on its hash.
 * - findApiKey(hash)   GetItem PK=APIKEY#<hash>
 * - putApiKey(record)  PutItem if absent
 */
export interface ApiKeyRecord {
  /** Short public id, safe to log and to record on writes. */
  id: string;
  name: string;
  hash: string;
  createdAt: string;
  revokedAt?: string;
}

export async function findApiKey(hash: string): Promise<ApiKeyRecord | undefined> {
  const { Item } = await dynamo.send(
    new GetItemCommand({ TableName: tableName, Key: stringAttributes(apiKeyKey(hash)) }),
  );
  return readData<ApiKeyRecord>(Item);
}

/** Stores a key record; false when that key already exists (provisioning is idempotent). */
export async function putApiKey(record: ApiKeyRecord): Promise<boolean> {
  try {
    await dynamo.send(
      new PutItemCommand({
        TableName: tableName,
        Item: {
          ...stringAttributes({ ...apiKeyKey(record.hash), ...apiKeyCatalogKey(record.createdAt), entity: "apikey" }),
          data: S(JSON.stringify(record)),
        },
        ConditionExpression: "attribute_not_exists(PK)",
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}
