/**
 * The records treaty-clock keeps and the decisions that change them. A treaty's record carries its
 * derived deadlines, the few events the rules look at and the calendar sequences, so every change is
 * decided here, in one pure step, and the store only writes the finished record.
 */

import { type DeadlineSequences, nextSequences } from "#domain/deadline-identity";
import { deriveDeadlines, ruleRelevantTypes } from "#domain/deadlines";
import { EventRetractedError, NothingToCorrectError, VersionMismatchError } from "#domain/errors";
import { sortTimeline } from "#domain/timeline";
import type { Deadline, TimelineEvent, Treaty } from "#domain/types";
import { assertEventFitsTreaty, assertTreatyRules } from "#domain/validation";

/** A treaty with what treaty-clock derived from it and its history. */
export interface TreatyRecord {
  treaty: Treaty;
  deadlines: Deadline[];
  /** The events `deriveDeadlines` looks at, in timeline order. */
  ruleEvents: TimelineEvent[];
  eventCount: number;
  version: number;
  createdAt: string;
  updatedAt: string;
  createdBy?: string;
  /**
   * Per deadline series, the date it last had and a sequence that rises each time that date
   * changes (lib/domain/deadline-identity.ts): calendar feeds publish it as SEQUENCE.
   */
  sequences?: DeadlineSequences;
}

/** A retracted event stays in the history, marked, and no longer counts for deadlines. */
export interface Retraction {
  at: string;
  /** Id of the API key that retracted it. */
  by: string;
  reason: string;
}

export interface StoredEvent extends TimelineEvent {
  createdAt: string;
  version: number;
  /** Id of the API key that wrote it; seed data says "seed". */
  createdBy?: string;
  /** When and by which key the last correction or retraction was made. */
  updatedAt?: string;
  updatedBy?: string;
  retracted?: Retraction;
}

/** The fields a correction may change; everything else is the record's own bookkeeping. */
export const EDITABLE_EVENT_FIELDS = [
  "date",
  "type",
  "party",
  "title",
  "description",
  "sources",
  "ultimatum",
  "extension",
  "receivedOn",
  "effectiveOn",
  "claimedEffectiveOn",
] as const satisfies ReadonlyArray<keyof TimelineEvent>;

export type EditableEventFields = Pick<TimelineEvent, (typeof EDITABLE_EVENT_FIELDS)[number]>;

/** An earlier version of a corrected or retracted event, with who replaced it, when and why. */
export interface Revision {
  kind: "correction" | "retraction";
  treatyId: string;
  eventId: string;
  /** The version this revision holds, and the version that replaced it. */
  fromVersion: number;
  toVersion: number;
  revisedAt: string;
  /** Id of the API key that made the change. */
  by: string;
  reason: string;
  /** Each changed field's value before and after (null when absent); empty for a retraction. */
  changes: Partial<Record<keyof EditableEventFields, { from: unknown; to: unknown }>>;
  /** The event as it was before the change. */
  previous: StoredEvent;
}

/** What a deadline index item holds: enough to list deadlines across treaties without another read. */
export interface IndexedDeadline {
  treatyId: string;
  treatyShortName: string;
  treatyName: string;
  deadline: Deadline;
}

/** The record after a change to its rule events: deadlines derived again, sequences moved on, version up. */
function withRuleEvents(record: TreatyRecord, ruleEvents: TimelineEvent[], now: Date): TreatyRecord {
  const deadlines = deriveDeadlines(record.treaty, ruleEvents);
  return {
    ...record,
    ruleEvents,
    deadlines,
    sequences: nextSequences(record.sequences, deadlines),
    version: record.version + 1,
    updatedAt: now.toISOString(),
  };
}

/**
 * The record after the treaty's own definition changes (a clause corrected, a party added): the same history,
 * its deadlines derived again under the new rules. @throws InvalidRuleError, UnknownPartyError.
 */
export function withTreaty(record: TreatyRecord, treaty: Treaty, now: Date): TreatyRecord {
  assertTreatyRules(treaty);
  for (const event of record.ruleEvents) assertEventFitsTreaty(treaty, event);
  return withRuleEvents({ ...record, treaty }, record.ruleEvents, now);
}

/** A new treaty's record: its deadlines from the treaty alone (a term, for one), version 1. */
export function newTreatyRecord(treaty: Treaty, createdBy: string | undefined, now: Date): TreatyRecord {
  assertTreatyRules(treaty);
  const deadlines = deriveDeadlines(treaty, []);
  return {
    treaty,
    deadlines,
    sequences: nextSequences(undefined, deadlines),
    ruleEvents: [],
    eventCount: 0,
    version: 1,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    ...(createdBy ? { createdBy } : {}),
  };
}

/**
 * The treaty record after `event` joins its history.
 * @throws UnknownPartyError when the event names a party the treaty does not have.
 */
