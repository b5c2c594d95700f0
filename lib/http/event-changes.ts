/**
 * What a change to an event carries at the edge, and how changes are shown: the correction and
 * retraction bodies, If-Match and Idempotency-Key, the event id in the path, and the revisions and
 * corrections listings with their cursor.
 */
import * as z from "zod/mini";
import { EventNotFoundError } from "#domain/errors";
import { EDITABLE_EVENT_FIELDS, type EditableEventFields, type Revision, type StoredEvent } from "#domain/records";
import { BadRequestError, HttpError } from "#http/errors";
import { SLUG } from "#http/patterns";
import type { HttpEvent } from "#http/request";
import { header, parseWith, pathParameter } from "#http/request";
import { eventFields, eventInput, NO_CONTROL_CHARACTERS, pageLimit } from "#http/schemas";

/**
 * The edge of the trust features: correction and retraction bodies, If-Match versions,
 * Idempotency-Key headers, event ids in paths and the corrections cursor.
 */

/** Why the record changes, in the words readers of the corrections page will see. */
const reason = /* @__PURE__ */ z.lazy(() =>
  z
    .string({
      error: (issue) => (issue.input === undefined ? "is required: say why the record changes" : "must be text"),
    })
    .check(
      z.trim(),
      z.minLength(1, "must not be empty: say why the record changes"),
      z.maxLength(1000, "must be at most 1000 characters"),
      z.regex(NO_CONTROL_CHARACTERS, "must not contain control characters"),
    ),
);

/** An editable field, in a correction: absent leaves it, null removes an optional one. */
export const eventCorrection = /* @__PURE__ */ z.lazy(() => {
  const fields = eventFields();
  return z
    .strictObject({
      reason,
      date: z.optional(fields.date),
      type: z.optional(fields.type),
      party: z.nullable(fields.party),
      title: z.optional(fields.title),
      description: z.nullable(fields.description),
      sources: z.optional(fields.sources),
      ultimatum: z.nullable(fields.ultimatum),
      extension: z.nullable(fields.extension),
      receivedOn: z.nullable(fields.receivedOn),
      effectiveOn: z.nullable(fields.effectiveOn),
      claimedEffectiveOn: z.nullable(fields.claimedEffectiveOn),
    })
    .check(
      z.refine(
        (body) => Object.keys(body).some((field) => field !== "reason"),
        "name at least one field to correct: date, type, party, title, description, sources, ultimatum, extension, receivedOn, effectiveOn or claimedEffectiveOn",
      ),
    );
});

export type EventCorrection = z.infer<typeof eventCorrection>;

export const eventRetraction = /* @__PURE__ */ z.lazy(() => z.strictObject({ reason }));

/**
 * The event's editable fields after a correction, checked as a whole exactly as a new event
 * would be (an ultimatum detail only on an ultimatum, and so on); 400 when they do not fit.
 */
export function applyCorrection(current: StoredEvent, correction: EventCorrection): EditableEventFields {
  const { reason: _reason, ...changes } = correction;
  const merged: Record<string, unknown> = Object.fromEntries(
    EDITABLE_EVENT_FIELDS.map((field) => [field, current[field]]),
  );
  for (const [field, value] of Object.entries(changes)) {
    if (value === null) delete merged[field];
    else if (value !== undefined) merged[field] = value;
  }
  for (const [field, value] of Object.entries(merged)) if (value === undefined) delete merged[field];
  return parseWith(eventInput, merged, "corrected event");
}

export class PreconditionRequiredError extends HttpError {
  constructor() {
    super(
      428,
      "Precondition required",
      'A correction needs If-Match with the version of the event it corrects (If-Match: "3"); read the event first.',
    );
  }
}

export const IF_MATCH = /^\s*(?:W\/)?("?)([1-9]\d{0,8})\1\s*$/;

/** The event version in If-Match: `3`, `"3"` or `W/"3"`. Absent: undefined, or 428 when required. */
export function expectedVersionFrom(event: HttpEvent, options: { required: boolean }): number | undefined {
  const value = header(event, "if-match");
  if (value === undefined || value.trim() === "") {
    if (options.required) throw new PreconditionRequiredError();
    return undefined;
  }
  const match = IF_MATCH.exec(value);
  if (!match?.[2]) {
    throw new BadRequestError('If-Match must be the event\'s version number, like 3 or "3".', [
      { path: "If-Match", message: "must be a positive whole number, optionally quoted" },
    ]);
  }
  return Number(match[2]);
}

// Printable ASCII, 1 to 128 characters: UUIDs, ULIDs and most clients' own schemes fit.
export const IDEMPOTENCY_KEY = /^[\x20-\x7E]{1,128}$/;

/** The Idempotency-Key header, when sent. */
export function idempotencyKeyFrom(event: HttpEvent): string | undefined {
  const value = header(event, "idempotency-key");
  if (value === undefined) return undefined;
  if (!IDEMPOTENCY_KEY.test(value)) {
    throw new BadRequestError("Idempotency-Key must be 1 to 128 printable ASCII characters.", [
      { path: "Idempotency-Key", message: "must be 1 to 128 printable ASCII characters" },
    ]);
  }
  return value;
}

/** Event ids are server-made UUIDs or seed slugs; anything else cannot exist. */
const EVENT_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;

export function eventIdFrom(event: HttpEvent, treatyId: string): string {
  const id = pathParameter(event, "eventId");
  if (!EVENT_ID.test(id)) throw new EventNotFoundError(treatyId, id);
  return id;
}

/**
 * The corrections cursor is the catalogue position of the last entry shown (its time, treaty
 * and event), base64url-encoded. It needs no signature: whatever it says, it only moves the
 * start of a public, newest-first listing, and it is checked strictly before use.
 */
const POSITION = new RegExp(
  `^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z#${SLUG}#[A-Za-z0-9][A-Za-z0-9_-]{0,127}$`,
);

export const correctionsCursor = (position: string): string => Buffer.from(position, "utf8").toString("base64url");

export function positionFromCursor(cursor: string): string {
  const position = /^[A-Za-z0-9_-]{1,400}$/.test(cursor) ? Buffer.from(cursor, "base64url").toString("utf8") : "";
  if (!POSITION.test(position)) {
    throw new BadRequestError("The cursor is not valid. Use nextCursor exactly as returned.", [
      { path: "cursor", message: "is not a cursor this API returned" },
    ]);
  }
  return position;
}

export const correctionsQuery = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({
    limit: z.optional(pageLimit(100)),
    cursor: z.optional(z.string().check(z.maxLength(400, "is not a cursor this API returned"))),
  }),
);

/** One earlier version of an event, as GET .../revisions shows it: the version, then who, when, why and what. */
export function revisionView(revision: Revision) {
  return {
    version: revision.fromVersion,
    replacedBy: revision.toVersion,
    kind: revision.kind,
    revisedAt: revision.revisedAt,
    by: revision.by,
    reason: revision.reason,
    changes: revision.changes,
    event: revision.previous,
  };
}

/** One entry of GET /corrections. */
export function correctionView(revision: Revision) {
  return {
    at: revision.revisedAt,
    kind: revision.kind,
    treatyId: revision.treatyId,
    eventId: revision.eventId,
    title: revision.previous.title,
    fromVersion: revision.fromVersion,
    toVersion: revision.toVersion,
    by: revision.by,
    reason: revision.reason,
    changes: revision.changes,
    revisions: `/treaties/${revision.treatyId}/events/${encodeURIComponent(revision.eventId)}/revisions`,
  };
}
