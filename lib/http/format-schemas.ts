import * as z from "zod/mini";
import { wholeNumberSource } from "#http/patterns";
import { asOf, lang, partyCode, style, timeZone } from "#http/schemas";

/**
 * Query schemas of the newsroom-format routes (embed page, calendar feeds). Like every query
 * schema they are strict: a misspelt parameter is refused, not ignored.
 */

/** GET /treaties/{treatyId}/embed: the same as-of date, zone and party as days-until-exit. */
export const embedQuery = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({
    asOf: z.optional(asOf),
    tz: z.optional(timeZone),
    party: z.optional(partyCode),
    style: z.optional(style),
    lang: z.optional(lang),
  }),
);

export const MAX_ALARMS = 5;
export const MAX_ALARM_DAYS = 365;

const ALARM_DAY = wholeNumberSource(0, MAX_ALARM_DAYS);

/** `7,1`: reminders that many days before each deadline; `none` for no reminders. */
const alarms = /* @__PURE__ */ z.lazy(() =>
  z.string().check(
    z.maxLength(40),
    z.regex(
      new RegExp(`^(?:none|${ALARM_DAY}(?:,${ALARM_DAY}){0,${MAX_ALARMS - 1}})$`),
      `must be a comma-separated list of at most ${MAX_ALARMS} whole days before the deadline, each 0 to ${MAX_ALARM_DAYS}, like 7,1, or none`,
    ),
    z.refine(
      (value) => value === "none" || value.split(",").every((day) => Number(day) <= MAX_ALARM_DAYS),
      `each reminder must be at most ${MAX_ALARM_DAYS} days before the deadline`,
    ),
    z.refine(
      (value) => value === "none" || value.split(",").length <= MAX_ALARMS,
      `give at most ${MAX_ALARMS} reminders`,
    ),
  ),
);

/** GET /calendar.ics and GET /treaties/{treatyId}/calendar.ics. */
export const calendarQuery = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({
    alarms: z.optional(alarms),
    style: z.optional(style),
    lang: z.optional(lang),
  }),
);

/** The reminder days a calendar query asks for; undefined keeps the feed's default. */
export function alarmDays(value: string | undefined): number[] | undefined {
  if (value === undefined) return undefined;
  return value === "none" ? [] : value.split(",").map(Number);
}