export function withEvent(record: TreatyRecord, event: TimelineEvent, now: Date): TreatyRecord {
  assertEventFitsTreaty(record.treaty, event);
  const ruleEvents = ruleRelevantTypes.has(event.type)
    ? sortTimeline([...record.ruleEvents, event])
    : record.ruleEvents;
  return { ...withRuleEvents(record, ruleEvents, now), eventCount: record.eventCount + 1 };
}

/** The treaty record after `previous` is replaced by `next` (a correction or a retraction). */
export function withRevisedEvent(
  record: TreatyRecord,
  previous: TimelineEvent,
  next: StoredEvent,
  now: Date,
): TreatyRecord {
  const others = record.ruleEvents.filter((event) => event.id !== previous.id);
  const ruleEvents = !next.retracted && ruleRelevantTypes.has(next.type) ? sortTimeline([...others, next]) : others;
  return withRuleEvents(record, ruleEvents, now);
}

/** What changed, field by field; an absent value is null. */
export function changesBetween(previous: TimelineEvent, next: TimelineEvent): Revision["changes"] {
  const changes: Revision["changes"] = {};
  for (const field of EDITABLE_EVENT_FIELDS) {
    const from = previous[field] ?? null;
    const to = next[field] ?? null;
    if (JSON.stringify(from) !== JSON.stringify(to)) changes[field] = { from, to };
  }
  return changes;
}

export interface RevisionRequest {
  treatyId: string;
  eventId: string;
  /** The If-Match version; when absent, the change applies to whatever version is current. */
  expectedVersion?: number;
  /** Id of the API key making the change. */
  by: string;
  reason: string;
}

/** One decided revision: the event's next version, the revision that keeps the previous one, the treaty after. */
export interface RevisedEvent {
  previous: StoredEvent;
  event: StoredEvent;
  revision: Revision;
  before: TreatyRecord;
  record: TreatyRecord;
}

/**
 * Decides a correction or retraction of `current` as `revise` makes it.
 * @throws EventRetractedError, VersionMismatchError (a stale If-Match), UnknownPartyError,
 *   NothingToCorrectError (a correction that changes nothing).
 */
export function reviseEvent(
  kind: Revision["kind"],
  before: TreatyRecord,
  current: StoredEvent,
  request: RevisionRequest,
  revise: (current: StoredEvent) => StoredEvent,
  now: Date,
): RevisedEvent {
  if (current.retracted) throw new EventRetractedError(current.id);
  if (request.expectedVersion !== undefined && current.version !== request.expectedVersion) {
    throw new VersionMismatchError(current.version, request.expectedVersion);
  }
  const next = revise(current);
  assertEventFitsTreaty(before.treaty, next);
  const changes = changesBetween(current, next);
  if (kind === "correction" && Object.keys(changes).length === 0) throw new NothingToCorrectError(current.id);
  const revision: Revision = {
    kind,
    treatyId: request.treatyId,
    eventId: request.eventId,
    fromVersion: current.version,
    toVersion: next.version,
    revisedAt: now.toISOString(),
    by: request.by,
    reason: request.reason,
    changes,
    previous: current,
  };
  return { previous: current, event: next, revision, before, record: withRevisedEvent(before, current, next, now) };
}

/** The next version of `current` with a correction's editable fields; id, treaty, creation and author stay. */
export function correctedEvent(current: StoredEvent, fields: EditableEventFields, by: string, now: Date): StoredEvent {
  const next: StoredEvent = {
    id: current.id,
    treatyId: current.treatyId,
    date: fields.date,
    type: fields.type,
    title: fields.title,
    sources: fields.sources,
    createdAt: current.createdAt,
    version: current.version + 1,
    ...(current.createdBy !== undefined ? { createdBy: current.createdBy } : {}),
    updatedAt: now.toISOString(),
    updatedBy: by,
  };
  if (fields.party !== undefined) next.party = fields.party;
  if (fields.description !== undefined) next.description = fields.description;
  if (fields.ultimatum !== undefined) next.ultimatum = fields.ultimatum;
  if (fields.extension !== undefined) next.extension = fields.extension;
  if (fields.receivedOn !== undefined) next.receivedOn = fields.receivedOn;
  if (fields.effectiveOn !== undefined) next.effectiveOn = fields.effectiveOn;
  if (fields.claimedEffectiveOn !== undefined) next.claimedEffectiveOn = fields.claimedEffectiveOn;
  return next;
}

/** The next version of `current`, retracted: it stays in the history and stops counting for deadlines. */
export function retractedEvent(current: StoredEvent, by: string, reason: string, now: Date): StoredEvent {
  return {
    ...current,
    version: current.version + 1,
    updatedAt: now.toISOString(),
    updatedBy: by,
    retracted: { at: now.toISOString(), by, reason },
  };
}
