/**
 * The writes to a treaty's history, each read as a sentence: load the treaty, ask the domain for the
 * new state, hand the store the finished change to write in one transaction. A concurrent change to
 * the same treaty is retried from a fresh read, within one backoff budget per request.
 */

import { ConcurrentChangeError } from "#domain/errors";
import {
  correctedEvent,
  type EditableEventFields,
  type RevisedEvent,
  type RevisionRequest,
  retractedEvent,
  reviseEvent,
  type StoredEvent,
  type TreatyRecord,
  withEvent,
} from "#domain/records";
import { type Backoff, withBackoff } from "#lib/backoff";
import { isTransactionConflict } from "#store/errors";
import { getEvent, writeNewEvent, writeRevisedEvent } from "#store/events";
import { type IdempotencyGuard, idempotencyRecordItems, readIdempotentAnswer } from "#store/idempotency";
import { getTreaty } from "#store/treaties";

/** Optimistic-concurrency retries: 0-20, 0-40, 0-80 ... ms between eight attempts. */
export const CONCURRENCY: Backoff = { attempts: 8, baseMs: 20, capMs: 2_000 };

export const concurrent = (error: unknown): boolean =>
  error instanceof ConcurrentChangeError || isTransactionConflict(error);

export interface AddedEvent {
  event: StoredEvent;
  /** True when an Idempotency-Key found the first request's answer and nothing was stored. */
  replayed: boolean;
}

/**
 * Adds an event; the treaty's deadlines follow in the same transaction. With an idempotency guard,
 * a repeat of the same request answers with the first event and stores nothing, and concurrent
 * identical requests store one event.
 * @throws UnknownPartyError, EventExistsError, IdempotencyKeyReusedError, ConcurrentChangeError.
 */
export function addEvent(event: StoredEvent, now: Date, guard?: IdempotencyGuard): Promise<AddedEvent> {
  return withBackoff(CONCURRENCY, concurrent, async () => {
    if (guard) {
      const answer = await readIdempotentAnswer(guard, now);
      if (answer) return { event: answer, replayed: true };
    }
    const before = await getTreaty(event.treatyId, { consistent: true });
    const record = withEvent(before, event, now);
    await writeNewEvent({ before, record, event }, guard && idempotencyRecordItems(guard, event, now));
    return { event, replayed: false };
  });
}

export interface RevisionResult {
  event: StoredEvent;
  record: TreatyRecord;
}

async function revise(
  kind: RevisedEvent["revision"]["kind"],
  request: RevisionRequest,
  next: (current: StoredEvent) => StoredEvent,
  now: Date,
): Promise<RevisionResult> {
  return withBackoff(
    CONCURRENCY,
    concurrent,
    async () => {
      const before = await getTreaty(request.treatyId, { consistent: true });
      const current = await getEvent(request.treatyId, request.eventId, { consistent: true });
      const change = reviseEvent(kind, before, current, request, next, now);
      return { event: change.event, record: await writeRevisedEvent(change) };
    },
    () => new ConcurrentChangeError("The event kept changing while this change was being saved; try again."),
  );
}

/**
 * Corrects an event: `correct` gives its editable fields after the correction (and throws to refuse
 * one). The previous version is kept as a revision and the deadlines follow, in one transaction.
 * @throws EventNotFoundError, EventRetractedError, VersionMismatchError, NothingToCorrectError, UnknownPartyError.
 */
export function correctEvent(
  request: RevisionRequest,
  correct: (current: StoredEvent) => EditableEventFields,
  now: Date,
): Promise<RevisionResult> {
  return revise("correction", request, (current) => correctedEvent(current, correct(current), request.by, now), now);
}

/** Retracts an event: it stays in the history with `retracted` set, and stops counting for deadlines. */
export function retractEvent(request: RevisionRequest, now: Date): Promise<RevisionResult> {
  return revise("retraction", request, (current) => retractedEvent(current, request.by, request.reason, now), now);
}
