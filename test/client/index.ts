import createClient, { type Client, type Middleware } from "openapi-fetch";
import document from "../../lib/http/openapi.json" with { type: "json" };
import { contractOf, type Document } from "../support/contract.ts";
import type { components, paths } from "./api.d.ts";

/**
 * The typed client the end-to-end tests call the API with: openapi-fetch over the types openapi-typescript
 * generates from the OpenAPI document (api.d.ts, `npm run openapi`). A path, parameter or body the document
 * does not declare fails `npm run typecheck`; an answer the document does not declare (status, media type,
 * or a body its exact schema refuses, checked by ajv) fails the test that received it.
 */
export type ApiClient = Client<paths, JsonMedia>;
/**
 * The media types the client's `data` and `error` are typed from: JSON answers and problems. A text answer
 * (CSV, iCalendar, HTML, Atom, a sentence) is asked for with `parseAs: "text"` and typed as a string.
 */
type JsonMedia = "application/json" | "application/problem+json";
/** The document's named schemas: `Schemas["Treaty"]`, `Schemas["EventInput"]`, ... */
export type Schemas = components["schemas"];

/** The document the client's types come from, as a contract: also checks bodies the API sends (webhooks). */
export const contract = contractOf(document as unknown as Document);

/** Every answer held to the document the client's types come from. */
const answersAsDeclared: Middleware = {
  async onResponse({ request, response, schemaPath }) {
    const operation = contract.operation(schemaPath, request.method);
    if (!operation) throw new Error(`${request.method} ${schemaPath} is not in the OpenAPI document`);
    const text = await response.clone().text();
    const breach = contract.breach(operation, response.status, response.headers.get("content-type"), text);
    if (breach) throw new Error(`${request.method} ${request.url} answered outside the document: ${breach}`);
    return undefined;
  },
};

/** A client of the API at `baseUrl`; with `key`, every request carries it in x-api-key. */
export function apiClient(baseUrl: string, key?: string): ApiClient {
  const client = createClient<paths, JsonMedia>({
    baseUrl,
    ...(key === undefined ? {} : { headers: { "x-api-key": key } }),
  });
  client.use(answersAsDeclared);
  return client;
}
