import * as z from "zod/mini";
import { CLAUSE_EXAMPLES, exampleEvent } from "#http/clause-examples";
import { correctionsQuery, eventCorrection, eventRetraction, IDEMPOTENCY_KEY, IF_MATCH } from "#http/event-changes";
import { calendarQuery, embedQuery } from "#http/format-schemas";
import { importQuery } from "#http/import-schemas";
import { oembedQuery } from "#http/oembed-schemas";
import { SLUG_PATTERN } from "#http/patterns";
import { responseSchemas } from "#http/responses";
import { ROUTES } from "#http/routes";
import {
  daysUntilExitQuery,
  deadlinesWindowQuery,
  eventInput,
  historyQuery,
  partiesQuery,
  treatiesQuery,
  treatyInput,
} from "#http/schemas";
import { deliveriesQuery, SUBSCRIPTION_ID_PATTERN, subscriptionInput } from "#http/subscription-schemas";

/**
 * The OpenAPI 3.1 document, generated from the very schemas that validate requests, so
 * the published contract cannot disagree with what the API accepts, and from the response
 * schemas of lib/http/responses.ts, which the contract test and the typed client hold the
 * API's answers to.
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
  schema: { type: "string", pattern: SLUG_PATTERN.source },
  example: "inf",
};

const subscriptionIdParameter = {
  name: "subscriptionId",
  in: "path",
  required: true,
  schema: { type: "string", pattern: SUBSCRIPTION_ID_PATTERN.source },
};

const webhookHeader = (name: string, description: string) => ({
  name,
  in: "header",
  required: true,
  description,
  schema: { type: "string" },
});

const eventIdParameter = { name: "eventId", in: "path", required: true, schema: { type: "string" } };

const ifMatchParameter = (required: boolean) => ({
  name: "If-Match",
  in: "header",
  required,
  description: 'The event\'s version, as read: 3, "3" or W/"3"',
  schema: { type: "string", pattern: IF_MATCH.source },
});

const idempotencyKeyParameter = {
  name: "Idempotency-Key",
  in: "header",
  required: false,
  description: "A retry with the same key and body within 24 hours gets the original answer and stores nothing",
  schema: { type: "string", pattern: IDEMPOTENCY_KEY.source },
};

const problem = { $ref: "#/components/responses/Problem" };
const problemOf = (name: string) => ({ $ref: `#/components/responses/${name}` });
/** A required JSON body of a named schema, with real examples where the route has them. */
const body = (schema: string, examples?: Record<string, unknown>) => ({
  required: true,
  content: {
    "application/json": { schema: { $ref: `#/components/schemas/${schema}` }, ...(examples ? { examples } : {}) },
  },
});
const text = (mediaType: string, description: string) => ({
  description,
  content: { [mediaType]: { schema: { type: "string" } } },
});
/** A component schema of lib/http/responses.ts, by name. */
const ref = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` });
const json = (description: string, schema: string) => ({
  description,
  content: { "application/json": { schema: ref(schema) } },
});
/** One answer in a choice of media types, as `format=` picks. */
const media = (description: string, types: Record<string, JsonSchema>) => ({
  description,
  content: Object.fromEntries(Object.entries(types).map(([type, schema]) => [type, { schema }])),
});
const security = [{ apiKey: [] }, { bearer: [] }];

/** A write that needs a key: its summary, parameters, body and the 200 answer, problem+json otherwise. */
const write = (summary: string, parameters: unknown[], requestBody: unknown, answer: unknown) => ({
  summary,
  security,
  parameters,
  requestBody,
  responses: { 200: answer, default: problem },
});

/** A public GET: its summary, its parameters, the 200 answer, and problem+json for every refusal. */
const read = (summary: string, parameters: unknown[] | undefined, answer: unknown) => ({
  get: { summary, ...(parameters ? { parameters } : {}), responses: { 200: answer, default: problem } },
});

/** One real treaty for each clause form, as the catalogue holds it. */
const treatyExamples = Object.fromEntries(
  CLAUSE_EXAMPLES.map((example) => [example.form, { summary: example.summary, value: example.file.treaty }]),
);

/** The real notice (or deposit, or expulsion) that shows each form at work. */
const eventExamples = Object.fromEntries(
  CLAUSE_EXAMPLES.map((example) => {
    const { id: _id, ...event } = exampleEvent(example);
    return [example.form, { summary: example.summary, value: event }];
  }),
);

const problemResponse = (description: string) => ({
  description,
  content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } },
});

interface Operation {
  [field: string]: unknown;
  operationId?: string;
  security?: unknown[];
  parameters?: unknown[];
  requestBody?: unknown;
  responses: Record<string, unknown>;
}

/**
 * Each operation's id is the name of the function that answers it in serverless.yml (lib/http/routes.json);
 * public operations say so with `security: []`; and every operation lists the problems it can answer.
 */
function asContract<T extends Record<string, Record<string, Operation>>>(paths: T): T {
  for (const [path, operations] of Object.entries(paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      const operationId = ROUTES[path]?.[method.toUpperCase()];
      if (!operationId) throw new Error(`${method.toUpperCase()} ${path} is documented but not deployed`);
      operation.operationId = operationId;
      operation.security ??= [];
      const { responses } = operation;
      const refusable = (operation.parameters ?? []).length > 0 || operation.requestBody !== undefined;
      if (refusable) responses[400] ??= problemOf("BadRequest");
      if (operation.security.length > 0) responses[401] ??= problemOf("Unauthorized");
      if (path.includes("{")) responses[404] ??= problemOf("NotFound");
      if (operation.requestBody !== undefined) responses[422] ??= problemOf("UnprocessableContent");
      operation.responses = Object.fromEntries(Object.entries(responses).sort(([a], [b]) => (a < b ? -1 : 1)));
    }
  }
  return paths;
}

export function openApiDocument() {
  return {
    openapi: "3.1.0",
    info: {
      title: "treaty-clock",
      version: "0.1.0",
      description:
        "Timelines and withdrawal deadlines of treaties, for newsrooms. Every deadline is derived from the treaty's own withdrawal clause and carries its arithmetic and citation.",
      // package.json is private and the repository has no LICENSE yet; this says so rather than invent one.
      license: { name: "Proprietary: all rights reserved, no licence granted yet" },
    },
    // Relative: the API that serves this document. Served, it names that API outright (functions/openapi.ts).
    servers: [{ url: "/", description: "the API that serves this document" }],
    components: {
      securitySchemes: {
        apiKey: { type: "apiKey", in: "header", name: "x-api-key" },
        bearer: { type: "http", scheme: "bearer" },
      },
      schemas: {
        TreatyInput: schemaOf(treatyInput),
        EventInput: schemaOf(eventInput),
        EventCorrection: schemaOf(eventCorrection),
        EventRetraction: schemaOf(eventRetraction),
        SubscriptionInput: schemaOf(subscriptionInput),
        ...responseSchemas(),
        Problem: {
          type: "object",
          required: ["type", "title", "status", "detail"],
          additionalProperties: false,
          properties: {
            type: { type: "string", format: "uri" },
            title: { type: "string" },
            status: { type: "integer", minimum: 400, maximum: 599 },
            detail: { type: "string" },
            errors: {
              type: "array",
              items: {
                type: "object",
                required: ["path", "message"],
                additionalProperties: false,
                properties: { path: { type: "string" }, message: { type: "string" } },
              },
            },
          },
        },
      },
      responses: {
        Problem: problemResponse("RFC 9457 problem details"),
        BadRequest: problemResponse("A query, header or body the API refuses; the problem names each field"),
        Unauthorized: problemResponse("No API key, or one that is unknown or revoked"),
        NotFound: problemResponse("No such treaty, event or subscription"),
        UnprocessableContent: problemResponse("A well-formed request the treaty's rules cannot accept"),
      },
    },
    paths: asContract({
      "/treaties": {
        get: {
          summary: "The catalogue, a page at a time (limit, cursor), each treaty with its next exit",
          parameters: queryParameters(treatiesQuery),
          responses: { 200: json("The catalogue", "TreatyPage"), default: problem },
        },
        post: {
          summary: "Create a treaty",
          security,
          requestBody: body("TreatyInput", treatyExamples),
          responses: { 201: json("The treaty", "Treaty"), default: problem },
        },
      },
      "/treaties/{treatyId}": read(
        "A treaty with its derived deadlines",
        [treatyIdParameter],
        json("The treaty", "Treaty"),
      ),
      "/treaties/{treatyId}/events": {
        post: {
          summary: "Add an event to a treaty's timeline",
          security,
          parameters: [treatyIdParameter, idempotencyKeyParameter],
          requestBody: body("EventInput", eventExamples),
          responses: { 201: json("The stored event", "StoredEvent"), default: problem },
        },
      },
      "/treaties/{treatyId}/history": read(
        "The timeline, oldest first",
        [treatyIdParameter, ...queryParameters(historyQuery)],
        media(
          "A page of events; format=timelinejs the whole timeline as TimelineJS JSON; format=csv as the TimelineJS sheet",
          { "application/json": { anyOf: [ref("HistoryPage"), ref("TimelineJs")] }, "text/csv": { type: "string" } },
        ),
      ),
      "/treaties/{treatyId}/deadlines": read(
        "Every derived deadline with its basis",
        [treatyIdParameter],
        json("Deadlines", "TreatyDeadlines"),
      ),
      "/treaties/{treatyId}/days-until-exit": read(
        "Days until the treaty exit takes effect",
        [treatyIdParameter, ...queryParameters(daysUntilExitQuery)],
        media("The countdown with its basis; format=text the AP-style sentence alone", {
          "application/json": ref("Countdown"),
          "text/plain": { type: "string" },
        }),
      ),
      "/treaties/{treatyId}/parties": {
        get: {
          summary: "Each party's status as of a date (party, not yet bound, notice given, suspended, withdrawn, ended)",
          parameters: [treatyIdParameter, ...queryParameters(partiesQuery)],
          responses: {
            200: {
              description: "Every party with its status, date and basis; format=csv gives the same rows as a sheet",
              content: {
                "application/json": { schema: ref("PartyStatuses") },
                "text/csv": { schema: { type: "string" } },
              },
            },
            default: problem,
          },
        },
      },
      "/deadlines": read(
        "Deadlines of every treaty in a window, soonest first",
        queryParameters(deadlinesWindowQuery),
        json("Deadlines", "UpcomingDeadlines"),
      ),
      "/treaties/{treatyId}/events/{eventId}": {
        patch: write(
          "Correct an event (If-Match: its version; the previous version is kept as a revision)",
          [treatyIdParameter, eventIdParameter, ifMatchParameter(true)],
          body("EventCorrection"),
          json("The corrected event", "StoredEvent"),
        ),
        delete: write(
          "Retract an event: it stays in the history, marked, and stops counting for deadlines",
          [treatyIdParameter, eventIdParameter, ifMatchParameter(false)],
          body("EventRetraction"),
          json("The retracted event", "StoredEvent"),
        ),
      },
      "/treaties/{treatyId}/events/{eventId}/revisions": read(
        "Every earlier version of an event, oldest first, with who, when and why",
        [treatyIdParameter, eventIdParameter],
        json("Revisions", "Revisions"),
      ),
      "/corrections": read(
        "Corrections and retractions across treaties, newest first",
        queryParameters(correctionsQuery),
        json("Corrections", "Corrections"),
      ),
      "/treaties/{treatyId}/calendar.ics": read(
        "iCalendar feed of the treaty's deadlines",
        [treatyIdParameter, ...queryParameters(calendarQuery)],
        text("text/calendar", "An iCalendar feed"),
      ),
      "/calendar.ics": read(
        "iCalendar feed of every treaty's deadlines",
        queryParameters(calendarQuery),
        text("text/calendar", "An iCalendar feed"),
      ),
      "/treaties/{treatyId}/embed": read(
        "A self-contained HTML page for CMS iframes: countdown sentence and sourced timeline",
        [treatyIdParameter, ...queryParameters(embedQuery)],
        text("text/html", "The embed page"),
      ),
      "/treaties/{treatyId}/events:import": {
        post: {
          summary:
            "Import a TimelineJS sheet (CSV, the template's columns): all rows or none, at most 40 new events (one DynamoDB transaction of at most 100 items); dryRun=true gives each row's verdict and writes nothing; rows already imported are recognised",
          security,
          parameters: [treatyIdParameter, ...queryParameters(importQuery)],
          requestBody: { required: true, content: { "text/csv": { schema: { type: "string" } } } },
          responses: {
            200: json("A dry run's verdicts, or an import that found every row already stored", "ImportResult"),
            201: json("The import: every new event stored", "ImportResult"),
            default: problem,
          },
        },
      },
      "/treaties/{treatyId}/feed.atom": read(
        "Atom feed of the treaty's events, newest first: sources as links, corrections with what changed and why, retractions marked; entry ids (tag: URIs) never change",
        [treatyIdParameter],
        text("application/atom+xml", "An Atom 1.0 feed"),
      ),
      "/feed.atom": {
        get: {
          summary: "Atom feed of the newest events of every treaty, newest first",
          responses: {
            200: text("application/atom+xml", "An Atom 1.0 feed"),
            // It takes no query: any parameter is refused.
            400: problemOf("BadRequest"),
            default: problem,
          },
        },
      },
      "/desk": {
        get: {
          summary:
            "The newsroom's desk: a self-contained page to pick a treaty, add, correct and retract events with sources, and copy the sentence, embed code and calendar link",
          description:
            "Reads need no key; the page asks for one (kept in the tab's sessionStorage) before it adds, corrects or retracts.",
          responses: {
            200: text("text/html", "The desk page"),
            // It takes no query: any parameter is refused.
            400: problemOf("BadRequest"),
            default: problem,
          },
        },
      },
      "/oembed": {
        get: {
          summary:
            "oEmbed 1.0 for an embed page of this API: a rich answer whose html is one iframe; 404 for any other URL, 501 for a format other than json",
          parameters: queryParameters(oembedQuery).map((parameter) =>
            parameter.name === "url" ? { ...parameter, required: true } : parameter,
          ),
          responses: {
            200: json("A rich oEmbed response", "OembedRich"),
            default: problem,
          },
        },
      },
      "/subscriptions": {
        post: {
          summary: "Subscribe a webhook (Slack-compatible) to reminders before deadlines; the secret is shown once",
          security,
          requestBody: body("SubscriptionInput"),
          responses: { 201: json("The subscription with its signing secret", "CreatedSubscription"), default: problem },
        },
        get: {
          summary: "Every subscription, URLs masked",
          security,
          responses: { 200: json("Subscriptions", "Subscriptions"), default: problem },
        },
      },
      "/subscriptions/{subscriptionId}": {
        delete: {
          summary: "Stop a subscription's reminders",
          security,
          parameters: [subscriptionIdParameter],
          responses: { 204: { description: "Deleted" }, default: problem },
        },
      },
      "/subscriptions/{subscriptionId}/secret": {
        post: {
          summary:
            "Rotate the signing secret: the new one is shown once; for 24 hours deliveries are signed with the new and the old, then the new alone",
          security,
          parameters: [subscriptionIdParameter],
          responses: {
            200: json("The new secret", "RotatedSecret"),
            default: problem,
          },
        },
      },
      "/subscriptions/{subscriptionId}/deliveries": {
        get: {
          summary: "What happened to the subscription's reminders, newest first; entries expire after 90 days",
          security,
          parameters: [subscriptionIdParameter, ...queryParameters(deliveriesQuery)],
          responses: {
            200: json("A page of deliveries", "Deliveries"),
            default: problem,
          },
        },
      },
      "/openapi.json": {
        get: {
          summary: "This document, with the server that answered it",
          responses: {
            200: {
              description: "OpenAPI 3.1",
              content: {
                "application/json": {
                  schema: {
                    type: "object",
                    required: ["openapi", "info", "servers", "paths", "components"],
                    properties: {
                      openapi: { const: "3.1.0" },
                      info: { type: "object" },
                      servers: { type: "array", items: { type: "object" } },
                      paths: { type: "object" },
                      components: { type: "object" },
                    },
                  },
                },
              },
            },
          },
        },
      },
    }),
    webhooks: {
      reminder: {
        post: {
          summary:
            "A reminder before a deadline, posted to a subscription's URL and signed per the Standard Webhooks specification",
          operationId: "reminder",
          description:
            "The receiver checks webhook-signature with the subscription's secret; no other credential is sent.",
          security: [],
          parameters: [
            webhookHeader("webhook-id", "The delivery id: the same on every retry of one reminder"),
            webhookHeader("webhook-timestamp", "Seconds since the epoch when this attempt was signed"),
            webhookHeader(
              "webhook-signature",
              'Space-separated "v1,<base64 HMAC-SHA256 of id.timestamp.body>", one per secret in force',
            ),
          ],
          requestBody: body("Reminder"),
          responses: { "2XX": { description: "Acknowledged; anything else is retried" } },
        },
      },
    },
  };
}
