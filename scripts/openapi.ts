/**
 * npm run openapi: writes lib/http/openapi.json from the request and response schemas (lib/http/openapi.ts),
 * lib/http/routes.json from serverless.yml's routes (lib/http/routes.ts), and test/client/api.d.ts, the
 * typed client's types, from the document (openapi-typescript, tools/openapi-typescript). The functions
 * serve and read the first two, so they load no schema library or YAML parser at cold start;
 * test/integration/openapi.test.ts and test/unit/client-types.test.ts fail when a file and its source disagree.
 * routes.json feeds the document's operationIds: after a change to the routes, run it twice.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { typesFromDocument } from "treaty-clock-openapi-typescript";
import { parse } from "yaml";
import { openApiDocument } from "#http/openapi";
import { routeTable } from "#http/routes";

const write = (relative: string, value: unknown) => {
  const target = fileURLToPath(new URL(relative, import.meta.url));
  writeFileSync(target, typeof value === "string" ? value : `${JSON.stringify(value, null, 2)}\n`);
  console.log(`Wrote ${target}`);
};

const config = parse(readFileSync(new URL("../serverless.yml", import.meta.url), "utf8"), { logLevel: "error" });
write("../lib/http/routes.json", routeTable(config.functions));
const document = openApiDocument();
write("../lib/http/openapi.json", document);
write("../test/client/api.d.ts", await typesFromDocument(JSON.parse(JSON.stringify(document))));
