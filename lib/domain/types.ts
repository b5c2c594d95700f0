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
}

export interface WithdrawalClause {
  /** Citation, e.g. `Article XV(2)`. */
  article: string;
  /** The clause's words, quoted. */
  text: string;
  noticePeriod: Period;
  /** Who receives notice, in words (e.g. "the other Party", "the Depositary"). */
  noticeTo?: string;
  /** Notice may not be given before entry into force + this period. */
  earliestNotice?: Period;
  /** Conditions no arithmetic can decide; they travel as text with each deadline. */
  conditions?: string[];
}

export interface Treaty {
  /** Slug: lowercase letters, digits and hyphens. */
  id: string;
  name: string;
  shortName: string;
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
}

export const DEADLINE_KINDS = ["withdrawal_effective", "term_expiry", "ultimatum_end", "earliest_notice"] as const;
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
