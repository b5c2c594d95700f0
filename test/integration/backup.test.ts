import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { DeleteTableCommand, PutItemCommand } from "@aws-sdk/client-dynamodb";
import { afterAll, describe, expect, inject, it } from "vitest";
import { subscriptionCatalogueKey, subscriptionKey } from "#store/keys";
import { handler as correctEvent } from "../../functions/correct-event.ts";
import { handler as retractEvent } from "../../functions/retract-event.ts";
import {
  clientFor,
  exportTable,
  ImportRefusedError,
  importTable,
  parseExport,
  serialiseExport,
  type TableExport,
} from "../../scripts/local/backup.ts";
import { ensureTable } from "../../scripts/local/stack.ts";
import { givenEvent, givenTreaty } from "../support/fixtures.ts";
import { call, sampleEvent, uniqueId } from "../support/lambda.ts";

/** SHA-256 in hex, computed here rather than by the store, which is under test. */
const sha256Hex = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

const run = promisify(execFile);
const endpoint = inject("dynamoEndpoint");
const mainTable = inject("tableName");
const client = clientFor({ endpoint, tableName: mainTable, region: "eu-west-1" });
const madeTables: string[] = [];
const workDir = mkdtempSync(join(tmpdir(), "treaty-clock-backup-"));

/** An empty table created from serverless.yml's definition, dropped after the file's tests. */
async function freshTable(): Promise<string> {
  const name = `backup-${uniqueId()}`;
  await ensureTable(endpoint, name);
  madeTables.push(name);
  return name;
}

afterAll(async () => {
  for (const name of madeTables) await client.send(new DeleteTableCommand({ TableName: name }));
  client.destroy();
  rmSync(workDir, { recursive: true, force: true });
});

/** A treaty whose notice was corrected and then retracted: events, ref, revisions, no deadline left. */
async function givenCorrectedHistory() {
  const treatyId = await givenTreaty();
  const notice = await givenEvent(treatyId);
  const kept = await givenEvent(treatyId, { party: "RU", date: "2019-03-04" });
  const path = { treatyId, eventId: notice.id };
  const corrected = await call(
    correctEvent,
    sampleEvent("correct-event.json", {
      path,
      body: { reason: "Date of the note.", date: "2019-02-01" },
      headers: { "if-match": "1" },
    }),
  );
  const retracted = await call(
    retractEvent,
    sampleEvent("retract-event.json", { path, body: { reason: "Never delivered." }, headers: { "if-match": "2" } }),
  );
  if (corrected.status !== 200 || retracted.status !== 200) throw new Error("could not build the history");
  return { treatyId, notice, kept };
}

const entitiesOf = (data: TableExport, treatyId: string) =>
  data.treaties.find((p) => p.PK === `TREATY#${treatyId}`)?.items.map((item) => item.entity?.S);

