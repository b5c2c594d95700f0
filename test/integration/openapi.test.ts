import { describe, expect, it } from "vitest";
import { handler } from "../../functions/openapi.ts";
import { call, sampleEvent } from "../support/lambda.ts";

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
    expect(answer.body).toEqual(JSON.parse(JSON.stringify(openApiDocument())));
  });

  it("documents every HTTP route that serverless.yml deploys", async () => {
    const { readFileSync } = await import("node:fs");
    const { parse } = await import("yaml");
    const config = parse(readFileSync(new URL("../../serverless.yml", import.meta.url), "utf8")) as {
      functions: Record<string, { events?: Array<{ httpApi?: { method: string; path: string } }> }>;
    };
    const routes = Object.values(config.functions)
      .flatMap((fn) => fn.events ?? [])
      .flatMap((event) => (event.httpApi ? [event.httpApi] : []));
    const answer = await call(handler, sampleEvent("openapi.json"));
    for (const route of routes) {
      expect(
        answer.body.paths[route.path]?.[route.method.toLowerCase()],
        `${route.method} ${route.path}`,
      ).toBeDefined();
    }
  });
});
