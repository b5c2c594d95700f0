import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { promisify } from "node:util";
import { DynamoDBClient, QueryCommand } from "@aws-sdk/client-dynamodb";
import { describe, expect, inject, it } from "vitest";
import { ApiKeyNotFoundError, revokeApiKey } from "#store/api-keys";
import { handler as addEvent } from "../../functions/add-event.ts";
import { handler as createTreaty } from "../../functions/create-treaty.ts";
import { runKeys } from "../../scripts/keys.ts";
import { givenTreaty } from "../support/fixtures.ts";
import { call, eventInput, sampleEvent, treatyInput, uniqueId } from "../support/lambda.ts";

/** SHA-256 in hex, computed here rather than by the store, which is under test. */
const sha256Hex = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

const run = promisify(execFile);

async function keys(...argv: string[]): Promise<string> {
  const lines: string[] = [];
  await runKeys(argv, (line) => lines.push(line));
  return lines.join("\n");
}

/** Creates a key through the CLI logic and returns its id and the key as printed. */
async function createKey(name: string): Promise<{ id: string; key: string; output: string }> {
  const output = await keys("create", "--name", name);
  const key = /\b(tc_[A-Za-z0-9_-]+)/.exec(output)?.[1];
  const id = /Created API key (\S+)/.exec(output)?.[1];
  if (!key || !id) throw new Error(`unexpected output: ${output}`);
  return { id, key, output };
}

const writeWith = (key: string, treatyId: string) =>
  call(
    addEvent,
    sampleEvent("add-event.json", {
      path: { treatyId },
      body: eventInput(),
      withKey: false,
      headers: { "x-api-key": key },
    }),
  );

async function rawKeyItems(): Promise<string> {
  const client = new DynamoDBClient({});
  const { Items } = await client.send(
    new QueryCommand({
      TableName: inject("tableName"),
      IndexName: "GSI1",
      KeyConditionExpression: "GSI1PK = :c",
      ExpressionAttributeValues: { ":c": { S: "APIKEYS" } },
    }),
  );
  client.destroy();
  return JSON.stringify(Items);
}

describe("API keys (npm run keys, against DynamoDB Local)", () => {
  it("prints a new tc_ key once, and stores only its hash", async () => {
    const { key, output } = await createKey("Foreign desk");
    expect(key).toMatch(/^tc_[A-Za-z0-9_-]{43}$/);
    expect(output).toContain("only time the key is shown");
    const stored = await rawKeyItems();
    expect(stored).not.toContain(key);
    expect(stored).not.toContain(key.slice(3));
    expect(stored).toContain(sha256Hex(key));
  });

  it("lists id, name, createdAt and revokedAt, never a key or a hash", async () => {
    const name = `Desk ${uniqueId()}`;
    const { id, key } = await createKey(name);
    const listing = await keys("list");
    const row = listing.split("\n").find((line) => line.startsWith(id));
    expect(listing.split("\n")[0]).toMatch(/^id\s+name\s+createdAt\s+revokedAt$/);
    expect(row).toMatch(new RegExp(`^${id}\\s+${name}\\s+\\d{4}-\\d{2}-\\d{2}T[\\d:.]+Z\\s+-$`));
    expect(listing).not.toContain(key);
    expect(listing).not.toContain(sha256Hex(key));
    expect(listing).not.toMatch(/[0-9a-f]{64}/);
  });

  it("records the key's id on the events and treaties it writes", async () => {
    const { id, key } = await createKey("Wire desk");
    const treatyId = uniqueId();
    const treaty = await call(
      createTreaty,
      sampleEvent("create-treaty.json", { body: treatyInput(treatyId), withKey: false, headers: { "x-api-key": key } }),
    );
    expect(treaty.status).toBe(201);
    const event = await writeWith(key, treatyId);
    expect(event.status).toBe(201);
    expect(event.body.createdBy).toBe(id);
  });

  it("refuses a revoked key on the very next request, and lists when it was revoked", async () => {
    const { id, key } = await createKey("Departing desk");
    const treatyId = await givenTreaty();
    expect((await writeWith(key, treatyId)).status).toBe(201);

    const revoked = await keys("revoke", id);

    expect(revoked).toContain(`Revoked API key ${id}`);
    const refused = await writeWith(key, treatyId);
    expect(refused.status).toBe(401);
    expect(refused.body.detail).toMatch(/revoked/);
    const row = (await keys("list")).split("\n").find((line) => line.startsWith(id));
    expect(row).toMatch(/\d{4}-\d{2}-\d{2}T[\d:.]+Z$/);
  });

  it("keeps the first revocation time when a key is revoked twice", async () => {
    const { id } = await createKey("Twice revoked");
    const first = await revokeApiKey(id, new Date("2030-01-01T00:00:00Z"));
    const second = await revokeApiKey(id, new Date("2031-01-01T00:00:00Z"));
    expect(second.revokedAt).toBe(first.revokedAt);
  });

  it("says which id is unknown, and how to find the ids", async () => {
    await expect(keys("revoke", "key-000000000000")).rejects.toBeInstanceOf(ApiKeyNotFoundError);
    await expect(keys("create")).rejects.toThrow(/--name/);
    await expect(keys("rotate")).rejects.toThrow(/Usage/);
  });

  it("works as npm run keys, printing the key on stdout", async () => {
    const name = `CLI desk ${uniqueId()}`;
    const { stdout } = await run("npm", ["run", "--silent", "keys", "--", "create", "--name", name], {
      env: { ...process.env, TABLE_NAME: inject("tableName"), AWS_ENDPOINT_URL_DYNAMODB: inject("dynamoEndpoint") },
    });
    expect(stdout).toMatch(/tc_[A-Za-z0-9_-]{43}/);
    const listed = await run("npm", ["run", "--silent", "keys", "--", "list"], { env: process.env });
    expect(listed.stdout).toContain(name);
    const usage = await run("npm", ["run", "--silent", "keys", "--", "revoke"], { env: process.env }).catch(
      (error: { code: number; stderr: string }) => error,
    );
    expect(usage).toMatchObject({ code: 2, stderr: expect.stringContaining("revoke needs the key id") });
  }, 60_000);
});
