import * as z from "zod/mini";
import {
  AS_OF_PATTERN,
  assertPeriod,
  assertTimeZone,
  canonicalTimeZone,
  civilDateAt,
  INSTANT_WITH_OFFSET_PATTERN,
  PARTIAL_DATE_PATTERN,
  parseCivilDate,
  parseInstant,
  parsePartialDate,
} from "#domain/calendar";
import { DomainError } from "#domain/errors";
import { DEADLINE_KINDS, EVENT_TYPES, type EventType } from "#domain/types";
import { LANGUAGES, STYLES } from "#formats/sentences/languages";
import { SLUG_PATTERN, TIME_ZONE_PATTERN, wholeNumberSource } from "#http/patterns";

/**
 * The one set of schemas: they validate requests at the edge and generate the OpenAPI
 * document. zod/mini keeps them out of the cold-start budget (~15 KB against ~450 KB).
 * Dates, zones and periods are checked by the domain's own parsers, so the messages a
 * client sees are the domain's actionable ones.
 *
 * Every schema is built on its first use (`z.lazy`), not at module load: a function builds only
 * the schemas its requests parse with, and a cold start builds none. A lazy schema parses, composes
 * and converts to JSON Schema exactly as the schema it wraps. Each top-level schema carries the
 * `@__PURE__` annotation, which tells esbuild that making it has no effect, so a bundle keeps only the
 * schemas its function references (the request-schema modules beside this one do the same; a unit test
 * holds it).
 */

/** A value built on its first use and kept. */
function builtOnce<T>(build: () => T): () => T {
  let built: { value: T } | undefined;
  return () => {
    built ??= { value: build() };
    return built.value;
  };
}

// Control characters (C0 other than tab and newlines, DEL, C1) and lone surrogates have no
// place in a newsroom's record.
export const NO_CONTROL_CHARACTERS =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
  /^(?:[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u2028\u2029\uD800-\uDFFF]|[\uD800-\uDBFF][\uDC00-\uDFFF])*$/;

const domainCheck = (check: (value: string) => unknown) =>
  z.superRefine((value: string, ctx) => {
    try {
      check(value);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      ctx.issues.push({ code: "custom", message: error.message, input: value });
    }
  });

export const text = (max: number) =>
  z
    .string()
    .check(
      z.trim(),
      z.minLength(1, "must not be empty"),
      z.maxLength(max, `must be at most ${max} characters`),
      z.regex(NO_CONTROL_CHARACTERS, "must not contain control characters"),
    );

export const slug = /* @__PURE__ */ z.lazy(() =>
  z.string().check(z.regex(SLUG_PATTERN, "must be lowercase letters, digits and hyphens (at most 64), like new-start")),
);

export const partyCode = /* @__PURE__ */ z.lazy(() =>
  z.string().check(z.regex(/^[A-Z][A-Z0-9]{1,9}$/, "must be an upper-case party code such as US or RU")),
);

/**
 * Why the calendar refuses a value written YYYY-MM-DD ("2019-02-30 is not a date: February 2019 has 28 days").
 * Anything else gets the format's own message: the domain's would offer YYYY-MM and YYYY, which a day field refuses.
 */
function civilDateReason(input: unknown): string | undefined {
  if (typeof input !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(input)) return undefined;
  try {
    parseCivilDate(input);
  } catch (error) {
    if (error instanceof DomainError) return error.message;
    throw error;
  }
  return undefined;
}

/**
 * A real day written YYYY-MM-DD: zod's ISO date pattern (month lengths, leap years) and `format: date`, then the
 * domain's own parser. A value gets one message: where the pattern fails the checks stop, with the domain's
 * reason when it has one, so a client reads why 2019-02-30 is no date instead of a second, vaguer line.
 */
export const civilDate = /* @__PURE__ */ z.lazy(() =>
  z.iso
    .date({
      error: (issue) => civilDateReason(issue.input) ?? "must be a real date written YYYY-MM-DD",
      abort: true,
    })
    .check(domainCheck((v) => parseCivilDate(v))),
);

export const partialDate = /* @__PURE__ */ z.lazy(() =>
  z
    .string()
    .check(
      z.regex(PARTIAL_DATE_PATTERN, "must be a date written YYYY, YYYY-MM or YYYY-MM-DD"),
      domainCheck(parsePartialDate),
    ),
);

/** An IANA zone name in any case; what passes the edge is the database's spelling. */
export const timeZone = /* @__PURE__ */ z.lazy(() =>
  z.pipe(
    z
      .string()
      .check(
        z.maxLength(64),
        z.regex(TIME_ZONE_PATTERN, "must be an IANA time zone name such as America/New_York"),
        domainCheck(assertTimeZone),
      ),
    z.transform((zone: string) => canonicalTimeZone(zone)),
  ),
);

/**
 * The first year an "as of" may name. A countdown is asked about the age of modern treaty law, and a
 * year such as 0019 is a typo for 2019 that would otherwise give a confident, absurd answer.
 */
