/**
 * Each party's standing on a given day: the first thing a desk asks ("who has left, who is leaving, and when").
 * Derived from the deadlines (which already apply every clause form) and the recorded events; every row says why.
 */
import { formatLongDate, isCivilDate, onDate } from "#domain/calendar";
import { possessive } from "#domain/clauses";
import { sortTimeline } from "#domain/timeline";
import type { CivilDateString, Deadline, PartialDateString, TimelineEvent, Treaty } from "#domain/types";

export const PARTY_STATUSES = ["party", "not_yet_bound", "notice_given", "suspended", "withdrawn", "ended"] as const;
export type PartyStatusName = (typeof PARTY_STATUSES)[number];

export interface PartyStatus {
  party: string;
  name: string;
  status: PartyStatusName;
  /**
   * The date that goes with the status: when an exit takes effect (notice_given), since when a party has left
   * (withdrawn), suspended or the treaty ended, when it will be bound (not_yet_bound); null for a plain party.
   */
  date: PartialDateString | null;
  /** True when the party claims another exit date than the rule gives; `claimedDate` holds it. */
  contested?: boolean;
  claimedDate?: CivilDateString;
  basis: {
    /** The deadline's rule citation, or "recorded event" when the row rests on the record alone. */
    article: string | null;
    eventId: string | null;
    explanation: string;
  };
}

/** The day a treaty as a whole stopped binding anyone, with why; undefined while it stands. */
export interface TreatyEnd {
  date: CivilDateString;
  /** "when the U.S. withdrawal took effect", "when its term expired". */
  reason: "withdrawal" | "term_expiry" | "terminated" | "expired";
  party?: string;
  deadline?: Deadline;
  eventId?: string;
}

/**
 * When the whole treaty ended on or before `asOf`: a recorded termination or expiry, its term's end, or for a
 * bilateral treaty the first withdrawal to take effect.
 */
export function treatyEnd(
  treaty: Treaty,
  deadlines: readonly Deadline[],
  events: readonly TimelineEvent[],
  asOf: CivilDateString,
): TreatyEnd | undefined {
  const candidates: TreatyEnd[] = [];
  for (const deadline of deadlines) {
    if (deadline.date > asOf) continue;
    if (deadline.kind === "term_expiry") candidates.push({ date: deadline.date, reason: "term_expiry", deadline });
    if (deadline.kind === "withdrawal_effective" && treaty.bilateral) {
      candidates.push({
        date: deadline.date,
        reason: "withdrawal",
        deadline,
        ...(deadline.party === undefined ? {} : { party: deadline.party }),
      });
    }
  }
  for (const event of events) {
    if ((event.type === "terminated" || event.type === "expired") && isCivilDate(event.date) && event.date <= asOf) {
      candidates.push({ date: event.date, reason: event.type, eventId: event.id });
    }
  }
  return candidates.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))[0];
}

/** Whether a (possibly partial) date could only fall on or before `asOf`. */
function onOrBefore(date: PartialDateString, asOf: CivilDateString): boolean {
  return date <= asOf.slice(0, date.length);
}

/**
 * Every party the treaty records, with its status on `asOf`, in the order the treaty lists them. Each party's own
 * record is read in date order (deposits, notices, retractions, suspensions, exits), so a party that left and came
 * back, or retracted a notice, reads as it stood on the day.
 */
