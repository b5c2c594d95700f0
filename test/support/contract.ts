import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

/**
 * An answer held to the OpenAPI document, as a client generated from the document would see it: its status,
 * media type and body must be ones the operation declares, the body checked by ajv (a JSON Schema validator the
 * project did not write) against the schema, `$ref`s resolved. Used by the contract fuzz
 * (test/e2e/contract.test.ts) and by the typed client every converted e2e test calls (test/client/index.ts).
 */
type Json = Record<string, unknown>;

export interface Operation {
  operationId: string;
  security: unknown[];
  parameters?: Array<{
    name: string;
    in: string;
    required?: boolean;
    schema: { type?: string; pattern?: string; enum?: string[]; maxLength?: number };
  }>;
  responses: Record<string, Json>;
}

export interface Document {
  paths: Record<string, Record<string, Operation>>;
  components: Json;
}

export interface Contract {
  operation(path: string, method: string): Operation | undefined;
  /** Why the answer is not one the operation declares; undefined when it is. */
  breach(operation: Operation, status: number, contentType: string | null, text: string): string | undefined;
  /** Why `value` is not a `#/components/schemas/<name>` (a webhook's body, say); undefined when it is. */
  schemaBreach(name: string, value: unknown): string | undefined;
}

export function contractOf(document: Document): Contract {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats.default(ajv);
  const validators = new Map<string, ValidateFunction>();

  /** Replaces `#/components/...` references with what they name, so each schema compiles alone. */
  function resolved(value: unknown): unknown {
    if (Array.isArray(value)) return value.map(resolved);
    if (value === null || typeof value !== "object") return value;
    const ref = (value as { $ref?: unknown }).$ref;
    if (typeof ref === "string" && ref.startsWith("#/components/")) {
      const target = ref
        .slice(2)
        .split("/")
        .reduce<unknown>((node, key) => (node as Json)[key], document);
      return resolved(target);
    }
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, resolved(inner)]));
  }

  function validatorOf(key: string, schema: unknown): ValidateFunction {
    let validate = validators.get(key);
    if (!validate) {
      validate = ajv.compile(resolved(schema) as Json);
      validators.set(key, validate);
    }
    return validate;
  }

  return {
    operation: (path, method) => document.paths[path]?.[method.toLowerCase()],
    schemaBreach(name, value) {
      const validate = validatorOf(`#${name}`, { $ref: `#/components/schemas/${name}` });
      return validate(value) ? undefined : ajv.errorsText(validate.errors);
    },
    breach(operation, status, contentType, text) {
      const code = String(status);
      const declared = operation.responses[code] ?? operation.responses[`${code[0]}XX`] ?? operation.responses.default;
      if (!declared) return `status ${code} is not in the document`;
      if (status === 204 || status === 304) return undefined;
      const answer = resolved(declared) as { content?: Record<string, { schema: Json }> };
      const mediaType = (contentType ?? "").split(";")[0]?.trim() ?? "";
      const media = answer.content?.[mediaType];
      if (!media) return `${code} ${mediaType} is not in the document`;
      if (!/json$/.test(mediaType)) return undefined;
      const validate = validatorOf(`${operation.operationId} ${code} ${mediaType}`, media.schema);
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        return `${code} ${mediaType} is not JSON: ${text.slice(0, 200)}`;
      }
      return validate(body) ? undefined : `${code} ${mediaType}: ${ajv.errorsText(validate.errors)}`;
    },
  };
}
