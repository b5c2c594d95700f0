import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import fc from "fast-check";
import { beforeAll, describe, expect, inject, it } from "vitest";

/**
 * The live local API against its own OpenAPI document, as a client generated from the document
 * would see it: every answer's status, media type and body must be what the document declares
 * (checked with ajv, a JSON Schema validator the project did not write), and a query value that
 * breaks a declared pattern must be refused with a 4xx problem. Requests come from fast-check,
 * drawn from the document's own parameter schemas.
 */
const base = inject("apiUrl");
const RUNS_PER_OPERATION = Number(process.env.CONTRACT_RUNS ?? 12);

type Json = Record<string, unknown>;
interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  schema: { type?: string; pattern?: string; enum?: string[]; maxLength?: number };
}
interface Operation {
  operationId: string;
  security: unknown[];
  parameters?: Parameter[];
  responses: Record<string, Json>;
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components: Json;
}

let document: Document;
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats.default(ajv);

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

const validators = new Map<string, ReturnType<typeof ajv.compile>>();

/** Asserts an answer is one the operation declares: status, media type and body. */
async function expectDeclared(label: string, operation: Operation, response: Response): Promise<void> {
  const status = String(response.status);
  const declared = (operation.responses[status] ??
    operation.responses[`${status[0]}XX`] ??
    operation.responses.default) as Json | undefined;
  expect(declared, `${label}: status ${status} is not in the document`).toBeDefined();
  const answer = resolved(declared) as { content?: Record<string, { schema: Json }> };
  const text = await response.text();
  if (response.status === 204 || response.status === 304) return;
  const mediaType = (response.headers.get("content-type") ?? "").split(";")[0]?.trim() ?? "";
  const media = answer.content?.[mediaType];
  expect(media, `${label}: ${status} ${mediaType} is not in the document`).toBeDefined();
  if (!media || !/json$/.test(mediaType)) return;
  const key = `${operation.operationId} ${status} ${mediaType}`;
  let validate = validators.get(key);
  if (!validate) {
    validate = ajv.compile(media.schema);
    validators.set(key, validate);
  }
  const valid = validate(JSON.parse(text));
  expect(valid, `${label}: ${JSON.stringify(validate.errors)}`).toBe(true);
}

/** A value the parameter's schema allows. */
function validValue(parameter: Parameter): fc.Arbitrary<string> {
  const { schema } = parameter;
  if (schema.enum) return fc.constantFrom(...schema.enum);
  if (schema.pattern)
    return fc.stringMatching(new RegExp(schema.pattern)).filter((v) => v.length <= (schema.maxLength ?? 1e9));
  return fc.string({ maxLength: 20 });
}

/** A value that breaks the parameter's pattern or enum. */
function invalidValue(parameter: Parameter): fc.Arbitrary<string> | undefined {
  const { schema } = parameter;
  const allowed = schema.pattern ? new RegExp(schema.pattern) : undefined;
  if (schema.enum) return fc.string({ minLength: 1, maxLength: 12 }).filter((v) => !schema.enum?.includes(v));
  if (allowed) {
    return fc
      .oneof(fc.string({ minLength: 1, maxLength: 12 }), fc.constantFrom("0", "999", "2019-13-01", "-1", "none,7"))
      .filter((v) => !allowed.test(v));
  }
  return undefined;
}

const PUBLIC_TREATIES = ["inf", "new-start", "ottawa", "paris", "who"];

function publicGets(): Array<[string, Operation]> {
  return Object.entries(document.paths)
    .flatMap(([path, operations]) => (operations.get ? [[path, operations.get] as [string, Operation]] : []))
    .filter(([path, operation]) => operation.security.length === 0 && !/\{eventId\}|\{subscriptionId\}/.test(path));
}

function concretePath(path: string, treatyId: string): string {
  return path.replace("{treatyId}", treatyId);
}

describe("the live API against its OpenAPI document", () => {
  beforeAll(async () => {
    document = (await (await fetch(`${base}/openapi.json`)).json()) as Document;
  });

  it("answers every public GET, with parameters drawn from the document, as the document declares", async () => {
    let checked = 0;
    for (const [path, operation] of publicGets()) {
      const query = (operation.parameters ?? []).filter((parameter) => parameter.in === "query");
      const samples = fc.sample(
        fc.record({
          treatyId: fc.constantFrom(...PUBLIC_TREATIES),
          query: fc.record(Object.fromEntries(query.map((p) => [p.name, validValue(p)])), { requiredKeys: [] }),
        }),
        RUNS_PER_OPERATION,
      );
      for (const sample of samples) {
        const url = `${base}${concretePath(path, sample.treatyId)}?${new URLSearchParams(sample.query as Record<string, string>)}`;
        await expectDeclared(`GET ${url}`, operation, await fetch(url));
        checked++;
      }
    }
    console.log(`contract: ${checked} schema-drawn requests, every answer declared by the document`);
    expect(checked).toBeGreaterThan(50);
  }, 240_000);

  it("refuses a query value that breaks a declared pattern with a declared 4xx problem", async () => {
    let refused = 0;
    for (const [path, operation] of publicGets()) {
      for (const parameter of (operation.parameters ?? []).filter((p) => p.in === "query")) {
        const bad = invalidValue(parameter);
        if (!bad) continue;
        for (const value of fc.sample(bad, 4)) {
          const url = `${base}${concretePath(path, "inf")}?${new URLSearchParams({ [parameter.name]: value })}`;
          const response = await fetch(url);
          const label = `GET ${url}`;
          expect(response.status, label).toBeGreaterThanOrEqual(400);
          expect(response.status, label).toBeLessThan(500);
          expect(response.headers.get("content-type"), label).toBe("application/problem+json");
          await expectDeclared(label, operation, response);
          refused++;
        }
      }
    }
    console.log(`contract: ${refused} pattern-breaking requests, each refused with a declared 4xx problem`);
    expect(refused).toBeGreaterThan(20);
  }, 240_000);
});
