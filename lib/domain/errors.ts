/**
 * Named domain errors. Each message is written for the person who must act on it:
 * a reporter or an editor, not a programmer. `lib/http/problem.ts` maps each class to
 * an HTTP status with `instanceof`.
 */
export abstract class DomainError extends Error {
  /** Stable, URL-safe slug used as the problem `type`. */
  abstract readonly code: string;
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** The base of a domain error that needs nothing but its code: `class InvalidDateError extends coded("invalid-date") {}`. */
function coded(code: string) {
  return class extends DomainError {
    readonly code = code;
  };
}

/** A date that does not exist or is not written as YYYY, YYYY-MM or YYYY-MM-DD. */
export class InvalidDateError extends coded("invalid-date") {}

/** Arithmetic asked of a date known only to the year or month. */
export class PartialDateError extends coded("partial-date") {}

/** A time zone that is not in the IANA database. */
export class UnknownTimeZoneError extends coded("unknown-time-zone") {}

/** A period that is empty, negative or fractional. */
export class InvalidPeriodError extends coded("invalid-period") {}

/** A what-if notice on a date the treaty does not allow notice to be given. */
export class NoticeNotAllowedError extends coded("notice-not-allowed") {}

/**
 * A clause, or a notice's details, the treaty cannot hold: both ways of dating an exit, a receipt before the
 * notice, a named exit date on an event that is not a notice. `field` names the part at fault.
 */
export class InvalidRuleError extends DomainError {
  readonly code = "invalid-rule";
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** An event or request that names a party the treaty does not have. */
export class UnknownPartyError extends coded("unknown-party") {}

export class TreatyNotFoundError extends DomainError {
  readonly code = "treaty-not-found";
  constructor(readonly treatyId: string) {
    super(`No treaty with id "${treatyId}" is on record.`);
  }
}

export class EventNotFoundError extends DomainError {
  readonly code = "event-not-found";
  constructor(
    readonly treatyId: string,
    readonly eventId: string,
  ) {
    super(`No event "${eventId}" is on record for treaty "${treatyId}".`);
  }
}

export class TreatyExistsError extends DomainError {
  readonly code = "treaty-exists";
  constructor(readonly treatyId: string) {
    super(`A treaty with id "${treatyId}" already exists.`);
  }
}

/** Someone else changed the record first; re-read and try again. */
export class ConcurrentChangeError extends coded("concurrent-change") {}

/** An event id that is already taken: clients never choose ids, so this is a replayed write. */
export class EventExistsError extends DomainError {
  readonly code = "event-exists";
  constructor(readonly eventId: string) {
    super(`Event ${eventId} already exists.`);
  }
}

/**
 * The If-Match version no longer matches the event: someone corrected it since it was read.
 * Its code is the problem type a client sees with the 412.
 */
export class VersionMismatchError extends DomainError {
  readonly code = "precondition-failed";
  constructor(
    readonly currentVersion: number,
    readonly expectedVersion: number,
  ) {
    super(
      `The event is at version ${currentVersion}, not ${expectedVersion}: it was changed since you read it. ` +
        "Read it again and apply your change to the current version.",
    );
  }
}

/** A retracted event stays as it is. */
export class EventRetractedError extends DomainError {
  readonly code = "event-retracted";
  constructor(readonly eventId: string) {
    super(`Event ${eventId} has been retracted; a retracted event is not changed again.`);
  }
}

/** A correction that would change nothing. */
export class NothingToCorrectError extends DomainError {
  readonly code = "nothing-to-correct";
  constructor(readonly eventId: string) {
    super(`The correction leaves event ${eventId} exactly as it is; nothing was changed.`);
  }
}

/** The same Idempotency-Key was sent with a different request: replaying it would answer the wrong question. */
export class IdempotencyKeyReusedError extends DomainError {
  readonly code = "idempotency-key-reused";
  constructor() {
    super(
      "This Idempotency-Key was already used for a different request in the last 24 hours. " +
        "Use a new key for a new request; a retry must repeat the original request exactly.",
    );
  }
}
