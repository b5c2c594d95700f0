import { httpHandler, ok } from "#http/handler";
import { openApiDocument } from "#http/openapi";

let document: ReturnType<typeof openApiDocument> | undefined;

/** GET /openapi.json: the contract, generated from the request schemas. */
export const handler = httpHandler(async () => {
  document ??= openApiDocument();
  return ok(document, { "cache-control": "public, max-age=300" });
});
