/**
 * What each route answers, as zod/mini schemas: the one source of the 2xx JSON schemas in the OpenAPI
 * document (lib/http/openapi.ts) and of the contract test that checks the live API's bodies against them.
 * No handler imports this module, so these schemas cost nothing at cold start; the handlers' own types
 * are held to them by the contract test (test/e2e/contract.test.ts) and by the typed client the e2e
 * tests use (test/client/api.d.ts). Objects are exact (additionalProperties false): a field the server
 * adds without saying so here fails the contract test.
 */
import * as z from "zod/mini";
import { PARTY_STATUSES } from "#domain/parties";
import { EDITABLE_EVENT_FIELDS } from "#domain/records";
import { DEADLINE_KINDS } from "#domain/types";
import { eventFields as eventInputFields, treatyFields } from "#http/schemas";

/** A component schema's name in the document, as the typed client names it (`components["schemas"]["Treaty"]`). */
export interface ResponseMeta {
  id: string;
  description?: string;
}

/** Every schema here that the document names, so shared shapes appear once, as `$ref`s. */
export const responseRegistry = z.registry<ResponseMeta>();

function named<T extends z.ZodMiniType>(id: string, schema: T, description?: string): T {
  responseRegistry.add(schema, description === undefined ? { id } : { id, description });
  return schema;
}

const civilDate = z.iso.date();
const partialDate = eventInputFields().date;
const instant = z.iso.datetime({ offset: true });
/** A whole number that cannot be negative; `signed` for counts of days that go negative after a date. */
const count = z.int().check(z.minimum(0));
const signed = z.int();
/** An event's or a treaty's version: 1 when written, one more with each change. */
const version = z.int().check(z.minimum(1));
const described = <T extends z.ZodMiniType>(schema: T, description: string): T =>
  schema.check(z.describe(description)) as T;
const cursor = z.nullable(z.string());

export const deadlineBasis = named(
  "DeadlineBasis",
  z.strictObject({
    rule: z.string(),
    article: z.string(),
    triggerEventId: z.optional(z.string()),
    triggerDate: civilDate,
    explanation: z.string(),
    warnings: z.array(z.string()),
  }),
  "Why a deadline falls when it does: the rule, its citation and the arithmetic in words",
);

export const deadline = named(
  "Deadline",
  z.strictObject({
    kind: z.enum(DEADLINE_KINDS),
    date: civilDate,
    party: z.optional(z.string()),
    contested: z.optional(z.boolean()),
    claimedDate: z.optional(civilDate),
    basis: deadlineBasis,
  }),
  "A deadline derived from the treaty's rules and its history",
);

export const treaty = named(
  "Treaty",
  z.strictObject({
    ...treatyFields(),
    deadlines: z.array(deadline),
    eventCount: count,
    version,
    createdAt: instant,
    updatedAt: instant,
  }),
  "A treaty as recorded, with what treaty-clock derived from it",
);

export const treatySummary = named(
  "TreatySummary",
  z.strictObject({
    id: z.string(),
    name: z.string(),
    shortName: z.string(),
    nextExit: z.nullable(deadline),
  }),
);

export const treatyPage = named(
  "TreatyPage",
  z.strictObject({ treaties: z.array(treatySummary), nextCursor: cursor }),
  "A page of the catalogue; nextCursor is null on the last page",
);

/** An event's own fields: what a writer sends (EventInput) and what a sheet row gives. */
const eventFields = named("EventFields", z.strictObject({ ...eventInputFields() }));

export const storedEvent = named(
  "StoredEvent",
  z.strictObject({
    ...eventInputFields(),
    id: z.string(),
    treatyId: z.string(),
    createdAt: instant,
    version,
    createdBy: z.optional(z.string()),
    updatedAt: z.optional(instant),
    updatedBy: z.optional(z.string()),
    retracted: z.optional(z.strictObject({ at: instant, by: z.string(), reason: z.string() })),
  }),
  "An event as stored: its fields, then its id, version and who wrote, corrected or retracted it",
);

export const historyPage = named(
  "HistoryPage",
  z.strictObject({ treatyId: z.string(), events: z.array(storedEvent), nextCursor: cursor }),
  "A page of the timeline; nextCursor is null on the last page",
);

const timelineJsDate = z.strictObject({
  year: z.int(),
  month: z.optional(z.int().check(z.minimum(1), z.maximum(12))),
  day: z.optional(z.int().check(z.minimum(1), z.maximum(31))),
  display_date: z.optional(z.string()),
});
const timelineJsText = z.strictObject({ headline: z.optional(z.string()), text: z.optional(z.string()) });
const timelineJsSlide = z.strictObject({
  start_date: z.optional(timelineJsDate),
  end_date: z.optional(timelineJsDate),
  text: z.optional(timelineJsText),
  group: z.optional(z.string()),
  display_date: z.optional(z.string()),
  unique_id: z.optional(z.string()),
});