describe("export and import (against DynamoDB Local)", () => {
  it("exports treaties with retracted events, refs, revisions and deadlines, and key hashes only", async () => {
    const { treatyId, notice } = await givenCorrectedHistory();

    const data = await exportTable(client, mainTable);

    expect(entitiesOf(data, treatyId)?.sort()).toEqual(
      ["deadline", "event", "event", "eventref", "eventref", "revision", "revision", "treaty"].sort(),
    );
    const partition = data.treaties.find((p) => p.PK === `TREATY#${treatyId}`);
    const retracted = partition?.items.find((item) => item.data?.S?.includes(`"id":"${notice.id}"`));
    expect(JSON.parse(retracted?.data?.S ?? "{}")).toMatchObject({ retracted: { reason: "Never delivered." } });
    expect(data.treaties.map((p) => p.PK)).toEqual(expect.arrayContaining(["TREATY#inf", "TREATY#abm"]));
    const keys = JSON.stringify(data.apiKeys);
    expect(keys).toContain(sha256Hex(inject("apiKey")));
    expect(keys).not.toContain(inject("apiKey"));
  });

  it("imports an export into an empty table so that exporting it again gives the same JSON", async () => {
    await givenCorrectedHistory();
    const first = await exportTable(client, mainTable);
    const target = await freshTable();

    const report = await importTable(client, target, first);

    expect(report.treaties).toBe(first.treaties.length);
    expect(serialiseExport(await exportTable(client, target))).toBe(serialiseExport(first));
  });

  it("carries subscription partitions as they are, whatever their items", async () => {
    const source = await freshTable();
    const id = uniqueId("sub");
    const at = "2030-01-01T00:00:00.000Z";
    const raw = [
      {
        ...subscriptionKey(id),
        ...subscriptionCatalogueKey(at, id),
        entity: "subscription",
        data: '{"url":"https://example.org/hook"}',
      },
      { PK: subscriptionKey(id).PK, SK: "DELIVERY#inf#x#2030-02-01#7", entity: "delivery" },
    ];
    for (const item of raw) {
      const stored = Object.fromEntries(Object.entries(item).map(([name, value]) => [name, { S: value }]));
      await client.send(
        new PutItemCommand({ TableName: source, Item: { ...stored, attempts: { N: "2" }, ok: { BOOL: true } } }),
      );
    }
    const data = await exportTable(client, source);
    expect(data.subscriptions).toHaveLength(1);
    expect(data.subscriptions[0]?.items).toHaveLength(2);
    const target = await freshTable();
    await importTable(client, target, data);
    expect(await exportTable(client, target)).toEqual(data);
  });

  it("refuses to import into a table that has treaties, and writes nothing", async () => {
    const target = await freshTable();
    const data = await exportTable(client, mainTable);
    await importTable(client, target, data);
    const before = serialiseExport(await exportTable(client, target));
    const changed: TableExport = {
      ...data,
      apiKeys: [...data.apiKeys, { PK: "APIKEY#x", items: [{ PK: { S: "APIKEY#x" }, SK: { S: "APIKEY" } }] }],
    };

    await expect(importTable(client, target, changed)).rejects.toBeInstanceOf(ImportRefusedError);

    expect(serialiseExport(await exportTable(client, target))).toBe(before);
  });

  it.each([
    ["text that is not JSON", "{"],
    ["JSON that is not an export", '{"treaties": []}'],
    [
      "an item outside its partition",
      JSON.stringify({
        format: "treaty-clock-export",
        formatVersion: 1,
        treaties: [{ PK: "TREATY#a", items: [{ PK: { S: "TREATY#b" }, SK: { S: "TREATY" } }] }],
        subscriptions: [],
        apiKeys: [],
      }),
    ],
    [
      "an attribute that is not a DynamoDB value",
      JSON.stringify({
        format: "treaty-clock-export",
        formatVersion: 1,
        treaties: [{ PK: "TREATY#a", items: [{ PK: { S: "TREATY#a" }, SK: { S: "TREATY" }, data: "plain" }] }],
        subscriptions: [],
        apiKeys: [],
      }),
    ],
  ])("refuses a file with %s before writing anything", (_what, text) => {
    expect(() => parseExport(text)).toThrow(ImportRefusedError);
  });

  it("round-trips through npm run export and npm run import", async () => {
    const target = await freshTable();
    const file = join(workDir, "backup.json");
    const env = { ...process.env, AWS_ENDPOINT_URL_DYNAMODB: endpoint, TABLE_NAME: mainTable };

    await run("npm", ["run", "--silent", "export", "--", "--out", file], { env });
    const imported = await run("npm", ["run", "--silent", "import", "--", file, "--table", target], { env });
    const again = await run("npm", ["run", "--silent", "export", "--", "--table", target], {
      env,
      maxBuffer: 64 * 1024 * 1024,
    });

    expect(imported.stderr).toMatch(/Imported into backup-.* \d+ treaties/);
    expect(again.stdout).toBe(readFileSync(file, "utf8"));
    const refused = await run("npm", ["run", "--silent", "import", "--", file, "--table", target], { env }).catch(
      (error: { code: number; stderr: string }) => error,
    );
    expect(refused).toMatchObject({ code: 2, stderr: expect.stringContaining("already holds treaties") });
  }, 90_000);
});
