/**
 * npm run openapi: writes lib/http/openapi.json from the request schemas (lib/http/openapi.ts), and
 * lib/http/routes.json from serverless.yml's routes (lib/http/routes.ts). The functions serve and read
 * those files, so they load no schema library or YAML parser at cold start;
 * test/integration/openapi.test.ts fails when a file and its source disagree.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { openApiDocument } from "#http/openapi";
import { routeTable } from "#http/routes";

const write = (relative: string, value: unknown) => {
  const target = fileURLToPath(new URL(relative, import.meta.url));
  writeFileSync(target, `${JSON.stringify(value, null, 2)}\n`);
  console.log(`Wrote ${target}`);
};

const config = parse(readFileSync(new URL("../serverless.yml", import.meta.url), "utf8"), { logLevel: "error" });
write("../lib/http/routes.json", routeTable(config.functions));
write("../lib/http/openapi.json", openApiDocument());
