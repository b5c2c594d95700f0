/**
 * npm run openapi: writes lib/http/openapi.json from the request schemas (lib/http/openapi.ts).
 * The openapi function serves that file, so it loads no schema library at cold start;
 * test/integration/openapi.test.ts fails when the file and the schemas disagree.
 */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { openApiDocument } from "#http/openapi";

const target = fileURLToPath(new URL("../lib/http/openapi.json", import.meta.url));
writeFileSync(target, `${JSON.stringify(openApiDocument(), null, 2)}\n`);
console.log(`Wrote ${target}`);
