import type { CivilDateString, Deadline, DeadlineBasis, DeadlineKind } from "#domain/types";
import { apDate, countdownSentence } from "#formats/ap-style";

/**
 * The reminder a newsroom receives: a Slack-compatible `text` (so a Slack incoming-webhook URL
 * works as it is) and the same facts as fields, for anything else that reads JSON.
 */
export interface ReminderInput {
  deliveryId: string;
  subscription: { id: string; label?: string };
  treaty: { id: string; name: string; shortName: string };
  deadline: Deadline;
  offsetDays: number;
  daysUntil: number;
  late: boolean;
  dueOn: CivilDateString;
  /** The run's date (UTC). */
  asOf: CivilDateString;
  /** Base URL of the public API, without a trailing slash. */
  apiUrl: string;
}

export interface ReminderPayload {
  text: string;
  deliveryId: string;
  subscriptionId: string;
  label?: string;
  treaty: { id: string; name: string; shortName: string };
  party?: string;
  kind: DeadlineKind;
  /** The deadline's date (for every kind; `kind` says what happens on it). */
  exitDate: CivilDateString;
  daysUntil: number;
  offsetDays: number;
  late: boolean;
  dueOn: CivilDateString;
  asOf: CivilDateString;
  basis: DeadlineBasis;
  links: Record<string, string>;
}

export function reminderPayload(input: ReminderInput): ReminderPayload {
  const links = reminderLinks(input);
  return {
    text: slackText(input, links.treaty ?? input.apiUrl),
    deliveryId: input.deliveryId,
    subscriptionId: input.subscription.id,
    ...(input.subscription.label ? { label: input.subscription.label } : {}),
    treaty: input.treaty,
    ...(input.deadline.party ? { party: input.deadline.party } : {}),
    kind: input.deadline.kind,
    exitDate: input.deadline.date,
    daysUntil: input.daysUntil,
    offsetDays: input.offsetDays,
    late: input.late,
    dueOn: input.dueOn,
    asOf: input.asOf,
    basis: input.deadline.basis,
    links,
  };
}

function reminderLinks(input: ReminderInput): Record<string, string> {
  const treaty = `${input.apiUrl}/treaties/${encodeURIComponent(input.treaty.id)}`;
  const links: Record<string, string> = { treaty, deadlines: `${treaty}/deadlines` };
  if (input.deadline.kind === "withdrawal_effective") {
    const query = new URLSearchParams({
      asOf: input.asOf,
      ...(input.deadline.party ? { party: input.deadline.party } : {}),
    });
    links.daysUntilExit = `${treaty}/days-until-exit?${query}`;
  }
  return links;
}

/** Slack reads `&`, `<` and `>` as markup. */
const escapeSlack = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

const dayCount = (n: number) => `${n}-day`;

function slackText(input: ReminderInput, treatyLink: string): string {
  const sentence = countdownSentence({
    treatyShortName: input.treaty.shortName,
    partyCode: input.deadline.party,
    kind: input.deadline.kind,
    date: input.deadline.date,
    daysUntil: input.daysUntil,
  });
  const heading = input.late
    ? `Late reminder: the ${dayCount(input.offsetDays)} reminder was due ${apDate(input.dueOn)}`
    : input.offsetDays === 0
      ? "Reminder: today"
      : `Reminder: ${dayCount(input.offsetDays)}`;
  const label = input.subscription.label ? `[${escapeSlack(input.subscription.label)}] ` : "";
  const basis = `${input.deadline.basis.article}. ${input.deadline.basis.explanation}`;
  return [
    `${label}*${escapeSlack(input.treaty.shortName)}* · ${heading}`,
    escapeSlack(sentence),
    `Basis: ${escapeSlack(basis)}`,
    `<${treatyLink}|Timeline, deadlines and sources>`,
  ].join("\n");
}
