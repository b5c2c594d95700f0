/**
 * The shapes treaty-clock reasons about. Pure data: no I/O, no AWS types.
 *
 * Dates are civil dates written as ISO 8601 calendar strings. An event date may be
 * partial (`1991`, `1991-05`); every date used in arithmetic is a full `YYYY-MM-DD`.
 */

/** `YYYY`, `YYYY-MM` or `YYYY-MM-DD`. */
export type PartialDateString = string;
/** `YYYY-MM-DD`. */
export type CivilDateString = string;

export type Precision = "year" | "month" | "day";

/** A length of time in calendar units. At least one field is positive, none negative. */
export interface Period {
  years?: number;
  months?: number;
  days?: number;
}

export interface Source {
  url: string;
  title?: string;
  publisher?: string;
}

export interface Party {
  /** Short code, e.g. `US`, `RU`. */
  code: string;
  name: string;
  /** When the treaty entered into force for this party, where that differs from the treaty's own date. */
  inForceOn?: CivilDateString;
  /** The party's own withdrawal terms (a reservation the other parties accepted), replacing the treaty's clause for it. */
  withdrawal?: WithdrawalClause;
}

/**
 * When a notice (or a deposit) takes effect, counted from the day the clause counts from:
 * - `period`: that day + a period ("six months after notice");
 * - `period_then_first_of_month`: the first day of the month following the end of a period
 *   (the Council of Europe's "first day of the month following the expiration of a period of three months");
 * - `end_of_year`: 31 December of the `yearsAfter`-th calendar year after the year of notice
 *   (UNESCO's "31 December of the year following that during which the notice was given" is `yearsAfter: 1`).
 */
export type EffectRule =
  | { kind: "period"; period: Period }
  | { kind: "period_then_first_of_month"; period: Period }
  | { kind: "end_of_year"; yearsAfter: number };

/** Which day a clause counts from: the date on the notification, or the day its addressee received it. */
export type Counting = "notice" | "receipt";

/**
 * Denunciation windows (the ILO's wording): notice may be given only within `length` after the end of the
 * first `firstAfter` in force, and of each further `every` after that.
 */
export interface NoticeWindows {
  firstAfter: Period;
  every: Period;
  length: Period;
}

export interface WithdrawalClause {
  /** Citation, e.g. `Article XV(2)`. */
  article: string;
  /** The clause's words, quoted. */
  text: string;
  /** "Notice + this period": the original shape, the same as `takesEffect: { kind: "period", period }`. */
  noticePeriod?: Period;
  /** When a notice takes effect; required when `noticePeriod` is absent. */
  takesEffect?: EffectRule;
  /** The day the clause counts from; `notice` when absent. */
  counting?: Counting;
  /** "...or on such later date as is specified in the notification". */
  laterDateInNotice?: boolean;
  /** Who receives notice, in words (e.g. "the other Party", "the Depositary"). */
  noticeTo?: string;
  /** Notice may not be given before entry into force (for the notifying party) + this period. */
  earliestNotice?: Period;
  /** Notice may be given only within these windows. */
  windows?: NoticeWindows;
  /** Conditions no arithmetic can decide; they travel as text with each deadline. */
  conditions?: string[];
}

/** A term that renews itself: `initialTerm` from entry into force, then `renewFor` at a time, unless notice comes `noticeBefore` the end. */
export interface Renewal {
  article: string;
  text: string;
  initialTerm: Period;
  renewFor: Period;
  noticeBefore: Period;
}

/** When a ratification, accession, acceptance or approval binds the party that deposited it. */
export interface PartyEntryIntoForce {
  article: string;
  text: string;
  takesEffect: EffectRule;
}

