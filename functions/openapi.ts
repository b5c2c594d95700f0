import { httpHandler, ok } from "#http/handler";
import { serverFor } from "#http/servers";
import document from "../lib/http/openapi.json" with { type: "json" };

/**
 * GET /openapi.json: the contract. `npm run openapi` generates the file from the request
 * schemas, and a test fails when they disagree, so serving the file costs no schema
 * library at cold start. `servers` names the API that answered: the request's own origin
 * locally, the stage's URL when deployed.
 */
export const handler = httpHandler(async (event) =>
  ok({ ...document, servers: [serverFor(event)] }, { "cache-control": "public, max-age=300" }),
);
