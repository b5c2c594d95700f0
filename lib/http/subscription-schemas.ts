import * as z from "zod/mini";
import { wholeNumberSource } from "#http/patterns";
import { slug, text } from "#http/schemas";
import { MAX_WEBHOOK_URL_LENGTH, webhookUrlProblem } from "#lib/reminders/webhook-url";

/**
 * Requests about reminder subscriptions. The URL's spelling rule lives in
 * lib/reminders/webhook-url.ts and where it may point (public addresses, allowed ports) in
 * lib/reminders/webhook-target.ts, because the job checks both again before every post; the
 * address check needs a lookup, so the handler runs it after this schema (422 naming `url`).
 */
export const MAX_OFFSETS = 10;
export const MAX_OFFSET_DAYS = 365;

export const webhookUrl = /* @__PURE__ */ z.lazy(() =>
  z.string().check(
    z.maxLength(MAX_WEBHOOK_URL_LENGTH, `must be at most ${MAX_WEBHOOK_URL_LENGTH} characters`),
    z.superRefine((value: string, ctx) => {
      const problem = webhookUrlProblem(value);
      if (problem) ctx.issues.push({ code: "custom", message: problem, input: value });
    }),
  ),
);

const offsetDays = /* @__PURE__ */ z.lazy(() =>
  z
    .int("must be a whole number of days")
    .check(z.minimum(0, "must not be negative"), z.maximum(MAX_OFFSET_DAYS, `must be at most ${MAX_OFFSET_DAYS} days`)),
);

export const offsetsDays = /* @__PURE__ */ z.lazy(() =>
  z.array(offsetDays).check(
    z.minLength(1, "needs at least one offset"),
    z.maxLength(MAX_OFFSETS, `may hold at most ${MAX_OFFSETS} offsets`),
    z.refine((offsets) => new Set(offsets).size === offsets.length, "must not repeat an offset"),
  ),
);

export const subscriptionInput = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({
    url: webhookUrl,
    treatyId: z.optional(slug),
    offsetsDays: z.optional(offsetsDays),
    label: z.optional(text(120)),
  }),
);

export const SUBSCRIPTION_ID_PATTERN = /^sub_[A-Za-z0-9_-]{16,40}$/;

/** GET /subscriptions/{id}/deliveries: newest first, `limit` per page (default 20), `cursor` from the last page. */
export const DEFAULT_DELIVERIES_LIMIT = 20;
export const deliveriesQuery = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({
    limit: z.optional(
      z.string().check(z.regex(new RegExp(`^${wholeNumberSource(1, 100)}$`), "must be a whole number from 1 to 100")),
    ),
    cursor: z.optional(z.string().check(z.maxLength(1024, "is not a cursor this API returned"))),
  }),
);

/** POST /subscriptions/{id}/secret takes no fields: an empty body or `{}`. */
export const secretRotationInput = /* @__PURE__ */ z.lazy(() => z.strictObject({}));
