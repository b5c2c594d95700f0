import { httpHandler, ok } from "#http/handler";
import document from "../lib/http/openapi.json" with { type: "json" };

/**
 * GET /openapi.json: the contract. `npm run openapi` generates the file from the request
 * schemas, and a test fails when they disagree, so serving the file costs no schema
 * library at cold start.
 */
export const handler = httpHandler(async () => ok(document, { "cache-control": "public, max-age=300" }));
