import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { handler } from "../../functions/openapi.ts";
import { allowedMethods, ROUTES, routeTable } from "../../lib/http/routes.ts";
import { call, sampleEvent } from "../support/lambda.ts";

interface OperationShape {
  operationId: string;
  security?: unknown[];
}

const declared = parse(readFileSync(new URL("../../serverless.yml", import.meta.url), "utf8"), { logLevel: "error" });

describe("OpenAPI document", () => {
  it("is OpenAPI 3.1 with every route and the request schemas that validate bodies", async () => {
    const answer = await call(handler, sampleEvent("openapi.json"));
    expect(answer.body.openapi).toBe("3.1.0");
    expect(Object.keys(answer.body.paths)).toEqual(
      expect.arrayContaining([
        "/treaties",
        "/treaties/{treatyId}",
        "/treaties/{treatyId}/events",
        "/treaties/{treatyId}/history",
        "/treaties/{treatyId}/deadlines",
        "/treaties/{treatyId}/days-until-exit",
        "/deadlines",
        "/treaties/{treatyId}/events/{eventId}",
        "/treaties/{treatyId}/events/{eventId}/revisions",
        "/corrections",
        "/treaties/{treatyId}/calendar.ics",
        "/calendar.ics",
        "/treaties/{treatyId}/embed",
        "/subscriptions",
        "/subscriptions/{subscriptionId}",
        "/subscriptions/{subscriptionId}/secret",
        "/subscriptions/{subscriptionId}/deliveries",
      ]),
    );
    const event = answer.body.components.schemas.EventInput;
    expect(event.required).toEqual(expect.arrayContaining(["date", "type", "title", "sources"]));
    expect(event.additionalProperties).toBe(false);
    expect(event.properties.type.enum).toContain("withdrawal_notice");
  });
});

describe("OpenAPI coverage", () => {
  it("serves exactly the document the request schemas generate (run npm run openapi after changing them)", async () => {
    const { openApiDocument } = await import("../../lib/http/openapi.ts");
    const answer = await call(handler, sampleEvent("openapi.json"));
    const { servers: _generated, ...generated } = JSON.parse(JSON.stringify(openApiDocument()));
    const { servers: _served, ...served } = answer.body;
    expect(served).toEqual(generated);
  });

  it("names the server that answered: the request's own origin locally, never a stranger's Host", async () => {
    const local = await call(handler, { ...sampleEvent("openapi.json"), headers: { host: "127.0.0.1:43123" } });
    expect(local.body.servers).toEqual([{ url: "http://127.0.0.1:43123", description: "this local API" }]);
    const forged = await call(handler, {
      ...sampleEvent("openapi.json"),
      headers: { host: "evil.example" },
      requestContext: {
        ...sampleEvent("openapi.json").requestContext,
        domainName: "abc123.execute-api.eu-west-1.amazonaws.com",
      },
    });
    expect(forged.body.servers[0].url).not.toContain("evil.example");
  });

  it("gives every operation an id, its security and the problems it can answer", async () => {
    const answer = await call(handler, sampleEvent("openapi.json"));
    const operations = Object.values(answer.body.paths as Record<string, Record<string, OperationShape>>).flatMap(
      (path) => Object.values(path),
    );
    const ids = operations.map((operation) => operation.operationId);
    expect(new Set(ids).size).toBe(operations.length);
    expect(ids).toContain("daysUntilExit");
    for (const operation of operations) expect(Array.isArray(operation.security), operation.operationId).toBe(true);
    expect(answer.body.paths["/treaties/{treatyId}"].get.security).toEqual([]);
    expect(answer.body.paths["/treaties/{treatyId}/events"].post.responses).toHaveProperty("401");
    expect(answer.body.paths["/treaties/{treatyId}"].get.responses).toHaveProperty("404");
    expect(answer.body.info.license.name).toBeTruthy();
  });

  it("documents exactly the HTTP routes that serverless.yml deploys, no more and no fewer", async () => {
    const answer = await call(handler, sampleEvent("openapi.json"));
    const documented = Object.entries(answer.body.paths as Record<string, Record<string, unknown>>).flatMap(
      ([path, operations]) => Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
    );
    const deployed = Object.entries(routeTable(declared.functions)).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method} ${path}`),
    );
    expect(documented.sort()).toEqual(deployed.sort());
  });

  it("gives the catch-all route the route table serverless.yml declares (run npm run openapi after changing it)", () => {
    expect(ROUTES).toEqual(routeTable(declared.functions));
    expect(allowedMethods("/treaties/inf")).toEqual(["GET"]);
    expect(allowedMethods("/treaties/inf/events/e-1")).toEqual(["DELETE", "PATCH"]);
    expect(allowedMethods("/treaties/inf/calendar.ics")).toEqual(["GET"]);
    expect(allowedMethods("/treaties/inf/calendarxics")).toBeUndefined();
  });
});