export function partyStatuses(
  treaty: Treaty,
  deadlines: readonly Deadline[],
  events: readonly TimelineEvent[],
  asOf: CivilDateString,
): PartyStatus[] {
  const timeline = sortTimeline(events);
  const ended = treatyEnd(treaty, deadlines, timeline, asOf);
  return treaty.parties.map((party): PartyStatus => {
    const own = timeline.filter((event) => event.party === party.code);
    const row = (
      status: PartyStatusName,
      date: PartialDateString | null,
      basis: PartyStatus["basis"],
    ): PartyStatus => ({
      party: party.code,
      name: party.name,
      status,
      date,
      basis,
    });
    const fromDeadline = (status: PartyStatusName, deadline: Deadline): PartyStatus => ({
      ...row(status, deadline.date, {
        article: deadline.basis.article,
        eventId: deadline.basis.triggerEventId ?? null,
        explanation: deadline.basis.explanation,
      }),
      ...(deadline.contested && deadline.claimedDate !== undefined
        ? { contested: true, claimedDate: deadline.claimedDate }
        : {}),
    });
    const bound = (date: CivilDateString | undefined, deadline?: Deadline): PartyStatus =>
      date !== undefined && date > asOf
        ? row("not_yet_bound", date, {
            article: deadline?.basis.article ?? null,
            eventId: deadline?.basis.triggerEventId ?? null,
            explanation:
              deadline?.basis.explanation ??
              `The ${treaty.shortName} enters into force for ${party.name} on ${formatLongDate(date)}.`,
          })
        : row("party", null, {
            article: null,
            eventId: null,
            explanation: `${party.name} is a party to the ${treaty.shortName}; no notice, suspension or exit is on record.`,
          });

    let state = bound(party.inForceOn ?? treaty.inForceOn);
    for (const event of own) {
      if (!onOrBefore(event.date, asOf)) break;
      switch (event.type) {
        case "ratified": {
          const binding = deadlines.find((d) => d.kind === "party_bound" && d.basis.triggerEventId === event.id);
          if (state.status === "withdrawn" || state.status === "not_yet_bound" || binding !== undefined) {
            state = bound(binding?.date, binding);
          }
          break;
        }
        case "withdrawal_notice":
        case "expelled": {
          const exit = deadlines.find((d) => d.kind === "withdrawal_effective" && d.basis.triggerEventId === event.id);
          if (exit !== undefined) {
            state = fromDeadline(exit.date <= asOf ? "withdrawn" : "notice_given", exit);
            break;
          }
          const recorded = own.find((later) => later.type === "withdrawal_effective" && later.date >= event.date);
          state = row("notice_given", recorded?.date ?? null, {
            article: null,
            eventId: event.id,
            explanation: `${event.type === "expelled" ? "Expelled" : "Notice given"} ${onDate(event.date)}: ${event.title}${
              recorded === undefined ? "" : ` The record shows the exit taking effect ${onDate(recorded.date)}.`
            }`,
          });
          break;
        }
        case "withdrawal_effective":
          state = row("withdrawn", event.date, {
            article: null,
            eventId: event.id,
            explanation: `The record shows ${party.name}'s withdrawal taking effect ${onDate(event.date)}: ${event.title}`,
          });
          break;
        case "notice_retracted":
          if (state.status === "notice_given") state = bound(undefined);
          break;
        case "suspension":
          if (state.status === "party") {
            state = row("suspended", event.date, {
              article: null,
              eventId: event.id,
              explanation: `${party.name} suspended its participation ${onDate(event.date)}, as it claims; a suspension is not an exit. ${event.title}`,
            });
          }
          break;
        default:
          break;
      }
    }
    if (
      state.status === "notice_given" &&
      state.date !== null &&
      onOrBefore(state.date, asOf) &&
      state.date.length === 10
    ) {
      state = { ...state, status: "withdrawn" };
    }
    if (ended !== undefined && state.status !== "withdrawn") {
      return row("ended", ended.date, {
        article: ended.deadline?.basis.article ?? null,
        eventId: ended.eventId ?? ended.deadline?.basis.triggerEventId ?? null,
        explanation: endExplanation(treaty, ended),
      });
    }
    return state;
  });
}

/** "The INF Treaty ended on 2 August 2019, when the US withdrawal took effect." in plain words, for a basis. */
export function endExplanation(treaty: Treaty, end: TreatyEnd): string {
  const party = treaty.parties.find((p) => p.code === end.party)?.name ?? end.party;
  switch (end.reason) {
    case "withdrawal":
      return `The ${treaty.shortName} ended on ${formatLongDate(end.date)}, when ${party ? possessive(party) : "a party's"} withdrawal took effect; a treaty between two parties ends when either leaves.`;
    case "term_expiry":
      return `The ${treaty.shortName} ended on ${formatLongDate(end.date)}, when its term expired.`;
    case "terminated":
      return `The ${treaty.shortName} was terminated on ${formatLongDate(end.date)}, as recorded.`;
    case "expired":
      return `The ${treaty.shortName} expired on ${formatLongDate(end.date)}, as recorded.`;
  }
}
