/**
 * npm run import -- backup.json [--stage <s>] (or the export on stdin): restores an export into a
 * table that holds no treaty yet, item for item, so exporting it again gives the same JSON.
 * Refuses a table that already has treaties and writes nothing then. Targets the table like
 * `npm run seed`.
 */
import { readFileSync } from "node:fs";
import { readArguments, TABLE_OPTIONS, UsageError } from "./local/args.ts";
import {
  clientFor,
  describeTarget,
  ImportRefusedError,
  importTable,
  parseExport,
  tableTarget,
} from "./local/backup.ts";

const { values, positionals } = readArguments(process.argv.slice(2), TABLE_OPTIONS);
const [file] = positionals;
const target = tableTarget(values);
const client = clientFor(target);
try {
  const text = file ? readFileSync(file, "utf8") : readFileSync(0, "utf8");
  const report = await importTable(client, target.tableName, parseExport(text));
  console.error(
    `Imported into ${describeTarget(target)}: ${report.treaties} treaties, ${report.subscriptions} subscriptions, ` +
      `${report.apiKeys} API keys, ${report.items} items.`,
  );
} catch (error) {
  if (!(error instanceof ImportRefusedError || error instanceof UsageError)) throw error;
  console.error(error.message);
  process.exitCode = 2;
} finally {
  client.destroy();
}
