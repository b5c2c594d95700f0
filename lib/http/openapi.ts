import * as z from "zod/mini";
import { daysUntilExitQuery, deadlinesWindowQuery, eventInput, historyQuery, treatyInput } from "#http/schemas";

/**
 * The OpenAPI 3.1 document, generated from the very schemas that validate requests, so
 * the published contract cannot disagree with what the API accepts.
 */
type JsonSchema = Record<string, unknown>;

const schemaOf = (schema: z.ZodMiniType): JsonSchema => {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, {
    target: "draft-2020-12",
    io: "input",
    unrepresentable: "any",
  }) as JsonSchema;
  return rest;
};

function queryParameters(schema: z.ZodMiniType) {
  const json = schemaOf(schema) as { properties?: Record<string, JsonSchema> };
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: "query",
    required: false,
    schema: property,
  }));
}

const treatyIdParameter = {
  name: "treatyId",
  in: "path",
  required: true,
  schema: { type: "string", pattern: "^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$" },
  example: "inf",
};

const problem = { $ref: "#/components/responses/Problem" };
const json = (description: string, schema: JsonSchema = { type: "object" }) => ({
  description,
  content: { "application/json": { schema } },
});
const security = [{ apiKey: [] }, { bearer: [] }];

export function openApiDocument() {
  return {
    openapi: "3.1.0",
    info: {
      title: "treaty-clock",
      version: "0.1.0",
      description:
        "Timelines and withdrawal deadlines of treaties, for newsrooms. Every deadline is derived from the treaty's own withdrawal clause and carries its arithmetic and citation.",
    },
    servers: [{ url: "http://localhost:3000", description: "npm start" }],
    components: {
      securitySchemes: {
        apiKey: { type: "apiKey", in: "header", name: "x-api-key" },
        bearer: { type: "http", scheme: "bearer" },
      },
      schemas: {
        TreatyInput: schemaOf(treatyInput),
        EventInput: schemaOf(eventInput),
        Problem: {
          type: "object",
          required: ["type", "title", "status", "detail"],
          properties: {
            type: { type: "string", format: "uri" },
            title: { type: "string" },
            status: { type: "integer" },
            detail: { type: "string" },
            errors: {
              type: "array",
              items: { type: "object", properties: { path: { type: "string" }, message: { type: "string" } } },
            },
          },
        },
      },
      responses: {
        Problem: {
          description: "RFC 9457 problem details",
          content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } },
        },
      },
    },
    paths: {
      "/treaties": {
        get: {
          summary: "Every treaty, with its next exit",
          responses: { 200: json("The catalogue"), default: problem },
        },
        post: {
          summary: "Create a treaty",
          security,
          requestBody: {
            required: true,
            content: { "application/json": { schema: { $ref: "#/components/schemas/TreatyInput" } } },
          },
          responses: { 201: json("The treaty"), default: problem },
        },
      },
      "/treaties/{treatyId}": {
        get: {
          summary: "A treaty with its derived deadlines",
          parameters: [treatyIdParameter],
          responses: { 200: json("The treaty"), default: problem },
        },
      },
      "/treaties/{treatyId}/events": {
        post: {
          summary: "Add an event to a treaty's timeline",
          security,
          parameters: [treatyIdParameter],
          requestBody: {
            required: true,
            content: { "application/json": { schema: { $ref: "#/components/schemas/EventInput" } } },
          },
          responses: { 201: json("The stored event"), default: problem },
        },
      },
      "/treaties/{treatyId}/history": {
        get: {
          summary: "The timeline, oldest first",
          parameters: [treatyIdParameter, ...queryParameters(historyQuery)],
          responses: { 200: json("A page of events"), default: problem },
        },
      },
      "/treaties/{treatyId}/deadlines": {
        get: {
          summary: "Every derived deadline with its basis",
          parameters: [treatyIdParameter],
          responses: { 200: json("Deadlines"), default: problem },
        },
      },
      "/treaties/{treatyId}/days-until-exit": {
        get: {
          summary: "Days until the treaty exit takes effect",
          parameters: [treatyIdParameter, ...queryParameters(daysUntilExitQuery)],
          responses: { 200: json("The countdown with its basis"), default: problem },
        },
      },
      "/deadlines": {
        get: {
          summary: "Deadlines of every treaty in a window, soonest first",
          parameters: queryParameters(deadlinesWindowQuery),
          responses: { 200: json("Deadlines"), default: problem },
        },
      },
      "/openapi.json": { get: { summary: "This document", responses: { 200: json("OpenAPI 3.1") } } },
    },
  };
}
