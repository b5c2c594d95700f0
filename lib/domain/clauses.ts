/**
 * The ways treaties set the day an exit (or a ratification) takes effect, with the arithmetic in words.
 *
 * A clause counts from a day (the date on the notice, or the day the depositary received it), applies a rule
 * (a period; a period then the first day of the next month; 31 December of a later year) and may let the notice
 * name a later date. Each rule reads back as a sentence a reporter can hold against the treaty's text.
 */
import {
  addPeriod,
  civilDateParts,
  clampNote,
  dayBefore,
  describePeriod,
  describePeriodInFigures,
  firstOfNextMonth,
  formatCivilDate,
  formatLongDate,
  parseCivilDate,
} from "#domain/calendar";
import { InvalidPeriodError } from "#domain/errors";
import type {
  CivilDateString,
  Counting,
  EffectRule,
  NoticeWindows,
  Period,
  Treaty,
  WithdrawalClause,
} from "#domain/types";

export const VCLT_ARTICLE_56 = "Vienna Convention on the Law of Treaties, Article 56(2)";
const VCLT_NOTICE_PERIOD: Period = { months: 12 };

const ORDINALS = ["", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"];

/** The rule a clause gives, whichever way it was written. */
function effectRuleOf(clause: Pick<WithdrawalClause, "noticePeriod" | "takesEffect">): EffectRule {
  if (clause.takesEffect !== undefined) return clause.takesEffect;
  if (clause.noticePeriod !== undefined) return { kind: "period", period: clause.noticePeriod };
  throw new InvalidPeriodError(
    "The withdrawal clause needs noticePeriod or takesEffect to say when a notice takes effect.",
  );
}

export interface RuleLanding {
  date: CivilDateString;
  /** The arithmetic in one or two sentences: "2 February 2019 + 6 months = 2 August 2019." */
  arithmetic: string;
  /** The same, short enough to sit in brackets: "2 February 2019 + six months". */
  summary: string;
}

/** Where `rule` lands when counted from `from`. */
export function applyEffectRule(rule: EffectRule, from: CivilDateString): RuleLanding {
  const start = parseCivilDate(from);
  switch (rule.kind) {
    case "period": {
      const { date } = addPeriod(start, rule.period);
      return {
        date,
        arithmetic: joinSentences(
          `${formatLongDate(start)} + ${describePeriodInFigures(rule.period)} = ${formatLongDate(date)}.`,
          clampNote(start, rule.period),
        ),
        summary: `${formatLongDate(start)} + ${describePeriod(rule.period)}`,
      };
    }
    case "period_then_first_of_month": {
      const end = addPeriod(start, rule.period).date;
      const date = firstOfNextMonth(end);
      return {
        date,
        arithmetic: joinSentences(
          `${formatLongDate(start)} + ${describePeriodInFigures(rule.period)} = ${formatLongDate(end)}; the first day of the following month is ${formatLongDate(date)}.`,
          clampNote(start, rule.period),
        ),
        summary: `the first day of the month after ${formatLongDate(start)} + ${describePeriod(rule.period)}`,
      };
    }
    case "end_of_year": {
      const noticeYear = civilDateParts(start).year;
      const year = noticeYear + rule.yearsAfter;
      const date = formatCivilDate({ year, month: 12, day: 31 });
      return {
        date,
        arithmetic: `${formatLongDate(start)} falls in ${noticeYear}; the end of ${yearPhrase(rule.yearsAfter, year)} is ${formatLongDate(date)}.`,
        summary: `31 December of ${yearPhrase(rule.yearsAfter, year)}`,
      };
    }
  }
}

function yearPhrase(yearsAfter: number, year: number): string {
  if (yearsAfter === 0) return `the same year (${year})`;
  if (yearsAfter === 1) return `the following year (${year})`;
  return `the ${ORDINALS[yearsAfter] ?? `${yearsAfter}th`} year after (${year})`;
}

/** "Russia's", "the United States'": the possessive of a name. */
export function possessive(name: string): string {
  return name.endsWith("s") ? `${name}'` : `${name}'s`;
}

/** The day a clause counts from, in words: "notice", "receipt of the notification", "deposit". */
function countedFrom(counting: Counting): string {
  return counting === "receipt" ? "receipt of the notification" : "notice";
}

/** When a rule lands, in words: "six months after notice", "on 31 December of the year following that of notice". */
export function describeWhen(rule: EffectRule, from: string): string {
  switch (rule.kind) {
    case "period":
      return `${describePeriod(rule.period)} after ${from}`;
    case "period_then_first_of_month":
      return `on the first day of the month following ${describePeriod(rule.period)} after ${from}`;
    case "end_of_year":
      if (rule.yearsAfter === 0) return `on 31 December of the year of ${from}`;
      if (rule.yearsAfter === 1) return `on 31 December of the year following that of ${from}`;
      return `on 31 December of the ${ORDINALS[rule.yearsAfter] ?? `${rule.yearsAfter}th`} year after that of ${from}`;
  }
}

/** A withdrawal clause as one party must apply it: its own terms, the treaty's clause, or the Vienna Convention's default. */
export interface ClauseInUse {
  /** How the clause is named inside a sentence: "Article XV(2)". */
  label: string;
  /** Full citation: "INF Treaty, Article XV(2)". */
  citation: string;
  rule: EffectRule;
  counting: Counting;
  laterDateInNotice: boolean;
  earliestNotice?: Period;
  windows?: NoticeWindows;
  conditions: string[];
  /** The sentence that says what the clause provides, without the leading label. */
  provides: string;
  /** The rule as a sentence: "Withdrawal takes effect six months after notice." */
  ruleSentence: string;
  /** Set when the treaty has no withdrawal clause and the Vienna Convention's minimum stands in. */
  defaultWarning?: string;
  /** Set when the party's own terms replace the treaty's clause. */
  ownTermsOf?: string;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** The clause that governs `party`'s exit (or any party's, when no party is named). */
export function clauseInUse(treaty: Treaty, party?: string): ClauseInUse {
  const own = party === undefined ? undefined : treaty.parties.find((p) => p.code === party)?.withdrawal;
  const clause = own ?? treaty.withdrawal;
  if (clause !== undefined) {
    const rule = effectRuleOf(clause);
    const counting = clause.counting ?? "notice";
    const provides = `withdrawal takes effect ${describeWhen(rule, countedFrom(counting))}`;
    const partyName = own === undefined ? undefined : treaty.parties.find((p) => p.code === party)?.name;
    return {
      label: clause.article,
      citation:
        own === undefined
          ? `${treaty.shortName}, ${clause.article}`
          : `${possessive(partyName ?? party ?? "")} terms for the ${treaty.shortName}, ${clause.article}`,
      rule,
      counting,
      laterDateInNotice: clause.laterDateInNotice === true,
      ...(clause.earliestNotice === undefined ? {} : { earliestNotice: clause.earliestNotice }),
      ...(clause.windows === undefined ? {} : { windows: clause.windows }),
      conditions: clause.conditions ?? [],
      provides: `${provides}${clause.laterDateInNotice ? ", or on a later date named in the notification" : ""}.`,
      ruleSentence: `${capitalise(provides)}${clause.laterDateInNotice ? ", or on a later date named in the notification" : ""}.`,
      ...(own === undefined ? {} : { ownTermsOf: partyName ?? party }),
    };
  }
  return {
    label: VCLT_ARTICLE_56,
    citation: VCLT_ARTICLE_56,
    rule: { kind: "period", period: VCLT_NOTICE_PERIOD },
    counting: "notice",
    laterDateInNotice: false,
    conditions: [],
    provides: "a party must give not less than twelve months' notice of withdrawal.",
    ruleSentence: "Withdrawal takes effect no earlier than twelve months after notice.",
    defaultWarning:
      `The ${treaty.shortName} has no withdrawal clause. Under the Vienna Convention on the Law of Treaties, Article 56, ` +
      "a party may withdraw from such a treaty only if the parties meant to allow it or the treaty's nature implies it, " +
      "and must give not less than twelve months' notice; the date shown is that minimum, not a date the treaty fixes.",
  };
}

/** When the treaty entered into force for `party`: its own date, else the treaty's. */
export function inForceFor(treaty: Treaty, party?: string): CivilDateString | undefined {
  const own = party === undefined ? undefined : treaty.parties.find((p) => p.code === party)?.inForceOn;
  return own ?? treaty.inForceOn;
}

export interface NoticeWindow {
  opens: CivilDateString;
  /** The last day of the window. */
  closes: CivilDateString;
}

/**
 * How far derived series (windows, renewal periods) run: to 2100 and at most 20 of each, far enough for any
 * story and few enough that a treaty's deadlines fit one DynamoDB transaction (100 items).
 */
export const DERIVATION_HORIZON = "2100-12-31";
export const MAX_OCCURRENCES = 20;

/** The n-th (0-based) window after entry into force. */
function windowAt(windows: NoticeWindows, inForceOn: CivilDateString, n: number): NoticeWindow {
  let opens = addPeriod(inForceOn, windows.firstAfter).date;
  for (let i = 0; i < n; i += 1) opens = addPeriod(opens, windows.every).date;
  const end = addPeriod(opens, windows.length).date;
  return { opens, closes: dayBefore(end) };
}

/** Every window from the first up to the horizon. */
export function noticeWindows(windows: NoticeWindows, inForceOn: CivilDateString): NoticeWindow[] {
  const all: NoticeWindow[] = [];
  for (let n = 0; n < MAX_OCCURRENCES; n += 1) {
    const window = windowAt(windows, inForceOn, n);
    if (window.opens > DERIVATION_HORIZON) break;
    all.push(window);
  }
  return all;
}

/** The window that holds `d`, else the next one to open after it. */
export function windowFor(
  windows: NoticeWindows,
  inForceOn: CivilDateString,
  d: CivilDateString,
): { within?: NoticeWindow; next?: NoticeWindow } {
  for (const window of noticeWindows(windows, inForceOn)) {
    if (d < window.opens) return { next: window };
    if (d <= window.closes) return { within: window };
  }
  return {};
}

export function joinSentences(...parts: string[]): string {
  return parts.filter((part) => part !== "").join(" ");
}
