/**
 * npm run export [-- --out backup.json] [--stage <s>]: the whole table as JSON (treaties with
 * their events, retracted ones included, revisions and deadlines; subscriptions; API key
 * records, hashes only), to stdout or a file. Targets the table like `npm run seed`; see
 * scripts/local/backup.ts for what is read and how.
 */
import { writeFileSync } from "node:fs";
import { readArguments, TABLE_OPTIONS } from "./local/args.ts";
import { clientFor, describeTarget, exportTable, serialiseExport, tableTarget } from "./local/backup.ts";

const { values } = readArguments(process.argv.slice(2), { ...TABLE_OPTIONS, out: { type: "string" } });
const target = tableTarget(values);
const { out } = values;
const client = clientFor(target);
try {
  const data = await exportTable(client, target.tableName);
  const text = serialiseExport(data);
  if (out) writeFileSync(out, text);
  else process.stdout.write(text);
  const items = [...data.treaties, ...data.subscriptions, ...data.apiKeys].reduce((n, p) => n + p.items.length, 0);
  // The summary goes to stderr so that stdout stays pure JSON.
  console.error(
    `Exported ${describeTarget(target)}: ${data.treaties.length} treaties, ${data.subscriptions.length} subscriptions, ` +
      `${data.apiKeys.length} API keys, ${items} items${out ? ` to ${out}` : ""}.`,
  );
} finally {
  client.destroy();
}
