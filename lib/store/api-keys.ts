import { createHash, randomBytes } from "node:crypto";
import { GetItemCommand, PutItemCommand } from "@aws-sdk/client-dynamodb";
import { readCatalogue } from "#store/catalogue";
import { dynamo, tableName } from "#store/client";
import { conditionHeld } from "#store/errors";
import { type Item, readData, S, stringAttributes } from "#store/items";
import { API_KEYS_CATALOGUE, apiKeyCatalogueKey, apiKeyKey } from "#store/keys";

/**
 * Access patterns on API keys. Only the SHA-256 of a key is ever stored; looking a key
 * up is a GetItem on its hash.
 * - findApiKey(hash)     GetItem PK=APIKEY#<hash>, strongly consistent, never cached: a revoked key
 *                        fails on the very next request
 * - putApiKey(record)    PutItem if absent
 * - createApiKey(name)   a new random key, stored as its hash; the key itself is returned once
 * - listApiKeys()        Query GSI1 GSI1PK=APIKEYS, oldest first (ids, names and dates, never hashes)
 * - revokeApiKey(id)     the catalogue finds the key by id, then a Put (if it exists) marks it revoked
 */
export interface ApiKeyRecord {
  /** Short public id, safe to log and to record on writes. */
  id: string;
  name: string;
  hash: string;
  createdAt: string;
  revokedAt?: string;
}

/** What may be shown about a key: everything but its hash. */
export type ApiKeyListing = Omit<ApiKeyRecord, "hash">;

/** Keys begin with this, so a leaked one is recognisable in logs, tickets and secret scanners. */
export const API_KEY_PREFIX = "tc_";

/** The same digest lib/http/auth.ts compares against: SHA-256 of the key's UTF-8 bytes, hex. */
export const apiKeyHash = (key: string): string => createHash("sha256").update(key, "utf8").digest("hex");

export class ApiKeyNotFoundError extends Error {
  constructor(readonly id: string) {
    super(`No API key with id "${id}"; \`npm run keys -- list\` shows the ids.`);
    this.name = "ApiKeyNotFoundError";
  }
}

function apiKeyItem(record: ApiKeyRecord): Item {
  return {
    ...stringAttributes({ ...apiKeyKey(record.hash), ...apiKeyCatalogueKey(record.createdAt), entity: "apikey" }),
    data: S(JSON.stringify(record)),
  };
}

export async function findApiKey(hash: string): Promise<ApiKeyRecord | undefined> {
  const { Item } = await dynamo.send(
    new GetItemCommand({ TableName: tableName, Key: stringAttributes(apiKeyKey(hash)), ConsistentRead: true }),
  );
  return readData<ApiKeyRecord>(Item);
}

/** Stores a key record; false when that key already exists (provisioning is idempotent). */
export async function putApiKey(record: ApiKeyRecord): Promise<boolean> {
  return conditionHeld(
    dynamo.send(
      new PutItemCommand({
        TableName: tableName,
        Item: apiKeyItem(record),
        ConditionExpression: "attribute_not_exists(PK)",
      }),
    ),
  );
}

const listing = ({ hash: _hash, ...shown }: ApiKeyRecord): ApiKeyListing => shown;

/**
 * A new key: 32 random bytes, base64url, behind the `tc_` prefix. Only its hash is stored;
 * the key is in the answer and nowhere else, so it can be shown once and never again.
 */
export async function createApiKey(name: string, now = new Date()): Promise<{ key: string; record: ApiKeyListing }> {
  for (;;) {
    const key = `${API_KEY_PREFIX}${randomBytes(32).toString("base64url")}`;
    const record: ApiKeyRecord = {
      id: `key-${randomBytes(6).toString("hex")}`,
      name,
      hash: apiKeyHash(key),
      createdAt: now.toISOString(),
    };
    // A collision of 256 random bits does not happen; the loop only keeps the Put honest.
    if (await putApiKey(record)) return { key, record: listing(record) };
  }
}

async function allApiKeys(): Promise<ApiKeyRecord[]> {
  return readCatalogue(API_KEYS_CATALOGUE, (item) => readData<ApiKeyRecord>(item));
}

export async function listApiKeys(): Promise<ApiKeyListing[]> {
  return (await allApiKeys()).map(listing);
}

/**
 * Marks a key revoked; requireWriter refuses it from the next request on. Revoking a
 * revoked key keeps its first revokedAt. The record stays, so writes it made keep a
 * resolvable author.
 */
export async function revokeApiKey(id: string, now = new Date()): Promise<ApiKeyListing> {
  const found = (await allApiKeys()).find((record) => record.id === id);
  if (!found) throw new ApiKeyNotFoundError(id);
  // The catalogue is an index (eventually consistent): read the key itself before changing it.
  const current = await findApiKey(found.hash);
  if (!current) throw new ApiKeyNotFoundError(id);
  if (current.revokedAt) return listing(current);
  const revoked: ApiKeyRecord = { ...current, revokedAt: now.toISOString() };
  // Two revocations at once both succeed; the later revokedAt stands, which is harmless.
  await dynamo.send(
    new PutItemCommand({
      TableName: tableName,
      Item: apiKeyItem(revoked),
      ConditionExpression: "attribute_exists(PK)",
    }),
  );
  return listing(revoked);
}
