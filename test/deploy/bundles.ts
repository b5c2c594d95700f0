/**
 * Each function's bundle, as esbuild builds it (tree-shaken, so only what the handler can reach),
 * and what it can do: the DynamoDB actions it can call and the configuration it reads.
 */
import { readFileSync } from "node:fs";
import { build } from "esbuild";
import { parse } from "yaml";

export interface Grants {
  table: string[];
  indexes: Record<string, string[]>;
}

export const serverless = parse(readFileSync(new URL("../../serverless.yml", import.meta.url), "utf8"), {
  logLevel: "error",
}) as {
  functions: Record<string, { handler: string; environment?: Record<string, unknown> }>;
  custom: { access: Record<string, Partial<Grants>> };
};

/** The bundle of every function in serverless.yml, by function name. */
export async function bundles(): Promise<Record<string, string>> {
  const entries = await Promise.all(
    Object.entries(serverless.functions).map(async ([name, fn]) => {
      const out = await build({
        entryPoints: [fileOf(fn.handler)],
        bundle: true,
        write: false,
        platform: "node",
        format: "esm",
        logLevel: "silent",
      });
      return [name, out.outputFiles[0]?.text ?? ""] as const;
    }),
  );
  return Object.fromEntries(entries);
}

const fileOf = (handler: string) => `${handler.replace(/\.handler$/, "")}.ts`;

/** Items of a TransactWriteItems, written `{ Put: { TableName ... } }`, need the item-level action. */
const TRANSACTION_ITEM = /\b(Put|Delete|Update|ConditionCheck):\s*\{\s*TableName/g;
const COMMAND = /new [\w$.]*?\b(GetItem|PutItem|UpdateItem|DeleteItem|BatchGetItem|BatchWriteItem|Scan)Command\(/g;

/** The DynamoDB actions a bundle can call, on the table and on each index. */
export function callsIn(bundle: string): Grants {
  const table = new Set<string>();
  const indexes: Record<string, string[]> = {};
  for (const [, action] of bundle.matchAll(COMMAND)) table.add(action ?? "");
  for (const [, kind] of bundle.matchAll(TRANSACTION_ITEM)) {
    table.add(kind === "ConditionCheck" ? "ConditionCheckItem" : `${kind}Item`);
  }
  if (/new [\w$.]*?\bQueryCommand\(|paginateQuery\)?\(/.test(bundle)) {
    if (/KeyConditionExpression:\s*"PK = /.test(bundle)) table.add("Query");
    for (const [, index] of bundle.matchAll(/IndexName:\s*"(GSI\d)"/g)) indexes[index ?? ""] = ["Query"];
  }
  return { table: [...table].sort(), indexes };
}

/** What custom.access grants a function, in the same shape. */
export function granted(name: string): Grants {
  const access = serverless.custom.access[name] ?? {};
  return {
    table: [...(access.table ?? [])].sort(),
    indexes: Object.fromEntries(
      Object.entries(access.indexes ?? {}).map(([index, actions]) => [index, [...actions].sort()]),
    ),
  };
}
