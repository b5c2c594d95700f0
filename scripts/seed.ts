/**
 * npm run seed: loads data/treaties into a table, and refreshes what changed in data/ since. Idempotent.
 * Targets the local table like `npm run keys` (AWS_ENDPOINT_URL_DYNAMODB or http://127.0.0.1:8000, TABLE_NAME
 * or treaty-clock-local); `--stage <s>` without an endpoint targets the deployed table treaty-clock-<s> with the
 * default AWS credential chain, keeping that stage's own events. `--endpoint`, `--table`, `--region` override.
 */
import { readArguments, TABLE_OPTIONS } from "./local/args.ts";
import { describeTarget, tableTarget } from "./local/backup.ts";
import { loadSeed } from "./local/seed-data.ts";
import { useLocalDynamoDb } from "./local/stack.ts";

const { values } = readArguments(process.argv.slice(2), TABLE_OPTIONS);
const target = tableTarget(values);
if (target.endpoint) useLocalDynamoDb(target.endpoint, target.tableName);
else Object.assign(process.env, { TABLE_NAME: target.tableName, AWS_REGION: target.region });
const report = await loadSeed();
console.log(
  `Seeded ${describeTarget(target)}: ${report.treatiesCreated} treaties created, ${report.treatiesRedefined} redefined; ` +
    `${report.eventsCreated} events created, ${report.eventsCorrected} corrected ("catalogue update"), ` +
    `${report.eventsKeptAsEdited} kept as the newsroom edited them; ${report.unchanged} unchanged.`,
);
