/**
 * npm run import:timeline -- <sheet.csv> --treaty <id> [--dry-run] [--stage <s>]: imports a TimelineJS
 * sheet (CSV, the template's columns) into a treaty's history exactly as POST
 * /treaties/{id}/events:import does: all rows or none, rows already imported recognised, `--dry-run`
 * printing each row's verdict and writing nothing. Targets the table like `npm run seed`.
 */
import { readFileSync } from "node:fs";
import { importSheet } from "#app/import";
import { DomainError } from "#domain/errors";
import { HttpError } from "#http/errors";
import { importRefusal, sheetRows } from "#http/import-schemas";
import { readArguments, TABLE_OPTIONS, UsageError } from "./local/args.ts";
import { describeTarget, tableTarget } from "./local/backup.ts";
import { useLocalDynamoDb } from "./local/stack.ts";

try {
  const { values, positionals } = readArguments(process.argv.slice(2), {
    ...TABLE_OPTIONS,
    treaty: { type: "string" },
    "dry-run": { type: "boolean" },
  });
  const [file] = positionals;
  if (!file || !values.treaty)
    throw new UsageError("usage: npm run import:timeline -- <sheet.csv> --treaty <id> [--dry-run]");
  const target = tableTarget(values);
  if (target.endpoint) useLocalDynamoDb(target.endpoint, target.tableName);
  else Object.assign(process.env, { TABLE_NAME: target.tableName, AWS_REGION: target.region });
  const rows = await sheetRows(readFileSync(file, "utf8"));
  const result = await importSheet(values.treaty, rows, {
    dryRun: values["dry-run"] === true,
    by: "import:timeline",
    now: new Date(),
  });
  console.log(JSON.stringify(result, null, 2));
  const refusal = importRefusal(result);
  if (refusal) {
    console.error(refusal.message);
    for (const error of refusal.errors ?? []) console.error(`  ${error.path}: ${error.message}`);
    process.exitCode = 1;
  } else {
    console.error(
      `${result.dryRun ? "Dry run on" : "Imported into"} ${describeTarget(target)}, treaty ${values.treaty}: ` +
        `${result.stored} new, ${result.alreadyStored} already stored, ${result.refused} refused.`,
    );
  }
} catch (error) {
  if (!(error instanceof UsageError || error instanceof HttpError || error instanceof DomainError)) throw error;
  console.error(error.message);
  process.exitCode = 2;
}
