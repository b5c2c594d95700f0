import { DeleteItemCommand, GetItemCommand, PutItemCommand, UpdateItemCommand } from "@aws-sdk/client-dynamodb";
import { ConcurrentChangeError } from "#domain/errors";
import { readCatalogue } from "#store/catalogue";
import { dynamo, tableName } from "#store/client";
import { conditionHeld } from "#store/errors";
import { readData, S, stringAttributes } from "#store/items";
import { SUBSCRIPTIONS_CATALOGUE, subscriptionCatalogueKey, subscriptionKey } from "#store/keys";

/**
 * Access patterns on reminder subscriptions:
 * - putSubscription(record)    PutItem  PK=SUBSCRIPTION#<id>, SK=SUBSCRIPTION, if absent
 * - getSubscription(id)        GetItem  PK=SUBSCRIPTION#<id>, SK=SUBSCRIPTION
 * - listSubscriptions()        Query    GSI1 GSI1PK=SUBSCRIPTIONS (oldest first)
 * - rotateSubscriptionSecret(id, secret)  GetItem, then UpdateItem data if it is still what was read
 * - deleteSubscription(id)     DeleteItem if present; the delivery ledger under the same PK stays
 *
 * The secret is stored because every reminder is signed with it; it leaves the table only in
 * the answer that creates or rotates it and in the signatures. After a rotation the previous
 * secret is kept, with the moment it stops signing, on the same item.
 */
export interface SubscriptionRecord {
  id: string;
  url: string;
  /** Absent: reminders for every treaty. */
  treatyId?: string;
  offsetsDays: number[];
  label?: string;
  secret: string;
  /** The secret a rotation replaced; it signs beside `secret` until `previousSecretExpiresAt`. */
  previousSecret?: string;
  previousSecretExpiresAt?: string;
  secretRotatedAt?: string;
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

/**
 * Makes `secret` the subscription's secret and keeps the one it replaces, signing beside it
 * until `overlapMs` from `now`. One conditional write of the whole record, on the condition
 * that it is still the record that was read: a concurrent rotation or a delete in between
 * makes it read again, so two rotations never leave a secret that was handed out unstored
 * and still reported as current. Returns the record as stored, or undefined when there is
 * no such subscription; ConcurrentChangeError when other rotations kept winning the race.
 */
export async function rotateSubscriptionSecret(
  subscriptionId: string,
  secret: string,
  options: { now: Date; overlapMs: number },
): Promise<SubscriptionRecord | undefined> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const { Item } = await dynamo.send(
      new GetItemCommand({
        TableName: tableName,
        Key: stringAttributes(subscriptionKey(subscriptionId)),
        ConsistentRead: true,
      }),
    );
    const current = readData<SubscriptionRecord>(Item);
    const read = Item?.data?.S;
    if (!current || read === undefined) return undefined;
    const rotated: SubscriptionRecord = {
      ...current,
      secret,
      previousSecret: current.secret,
      previousSecretExpiresAt: new Date(options.now.getTime() + options.overlapMs).toISOString(),
      secretRotatedAt: options.now.toISOString(),
    };
    const written = await conditionHeld(
      dynamo.send(
        new UpdateItemCommand({
          TableName: tableName,
          Key: stringAttributes(subscriptionKey(subscriptionId)),
          UpdateExpression: "SET #data = :rotated",
          ConditionExpression: "#data = :read",
          ExpressionAttributeNames: { "#data": "data" },
          ExpressionAttributeValues: { ":rotated": S(JSON.stringify(rotated)), ":read": S(read) },
        }),
      ),
    );
    if (written) return rotated;
  }
  throw new ConcurrentChangeError(
    `Subscription ${subscriptionId} was changed by other requests while its secret was rotated; try again.`,
  );
}

/** False when no such subscription exists. */
export async function deleteSubscription(subscriptionId: string): Promise<boolean> {
  return conditionHeld(
    dynamo.send(
      new DeleteItemCommand({
        TableName: tableName,
        Key: stringAttributes(subscriptionKey(subscriptionId)),
        ConditionExpression: "attribute_exists(PK)",
      }),
    ),
  );
}