export interface Treaty {
  /** Slug: lowercase letters, digits and hyphens. */
  id: string;
  name: string;
  shortName: string;
  /** Whether house style writes "the" before the short name ("the INF Treaty", but "New START"). */
  nameTakesArticle?: boolean;
  /** A treaty between two parties ends when either leaves. */
  bilateral?: boolean;
  parties: Party[];
  signedOn: CivilDateString;
  inForceOn?: CivilDateString;
  /**
   * Absent when the treaty has no withdrawal clause; the Vienna Convention on the Law of
   * Treaties, Art. 56, then applies (not less than twelve months' notice), as a warning.
   */
  withdrawal?: WithdrawalClause;
  /** Fixed duration counted from entry into force. */
  term?: Period;
  /** A term that renews itself unless a party gives notice in time. */
  renewal?: Renewal;
  /** When a deposit binds a party. */
  partyEntryIntoForce?: PartyEntryIntoForce;
  sources: Source[];
}

export const EVENT_TYPES = [
  "negotiation",
  "signed",
  "ratified",
  "entered_into_force",
  "compliance_concern",
  "violation_alleged",
  "ultimatum",
  "withdrawal_announced",
  "withdrawal_notice",
  "notice_retracted",
  "suspension",
  "expelled",
  "withdrawal_effective",
  "extended",
  "expired",
  "terminated",
  "statement",
  "other",
] as const;

export type EventType = (typeof EVENT_TYPES)[number];

/** `ultimatum` events: the deadline is `date + period`, or `endsOn` when given. */
export interface UltimatumDetail {
  period?: Pick<Period, "days" | "months">;
  endsOn?: CivilDateString;
}

/** `extended` events: the term is extended by `extension`, or until `until`. */
export interface ExtensionDetail {
  extension?: Period;
  until?: CivilDateString;
}

export interface TimelineEvent {
  id: string;
  treatyId: string;
  date: PartialDateString;
  type: EventType;
  /** Party code acting (the one giving notice, suspending, ...). */
  party?: string;
  title: string;
  description?: string;
  sources: Source[];
  ultimatum?: UltimatumDetail;
  extension?: ExtensionDetail;
  /** Notices: the day the depositary (or the other party) received the notification. */
  receivedOn?: CivilDateString;
  /** Notices: a later date the notification itself names for the exit. */
  effectiveOn?: CivilDateString;
  /** Notices and expulsions: the date the notifying (or expelled) party claims, where it differs from the rule's. */
  claimedEffectiveOn?: CivilDateString;
}

/** Event types that carry notice details (`receivedOn`, `effectiveOn`, `claimedEffectiveOn`). */
export const NOTICE_TYPES: ReadonlySet<EventType> = new Set<EventType>(["withdrawal_notice", "expelled"]);

export const DEADLINE_KINDS = [
  "withdrawal_effective",
  "term_expiry",
  "ultimatum_end",
  "earliest_notice",
  "party_bound",
  "notice_window_opens",
  "notice_window_closes",
  "renewal_notice_deadline",
  "term_renewal",
] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

export interface DeadlineBasis {
  /** The rule in words: "Withdrawal takes effect six months after notice." */
  rule: string;
  /** Citation, e.g. "INF Treaty, Article XV(2)". */
  article: string;
  /** The event that started the clock; absent when the trigger is the treaty itself (entry into force). */
  triggerEventId?: string;
  triggerDate: CivilDateString;
  /** The arithmetic in a sentence. */
  explanation: string;
  warnings: string[];
}

export interface Deadline {
  kind: DeadlineKind;
  date: CivilDateString;
  party?: string;
  /** True when the notifying party claims another date than the rule gives; `claimedDate` holds it. */
  contested?: boolean;
  claimedDate?: CivilDateString;
  basis: DeadlineBasis;
}

export type CountdownStatus = "pending" | "today" | "passed";

export interface Countdown {
  /** The civil date the count starts from, in `timeZone`. */
  asOf: CivilDateString;
  timeZone: string;
  date: CivilDateString;
  /** Calendar days from asOf to date: 0 on the day, negative after. */
  daysUntil: number;
  /** Mon-Fri between the two dates, asOf excluded, deadline day included; negative after. */
  businessDaysUntil: number;
  status: CountdownStatus;
  /** Whole months then remaining days from asOf to date (both negative after). */
  breakdown: { months: number; days: number };
}