export const EARLIEST_AS_OF_YEAR = 1800;
// The pattern below says the same as EARLIEST_AS_OF_YEAR; test/unit/http/patterns.test.ts holds them together.

/** A civil date, or an ISO 8601 instant with an offset, from EARLIEST_AS_OF_YEAR on. */
export const asOf = /* @__PURE__ */ z.lazy(() =>
  z.string().check(
    z.maxLength(40),
    z.regex(AS_OF_PATTERN, "must be YYYY-MM-DD or an ISO 8601 instant with an offset"),
    domainCheck((v) => civilDateAt(v, "UTC")),
    z.regex(
      /^(?:1[89]|[2-9]\d)\d\d-/,
      `must be in ${EARLIEST_AS_OF_YEAR} or later: treaty-clock counts from 1 January ${EARLIEST_AS_OF_YEAR} (is the year a typo?)`,
    ),
  ),
);

/** An ISO 8601 instant with an offset. */
export const instant = /* @__PURE__ */ z.lazy(() =>
  z
    .string()
    .check(
      z.maxLength(40),
      z.regex(INSTANT_WITH_OFFSET_PATTERN, "must be an ISO 8601 instant with an offset"),
      domainCheck(parseInstant),
    ),
);

const count = /* @__PURE__ */ z.lazy(() =>
  z.int().check(z.minimum(0, "must not be negative"), z.maximum(1000, "must be at most 1000")),
);

export const period = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({ years: z.optional(count), months: z.optional(count), days: z.optional(count) }).check(
    z.superRefine((value, ctx) => {
      try {
        assertPeriod(value);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        ctx.issues.push({ code: "custom", message: error.message, input: value });
      }
    }),
  ),
);

export const source = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({
    url: z.string().check(
      z.maxLength(2048),
      z.regex(/^https?:\/\/[^\s/$.?#][^\s]*$/i, "must be an http or https URL"),
      z.regex(NO_CONTROL_CHARACTERS, "must not contain control characters"),
      z.refine((v) => URL.canParse(v), "must be a valid URL"),
    ),
    title: z.optional(text(300)),
    publisher: z.optional(text(200)),
  }),
);

const sources = /* @__PURE__ */ z.lazy(() =>
  z.array(source).check(z.minLength(1, "needs at least one source"), z.maxLength(20)),
);

/** When a notice or a deposit takes effect; the forms are described in lib/domain/types.ts (`EffectRule`). */
export const effectRule = /* @__PURE__ */ z.lazy(() =>
  z.discriminatedUnion("kind", [
    z.strictObject({ kind: z.literal("period"), period }),
    z.strictObject({ kind: z.literal("period_then_first_of_month"), period }),
    z.strictObject({
      kind: z.literal("end_of_year"),
      yearsAfter: z.int().check(z.minimum(0, "must not be negative"), z.maximum(100, "must be at most 100")),
    }),
  ]),
);

export const withdrawalClause = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({
    article: text(120),
    text: text(4000),
    noticePeriod: z.optional(period),
    takesEffect: z.optional(effectRule),
    counting: z.optional(z.enum(["notice", "receipt"], "must be notice or receipt")),
    laterDateInNotice: z.optional(z.boolean()),
    noticeTo: z.optional(text(200)),
    earliestNotice: z.optional(period),
    windows: z.optional(z.strictObject({ firstAfter: period, every: period, length: period })),
    conditions: z.optional(z.array(text(1000)).check(z.maxLength(10))),
  }),
);

export const party = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({
    code: partyCode,
    name: text(120),
    inForceOn: z.optional(civilDate),
    withdrawal: z.optional(withdrawalClause),
  }),
);

/** A treaty's fields: what a writer sends, and what a stored treaty carries besides what is derived. */
export const treatyFields = /* @__PURE__ */ builtOnce(() => ({
  id: slug,
  name: text(400),
  shortName: text(80),
  nameTakesArticle: z.optional(z.boolean()),
  bilateral: z.optional(z.boolean()),
  parties: z.array(party).check(z.minLength(1, "needs at least one party"), z.maxLength(200)),
  signedOn: civilDate,
  inForceOn: z.optional(civilDate),
  withdrawal: z.optional(withdrawalClause),
  term: z.optional(period),
  renewal: z.optional(
    z.strictObject({
      article: text(120),
      text: text(4000),
      initialTerm: period,
      renewFor: period,
      noticeBefore: period,
    }),
  ),
  partyEntryIntoForce: z.optional(z.strictObject({ article: text(120), text: text(4000), takesEffect: effectRule })),
  sources,
}));

export const treatyInput = /* @__PURE__ */ z.lazy(() => z.strictObject(treatyFields()));

