/**
 * npm run seed: loads data/treaties into a running table. Idempotent.
 * Targets TABLE_NAME at AWS_ENDPOINT_URL_DYNAMODB (default: the table `npm start` makes
 * on http://127.0.0.1:8000), or pass --endpoint and --table.
 */
import { readArguments } from "./local/args.ts";
import { loadSeed } from "./local/seed-data.ts";
import { localTableName, useLocalDynamoDb } from "./local/stack.ts";

const { values } = readArguments(process.argv.slice(2), {
  endpoint: { type: "string" },
  table: { type: "string" },
});
const endpoint = values.endpoint ?? process.env.AWS_ENDPOINT_URL_DYNAMODB ?? "http://127.0.0.1:8000";
const table = values.table ?? process.env.TABLE_NAME ?? localTableName();
if (endpoint) useLocalDynamoDb(endpoint, table);
else process.env.TABLE_NAME = table;
const report = await loadSeed();
console.log(
  `Seeded ${table}: ${report.treatiesCreated} treaties and ${report.eventsCreated} events created, ${report.unchanged} already there.`,
);
