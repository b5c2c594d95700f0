import fc from "fast-check";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { type Contract, contractOf, type Document, type Operation } from "../support/contract.ts";

/**
 * The live local API against its own OpenAPI document, as a client generated from the document
 * would see it: every answer's status, media type and body must be what the document declares
 * (checked with ajv, a JSON Schema validator the project did not write, against the exact response
 * schemas of lib/http/responses.ts), and a query value that breaks a declared pattern must be refused
 * with a 4xx problem. Requests come from fast-check, drawn from the document's own parameter schemas.
 * The write paths are held to the same document by the typed client the e2e tests use (test/client).
 */
const base = inject("apiUrl");
const RUNS_PER_OPERATION = Number(process.env.CONTRACT_RUNS ?? 12);

type Parameter = NonNullable<Operation["parameters"]>[number];

let document: Document;
let contract: Contract;

/** Asserts an answer is one the operation declares: status, media type and body. */
async function expectDeclared(label: string, operation: Operation, response: Response): Promise<void> {
  const breach = contract.breach(
    operation,
    response.status,
    response.headers.get("content-type"),
    await response.text(),
  );
  expect(breach, `${label}: ${breach}`).toBeUndefined();
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
    contract = contractOf(document);
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
