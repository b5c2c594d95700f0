import type { APIGatewayProxyEventV2 } from "aws-lambda";
import type * as z from "zod/mini";
import { TreatyNotFoundError } from "#domain/errors";
import { BadRequestError, type FieldError, PayloadTooLargeError, UnsupportedMediaTypeError } from "#http/errors";
import { SLUG_PATTERN } from "#http/patterns";

/** A request as API Gateway (HTTP API, payload 2.0) hands it to a function. */
export type HttpEvent = APIGatewayProxyEventV2;

export const MAX_BODY_BYTES = 32 * 1024;
export const MAX_JSON_DEPTH = 8;
/** Ids in paths are slugs and UUIDs; anything this long is not one. */
export const MAX_PATH_PARAMETER_LENGTH = 256;

function header(event: HttpEvent, name: string): string | undefined {
  const headers = event.headers ?? {};
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === name) return value;
  return undefined;
}

export { header };

const unknownFields = (keys: string[]) => `unknown field${keys.length > 1 ? "s" : ""}: ${keys.join(", ")}`;

function fieldErrors(error: z.core.$ZodError): FieldError[] {
  return error.issues.map((issue) => ({
    path: issue.path.length > 0 ? issue.path.map(String).join(".") : "(root)",
    message: issue.code === "unrecognized_keys" ? unknownFields(issue.keys) : issue.message,
  }));
}

export function parseWith<S extends z.ZodMiniType>(schema: S, value: unknown, what: string): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    const errors = fieldErrors(result.error);
    const first = errors[0];
    throw new BadRequestError(
      `The ${what} is not valid${first ? `: ${first.path === "(root)" ? "" : `${first.path}: `}${first.message}` : "."}`,
      errors,
    );
  }
  return result.data;
}

/** Deepest nesting of arrays and objects in a JSON text, counted without parsing it. */
function jsonDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === "{" || c === "[") max = Math.max(max, ++depth);
    else if (c === "}" || c === "]") depth--;
  }
  return max;
}

/** Keys that would reach an object's prototype if the value were ever merged or assigned. */
const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);

// A lone surrogate is not text: it cannot be encoded as UTF-8 and would be stored as a replacement character.
const LONE_SURROGATE = /\p{Cs}/u;

class HostileJsonError extends Error {}

/** JSON.parse's reviver: refuses prototype keys and strings that are not well-formed Unicode. */
function guarded(key: string, value: unknown): unknown {
  if (FORBIDDEN_KEYS.has(key)) throw new HostileJsonError(`the field name "${key}" is not allowed`);
  if (typeof value === "string" && LONE_SURROGATE.test(value)) {
    throw new HostileJsonError("a string holds a lone surrogate, which is not valid Unicode");
  }
  return value;
}

/** application/json or application/<something>+json, in UTF-8 when a charset is given. */
const JSON_MEDIA_TYPE = /^application\/(?:[\w.-]+\+)?json\s*(?:;|$)/i;

function isJsonContentType(contentType: string): boolean {
  if (!JSON_MEDIA_TYPE.test(contentType)) return false;
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(contentType)?.[1];
  return charset === undefined || /^utf-?8$/i.test(charset);
}

/** Reads a JSON body: size, media type, depth, syntax and hostile keys checked before the schema. */
export function readJsonBody<S extends z.ZodMiniType>(event: HttpEvent, schema: S): z.infer<S> {
  const raw = event.body ?? "";
  // Refuse an oversized body before decoding or measuring it: base64 is 4 characters for 3 bytes.
  if (raw.length > (event.isBase64Encoded ? Math.ceil(MAX_BODY_BYTES / 3) * 4 + 4 : MAX_BODY_BYTES)) {
    throw new PayloadTooLargeError(MAX_BODY_BYTES);
  }
  const text = event.isBase64Encoded ? Buffer.from(raw, "base64").toString("utf8") : raw;
  if (Buffer.byteLength(text, "utf8") > MAX_BODY_BYTES) throw new PayloadTooLargeError(MAX_BODY_BYTES);
  const contentType = header(event, "content-type");
  if (contentType !== undefined && !isJsonContentType(contentType)) throw new UnsupportedMediaTypeError();
  if (text.trim() === "") throw new BadRequestError("The request body is empty; send a JSON object.");
  if (jsonDepth(text) > MAX_JSON_DEPTH) {
    throw new BadRequestError(`The JSON body is nested more than ${MAX_JSON_DEPTH} levels deep.`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text, guarded);
  } catch (error) {
    if (error instanceof HostileJsonError) throw new BadRequestError(`The request body is refused: ${error.message}.`);
    throw new BadRequestError(`The request body is not valid JSON: ${(error as Error).message}`);
  }
  return parseWith(schema, value, "request body");
}

/**
 * Refuses any query parameter on a route that takes none, with the same 400 a strict empty
 * schema gives, but without loading a schema library: the hot read routes stay lean.
 */
export function noQueryParameters(event: HttpEvent): void {
  const names = Object.keys(event.queryStringParameters ?? {});
  if (names.length === 0) return;
  const message = unknownFields(names);
  throw new BadRequestError(`The query is not valid: ${message}`, [{ path: "(root)", message }]);
}

export function readQuery<S extends z.ZodMiniType>(event: HttpEvent, schema: S): z.infer<S> {
  return parseWith(schema, event.queryStringParameters ?? {}, "query");
}

/**
 * The query, checked against a schema that is loaded only when the request brings one: the plain request
 * (the hot one, from embeds and front pages) costs no schema library at cold start.
 */
export async function readOptionalQuery<S extends z.ZodMiniType>(
  event: HttpEvent,
  loadSchema: () => Promise<S>,
): Promise<Partial<z.infer<S>>> {
  if (Object.keys(event.queryStringParameters ?? {}).length === 0) return {};
  return readQuery(event, await loadSchema());
}

export function pathParameter(event: HttpEvent, name: string): string {
  const value = event.pathParameters?.[name];
  if (!value) throw new BadRequestError(`The path needs a ${name}.`);
  if (value.length > MAX_PATH_PARAMETER_LENGTH) {
    throw new BadRequestError(`The ${name} in the path is longer than ${MAX_PATH_PARAMETER_LENGTH} characters.`);
  }
  try {
    return decodeURIComponent(value);
  } catch {
    throw new BadRequestError(`The ${name} in the path is not valid percent-encoding.`);
  }
}

/** The treatyId path parameter. An id that cannot exist is simply not found. */
export function treatyIdFrom(event: HttpEvent): string {
  const id = pathParameter(event, "treatyId");
  if (!SLUG_PATTERN.test(id)) throw new TreatyNotFoundError(id);
  return id;
}