export const timelineJs = named(
  "TimelineJs",
  z.strictObject({
    title: timelineJsSlide,
    events: z.array(timelineJsSlide),
    eras: z.optional(
      z.array(
        z.strictObject({ start_date: timelineJsDate, end_date: timelineJsDate, text: z.optional(timelineJsText) }),
      ),
    ),
    scale: z.literal("human"),
  }),
  "Knight Lab TimelineJS3 JSON (https://timeline.knightlab.com/docs/json-format.html)",
);

export const treatyDeadlines = named(
  "TreatyDeadlines",
  z.strictObject({ treatyId: z.string(), deadlines: z.array(deadline) }),
);

const countdownStatus = z.enum(["pending", "today", "passed", "ended", "none"]);

// One object rather than a union with a `status: "none"` variant whose fields are all null: openapi-fetch's
// Readable type drops properties typed `null` alone, so such a variant would lose exitDate, basis, ... in the client.

export const countdown = named(
  "Countdown",
  z.strictObject({
    treatyId: z.string(),
    party: z.nullable(z.string()),
    parties: z.array(z.string()),
    pendingWithdrawals: z.optional(count),
    asOf: civilDate,
    timeZone: z.string(),
    exitDate: z.nullable(civilDate),
    kind: z.nullable(z.enum(DEADLINE_KINDS)),
    daysUntil: z.nullable(described(signed, "Calendar days from asOf to the exit: 0 on the day, negative after")),
    businessDaysUntil: z.nullable(
      described(signed, "Monday to Friday, asOf excluded, the exit's day included; negative after"),
    ),
    status: countdownStatus,
    breakdown: z.nullable(
      described(z.strictObject({ months: signed, days: signed }), "Whole months, then days (both negative after)"),
    ),
    whatIf: z.optional(z.boolean()),
    treatyEnded: z.optional(
      z.strictObject({ date: civilDate, reason: z.enum(["withdrawal", "term_expiry", "terminated", "expired"]) }),
    ),
    contested: z.optional(z.boolean()),
    claimedDate: z.optional(civilDate),
    basis: z.nullable(deadlineBasis),
    bases: z.optional(z.array(z.strictObject({ party: z.nullable(z.string()), ...deadlineBasis.shape }))),
  }),
  "The days until an exit takes effect, as of a date, with the rule and the arithmetic; status none and nulls when no exit is on record",
);

export const partyStatus = named(
  "PartyStatus",
  z.strictObject({
    party: z.string(),
    name: z.string(),
    status: z.enum(PARTY_STATUSES),
    date: z.nullable(partialDate),
    contested: z.optional(z.boolean()),
    claimedDate: z.optional(civilDate),
    basis: z.strictObject({
      article: z.nullable(z.string()),
      eventId: z.nullable(z.string()),
      explanation: z.string(),
    }),
  }),
);

export const partyStatuses = named(
  "PartyStatuses",
  z.strictObject({ treatyId: z.string(), asOf: civilDate, timeZone: z.string(), parties: z.array(partyStatus) }),
);

export const upcomingDeadlines = named(
  "UpcomingDeadlines",
  z.strictObject({
    from: civilDate,
    to: civilDate,
    deadlines: z.array(z.strictObject({ treatyId: z.string(), treatyShortName: z.string(), ...deadline.shape })),
  }),
  "Deadlines of every treaty in the window, soonest first",
);

/** Each changed field's value before and after; null when the field was absent. */
const changes = z.partialRecord(z.enum(EDITABLE_EVENT_FIELDS), z.strictObject({ from: z.unknown(), to: z.unknown() }));
const revisionKind = z.enum(["correction", "retraction"]);

export const revisions = named(
  "Revisions",
  z.strictObject({
    treatyId: z.string(),
    eventId: z.string(),
    current: storedEvent,
    revisions: z.array(
      z.strictObject({
        version,
        replacedBy: version,
        kind: revisionKind,
        revisedAt: instant,
        by: z.string(),
        reason: z.string(),
        changes,
        event: storedEvent,
      }),
    ),
  }),
  "An event as it is now and every earlier version, oldest first",
);

export const corrections = named(
  "Corrections",
  z.strictObject({
    corrections: z.array(
      z.strictObject({
        at: instant,
        kind: revisionKind,
        treatyId: z.string(),
        eventId: z.string(),
        title: z.string(),
        fromVersion: version,
        toVersion: version,
        by: z.string(),
        reason: z.string(),
        changes,
        revisions: z.string(),
      }),
    ),
    nextCursor: cursor,
  }),
  "Corrections and retractions, newest first; nextCursor is null on the last page",
);

