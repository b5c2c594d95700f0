import { DeleteItemCommand, GetItemCommand, PutItemCommand } from "@aws-sdk/client-dynamodb";
import { readCatalogue } from "#store/catalogue";
import { dynamo, tableName } from "#store/client";
import { isConditionFailure } from "#store/errors";
import { readData, S, stringAttributes } from "#store/items";
import { SUBSCRIPTIONS_CATALOGUE, subscriptionCatalogueKey, subscriptionKey } from "#store/keys";

/**
 * Access patterns on reminder subscriptions:
 * - putSubscription(record)    PutItem  PK=SUBSCRIPTION#<id>, SK=SUBSCRIPTION, if absent
 * - getSubscription(id)        GetItem  PK=SUBSCRIPTION#<id>, SK=SUBSCRIPTION
 * - listSubscriptions()        Query    GSI1 GSI1PK=SUBSCRIPTIONS (oldest first)
 * - deleteSubscription(id)     DeleteItem if present; the delivery ledger under the same PK stays
 *
 * The secret is stored because every reminder is signed with it; it leaves the table only in
 * the 201 that creates the subscription and in the signatures.
 */
export interface SubscriptionRecord {
  id: string;
  url: string;
  /** Absent: reminders for every treaty. */
  treatyId?: string;
  offsetsDays: number[];
  label?: string;
  secret: string;
  createdAt: string;
  createdBy?: string;
}

export async function putSubscription(record: SubscriptionRecord): Promise<void> {
  await dynamo.send(
    new PutItemCommand({
      TableName: tableName,
      Item: {
        ...stringAttributes({
          ...subscriptionKey(record.id),
          ...subscriptionCatalogueKey(record.createdAt, record.id),
          entity: "subscription",
        }),
        data: S(JSON.stringify(record)),
      },
      ConditionExpression: "attribute_not_exists(PK)",
    }),
  );
}

export async function getSubscription(
  subscriptionId: string,
  options: { consistent?: boolean } = {},
): Promise<SubscriptionRecord | undefined> {
  const { Item } = await dynamo.send(
    new GetItemCommand({
      TableName: tableName,
      Key: stringAttributes(subscriptionKey(subscriptionId)),
      ConsistentRead: options.consistent,
    }),
  );
  return readData<SubscriptionRecord>(Item);
}

export async function listSubscriptions(): Promise<SubscriptionRecord[]> {
  return readCatalogue(SUBSCRIPTIONS_CATALOGUE, (item) => readData<SubscriptionRecord>(item));
}

/** False when no such subscription exists. */
export async function deleteSubscription(subscriptionId: string): Promise<boolean> {
  try {
    await dynamo.send(
      new DeleteItemCommand({
        TableName: tableName,
        Key: stringAttributes(subscriptionKey(subscriptionId)),
        ConditionExpression: "attribute_exists(PK)",
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}
