/**
 * npm run keys -- <command>: API keys for writers.
 *   create --name "Foreign desk"   prints a new key once; only its hash is stored
 *   list                           id, name, createdAt, revokedAt (never hashes)
 *   revoke <id>                    the key fails from its next request on
 * Targets the local table like `npm run seed` (AWS_ENDPOINT_URL_DYNAMODB or http://127.0.0.1:8000,
 * TABLE_NAME or treaty-clock-local); `--stage <s>` without an endpoint targets the deployed table
 * treaty-clock-<s> with the default AWS credential chain. `--endpoint`, `--table`, `--region` override.
 */
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { readArguments, TABLE_OPTIONS, UsageError } from "./local/args.ts";
import { describeTarget, type TableTarget, tableTarget } from "./local/backup.ts";
import { useLocalDynamoDb } from "./local/stack.ts";

const USAGE = `Usage:
  npm run keys -- create --name "Foreign desk" [--stage <s>]
  npm run keys -- list [--stage <s>]
  npm run keys -- revoke <key id> [--stage <s>]`;

function pointAt(target: TableTarget): void {
  if (target.endpoint) useLocalDynamoDb(target.endpoint, target.tableName);
  else Object.assign(process.env, { TABLE_NAME: target.tableName, AWS_REGION: target.region });
}

export async function runKeys(argv: readonly string[], print: (line: string) => void): Promise<void> {
  const { values, positionals } = readArguments(argv, { ...TABLE_OPTIONS, name: { type: "string" } });
  const [command, id] = positionals;
  const target = tableTarget(values);
  pointAt(target);
  // Imported after pointAt: the store reads TABLE_NAME when it loads.
  const { createApiKey, listApiKeys, revokeApiKey } = await import("#store/api-keys");
  switch (command) {
    case "create": {
      const name = values.name?.trim();
      if (!name || name.length > 120) throw new UsageError(`create needs --name (1 to 120 characters).\n${USAGE}`);
      const { key, record } = await createApiKey(name);
      print(`Created API key ${record.id} "${record.name}" in ${describeTarget(target)}.`);
      print("");
      print(`  ${key}`);
      print("");
      print("This is the only time the key is shown; store it now. Send it as x-api-key.");
      return;
    }
    case "list": {
      const keys = await listApiKeys();
      if (keys.length === 0) {
        print(`No API keys in ${describeTarget(target)}.`);
        return;
      }
      const rows = [
        ["id", "name", "createdAt", "revokedAt"],
        ...keys.map((k) => [k.id, k.name, k.createdAt, k.revokedAt ?? "-"]),
      ];
      const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? "").length))) ?? [];
      for (const row of rows)
        print(
          row
            .map((cell, column) => cell.padEnd(widths[column] ?? 0))
            .join("  ")
            .trimEnd(),
        );
      return;
    }
    case "revoke": {
      if (!id) throw new UsageError(`revoke needs the key id (see list).\n${USAGE}`);
      const record = await revokeApiKey(id);
      print(`Revoked API key ${record.id} "${record.name}" at ${record.revokedAt}; it is refused from now on.`);
      return;
    }
    default:
      throw new UsageError(USAGE);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  try {
    await runKeys(process.argv.slice(2), (line) => console.log(line));
  } catch (error) {
    const known = error instanceof Error && ["UsageError", "ApiKeyNotFoundError"].includes(error.name);
    console.error(known ? (error as Error).message : error);
    process.exit(known ? 2 : 1);
  }
}