const row = z.int().check(z.minimum(1));
export const importResult = named(
  "ImportResult",
  z.strictObject({
    treatyId: z.string(),
    dryRun: z.boolean(),
    written: z.boolean(),
    stored: count,
    alreadyStored: count,
    refused: count,
    rows: z.array(
      z.discriminatedUnion("verdict", [
        z.strictObject({ row, verdict: z.literal("store"), eventId: z.string(), event: eventFields }),
        z.strictObject({ row, verdict: z.literal("already_stored"), eventId: z.string() }),
        z.strictObject({ row, verdict: z.literal("duplicate"), eventId: z.string(), ofRow: row }),
        z.strictObject({ row, verdict: z.literal("skipped"), reason: z.string() }),
        z.strictObject({
          row,
          verdict: z.literal("refused"),
          problems: z.array(z.strictObject({ column: z.string(), message: z.string() })),
        }),
      ]),
    ),
    tooBig: z.optional(z.string()),
  }),
  "Each row's verdict, and whether the new events were written",
);

const subscriptionFields = {
  id: z.string(),
  treatyId: z.optional(z.string()),
  offsetsDays: z.array(count),
  label: z.optional(z.string()),
  createdAt: instant,
};

export const createdSubscription = named(
  "CreatedSubscription",
  z.strictObject({
    ...subscriptionFields,
    url: z.string(),
    maskedUrl: z.string(),
    secret: z.string().check(z.regex(/^whsec_/)),
  }),
  "The subscription with its signing secret, shown only here",
);

export const subscriptions = named(
  "Subscriptions",
  z.strictObject({
    subscriptions: z.array(
      z.strictObject({ ...subscriptionFields, url: z.string(), treatyId: z.nullable(z.string()) }),
    ),
  }),
  "Every subscription, URLs masked, no secrets",
);

export const rotatedSecret = named(
  "RotatedSecret",
  z.strictObject({
    id: z.string(),
    secret: z.string().check(z.regex(/^whsec_/)),
    rotatedAt: instant,
    previousSecretExpiresAt: instant,
  }),
);

export const delivery = named(
  "Delivery",
  z.strictObject({
    at: described(instant, "When the outcome was recorded"),
    deliveryId: described(z.string(), "The webhook-id header of the reminder, the same on every retry"),
    treatyId: z.string(),
    deadline: z.strictObject({ date: civilDate, kind: z.enum(DEADLINE_KINDS), party: z.optional(z.string()) }),
    offsetDays: described(count, "How many days before the deadline the reminder was due"),
    daysUntil: signed,
    late: described(z.boolean(), "Sent after the day it was due"),
    attempts: described(count, "Requests made in that run; 0 when the URL was refused"),
    outcome: z.enum(["delivered", "failed", "refused"]),
    receiverStatus: z.optional(
      described(z.int().check(z.minimum(100), z.maximum(599)), "The receiver's HTTP status, when it answered"),
    ),
    error: z.optional(z.string()),
  }),
  "What happened to one reminder: attempts is 0 when the URL was refused before any request",
);

export const deliveries = named(
  "Deliveries",
  z.strictObject({ subscriptionId: z.string(), deliveries: z.array(delivery), nextCursor: cursor }),
);

export const oembedRich = named(
  "OembedRich",
  z.strictObject({
    type: z.literal("rich"),
    version: z.literal("1.0"),
    title: z.string(),
    provider_name: z.string(),
    provider_url: z.url(),
    cache_age: count,
    html: z.string(),
    width: count,
    height: count,
  }),
  "oEmbed 1.0 rich response: html is one iframe of the embed page",
);

/** What the API posts to a subscription's URL (the `reminder` webhook): Slack-ready text and the same facts as fields. */
export const reminder = named(
  "Reminder",
  z.strictObject({
    text: described(z.string(), "Slack-ready text"),
    deliveryId: described(z.string(), "The same as the webhook-id header, on every retry"),
    subscriptionId: z.string(),
    label: z.optional(z.string()),
    treaty: z.strictObject({ id: z.string(), name: z.string(), shortName: z.string() }),
    party: z.optional(z.string()),
    kind: z.enum(DEADLINE_KINDS),
    exitDate: described(civilDate, "The deadline's date, for every kind"),
    daysUntil: signed,
    offsetDays: count,
    late: described(z.boolean(), "Sent after the day it was due"),
    dueOn: civilDate,
    asOf: described(civilDate, "The run's date (UTC)"),
    basis: deadlineBasis,
    links: z.strictObject({ treaty: z.url(), deadlines: z.url(), daysUntilExit: z.optional(z.url()) }),
  }),
);

/** The JSON Schemas of every named response, with `$ref`s between them, for `components.schemas`. */
export function responseSchemas(): Record<string, Record<string, unknown>> {
  const { schemas } = z.toJSONSchema(responseRegistry, {
    target: "draft-2020-12",
    io: "output",
    unrepresentable: "any",
    uri: (id) => `#/components/schemas/${id}`,
  });
  return Object.fromEntries(
    Object.entries(schemas).map(([id, schema]) => {
      const { $schema: _schema, $id: _id, ...rest } = schema as Record<string, unknown>;
      return [id, rest];
    }),
  );
}
