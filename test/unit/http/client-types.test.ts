import { readdirSync, readFileSync } from "node:fs";
import { typesFromDocument } from "treaty-clock-openapi-typescript";
import { describe, expect, it } from "vitest";
import { contractOf, type Document } from "../../support/contract.ts";

const read = (relative: string) => readFileSync(new URL(relative, import.meta.url), "utf8");

describe("the typed client", () => {
  it("has the types openapi-typescript makes of the committed OpenAPI document (run npm run openapi after changing it)", async () => {
    const document = JSON.parse(read("../../../lib/http/openapi.json"));
    expect(read("../../client/api.d.ts")).toBe(await typesFromDocument(document));
  });
});

describe("the response schemas", () => {
  it("are loaded by no handler: only the document's generator imports them, so they cost nothing at cold start", () => {
    const importers = (dir: string, alias: string) =>
      readdirSync(new URL(`../../../${dir}/`, import.meta.url), { recursive: true, encoding: "utf8" })
        .filter((name) => name.endsWith(".ts") && read(`../../../${dir}/${name}`).includes(`"${alias}"`))
        .map((name) => `${dir}/${name}`);
    expect([...importers("functions", "#http/responses"), ...importers("lib", "#http/responses")]).toEqual([
      "lib/http/openapi.ts",
    ]);
    expect([...importers("functions", "#http/openapi"), ...importers("lib", "#http/openapi")]).toEqual([]);
  });
});

describe("the contract check the typed client and the fuzz share", () => {
  const contract = contractOf(JSON.parse(read("../../../lib/http/openapi.json")) as Document);
  const operation = contract.operation("/treaties/{treatyId}/deadlines", "GET");
  const basis = { rule: "r", article: "a", triggerDate: "2020-01-01", explanation: "e", warnings: [] };
  const answer = { treatyId: "x", deadlines: [{ kind: "term_expiry", date: "2020-01-01", basis }] };
  const breach = (status: number, type: string, body: unknown) =>
    operation && contract.breach(operation, status, type, JSON.stringify(body));

  it("accepts an answer the document declares, and a declared problem", () => {
    expect(operation).toBeDefined();
    expect(breach(200, "application/json; charset=utf-8", answer)).toBeUndefined();
    expect(
      breach(404, "application/problem+json", { type: "about:blank", title: "t", status: 404, detail: "d" }),
    ).toBeUndefined();
  });

  it("refuses a field the exact schema does not name, an impossible date and an undeclared media type", () => {
    expect(breach(200, "application/json", { ...answer, extra: 1 })).toMatch(/additional properties/);
    const badDate = { ...answer, deadlines: [{ ...answer.deadlines[0], date: "2019-13-01" }] };
    expect(breach(200, "application/json", badDate)).toMatch(/deadlines\/0\/date/);
    expect(breach(200, "text/plain", "x")).toMatch(/text\/plain is not in the document/);
  });

  it("holds problems to RFC 9457's members and ours: no other field, field errors with a path and a message", () => {
    const problem = { type: "https://treaty-clock.dev/problems/not-found", title: "t", status: 404, detail: "d" };
    expect(breach(404, "application/problem+json", { ...problem, stack: "at handler (x.ts:1)" })).toMatch(
      /additional properties/,
    );
    expect(breach(404, "application/problem+json", { ...problem, errors: [{ path: "date" }] })).toMatch(/errors\/0/);
    expect(breach(404, "application/problem+json", { ...problem, status: 200 })).toMatch(/status/);
  });
});