/** An event's fields, each checked on its own: a new event needs them together, a correction any of them. */
export const eventFields = /* @__PURE__ */ builtOnce(() => ({
  date: partialDate,
  type: z.enum(EVENT_TYPES),
  party: z.optional(partyCode),
  title: text(200),
  description: z.optional(text(4000)),
  sources,
  ultimatum: z.optional(
    z.strictObject({
      period: z.optional(z.strictObject({ days: z.optional(count), months: z.optional(count) })),
      endsOn: z.optional(civilDate),
    }),
  ),
  extension: z.optional(z.strictObject({ extension: z.optional(period), until: z.optional(civilDate) })),
  receivedOn: z.optional(civilDate),
  effectiveOn: z.optional(civilDate),
  claimedEffectiveOn: z.optional(civilDate),
}));

export const eventInput = /* @__PURE__ */ z.lazy(() =>
  z.strictObject(eventFields()).check(
    z.superRefine((event, ctx) => {
      if (event.ultimatum && event.type !== "ultimatum") {
        ctx.issues.push({
          code: "custom",
          path: ["ultimatum"],
          message: "only an ultimatum event has an ultimatum",
          input: event,
        });
      }
      if (event.type === "ultimatum" && event.ultimatum && !event.ultimatum.period === !event.ultimatum.endsOn) {
        ctx.issues.push({
          code: "custom",
          path: ["ultimatum"],
          message: "give either period or endsOn",
          input: event,
        });
      }
      if (event.ultimatum?.period) {
        try {
          assertPeriod(event.ultimatum.period, "ultimatum period");
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
          ctx.issues.push({ code: "custom", path: ["ultimatum", "period"], message: error.message, input: event });
        }
      }
      if (event.extension && event.type !== "extended") {
        ctx.issues.push({
          code: "custom",
          path: ["extension"],
          message: "only an extended event has an extension",
          input: event,
        });
      }
      if (event.type === "extended" && (!event.extension || !event.extension.extension === !event.extension.until)) {
        ctx.issues.push({
          code: "custom",
          path: ["extension"],
          message: "an extended event needs either extension or until",
          input: event,
        });
      }
    }),
  ),
);

export type TreatyInput = z.infer<typeof treatyInput>;
export type EventInput = z.infer<typeof eventInput>;

/** A page size: a whole number from 1 to `max` in the query, a number past the edge. */
export const pageLimit = (max: number) =>
  z.pipe(
    z.string().check(z.regex(new RegExp(`^${wholeNumberSource(1, max)}$`), `must be a whole number from 1 to ${max}`)),
    z.transform(Number),
  );

/** Event types as a comma-separated list in the query, an array past the edge. */
const typeList = /* @__PURE__ */ z.lazy(() =>
  z.pipe(
    z.string().check(
      z.maxLength(400),
      z.refine(
        (v) => v.split(",").every((t) => (EVENT_TYPES as readonly string[]).includes(t.trim())),
        `must be a comma-separated list of event types: ${EVENT_TYPES.join(", ")}`,
      ),
    ),
    z.transform((v) => v.split(",").map((t) => t.trim() as EventType)),
  ),
);

export const historyQuery = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({
    from: z.optional(partialDate),
    to: z.optional(partialDate),
    type: z.optional(typeList),
    party: z.optional(partyCode),
    order: z.optional(z.enum(["asc", "desc"])),
    limit: z.optional(pageLimit(200)),
    cursor: z.optional(z.string().check(z.maxLength(1024))),
    format: z.optional(z.enum(["json", "timelinejs", "csv"], "must be json, timelinejs or csv")),
  }),
);

export const treatiesQuery = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({
    limit: z.optional(pageLimit(200)),
    cursor: z.optional(z.string().check(z.maxLength(1024))),
  }),
);

/** `style=ap|uk`: the house style of English copy. */
export const style = /* @__PURE__ */ z.lazy(() =>
  z.enum(STYLES, `must be one of the supported styles: ${STYLES.join(", ")}`),
);
/** `lang=en|fr|de|es`: the language of the sentence, the embed and calendar summaries. */
export const lang = /* @__PURE__ */ z.lazy(() =>
  z.enum(LANGUAGES, `must be one of the supported languages: ${LANGUAGES.join(", ")}`),
);

export const daysUntilExitQuery = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({
    asOf: z.optional(asOf),
    tz: z.optional(timeZone),
    party: z.optional(partyCode),
    noticeOn: z.optional(civilDate),
    format: z.optional(z.enum(["json", "text"], "must be json or text")),
    style: z.optional(style),
    lang: z.optional(lang),
  }),
);

export const deadlinesWindowQuery = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({
    from: z.optional(civilDate),
    to: z.optional(civilDate),
    kind: z.optional(z.enum(DEADLINE_KINDS)),
  }),
);

export const partiesQuery = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({
    asOf: z.optional(asOf),
    tz: z.optional(timeZone),
    format: z.optional(z.enum(["json", "csv"], "must be json or csv")),
  }),
);

export const noQuery = /* @__PURE__ */ z.lazy(() => z.strictObject({}));
