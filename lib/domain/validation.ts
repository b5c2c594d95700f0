import { InvalidRuleError, UnknownPartyError } from "#domain/errors";
import { NOTICE_TYPES, type TimelineEvent, type Treaty, type WithdrawalClause } from "#domain/types";

/** A party code the treaty knows, or UnknownPartyError naming the ones it does. */
export function assertParty(treaty: Treaty, code: string): string {
  if (!treaty.parties.some((party) => party.code === code)) {
    const known = treaty.parties.map((party) => party.code).join(", ");
    throw new UnknownPartyError(`${treaty.shortName} has no party "${code}"; its parties are ${known}.`);
  }
  return code;
}

function assertClause(clause: WithdrawalClause, field: string): void {
  if ((clause.noticePeriod === undefined) === (clause.takesEffect === undefined)) {
    throw new InvalidRuleError(
      `${field}.takesEffect`,
      "A withdrawal clause dates an exit one way: give either noticePeriod (notice + a period) or takesEffect, not both and not neither.",
    );
  }
}

/** Checks the rules a treaty declares before it is stored: each must say one thing, and say it once. */
export function assertTreatyRules(treaty: Treaty): void {
  if (treaty.withdrawal !== undefined) assertClause(treaty.withdrawal, "withdrawal");
  if (treaty.term !== undefined && treaty.renewal !== undefined) {
    throw new InvalidRuleError("renewal", "A treaty has a fixed term or a renewing one, not both.");
  }
  const codes = new Set<string>();
  treaty.parties.forEach((party, index) => {
    if (codes.has(party.code)) {
      throw new InvalidRuleError(`parties.${index}.code`, `${party.code} is listed twice among the parties.`);
    }
    codes.add(party.code);
    if (party.withdrawal !== undefined) assertClause(party.withdrawal, `parties.${index}.withdrawal`);
  });
}

type NoticeDetails = Pick<TimelineEvent, "type" | "date" | "receivedOn" | "effectiveOn" | "claimedEffectiveOn">;

/**
 * Notice details belong to notices (a claimed date to an expulsion too) and cannot come before the notice:
 * a receipt before the note was written, or an exit named for the day of the notice or before it, is a mistake.
 */
export function assertNoticeDetails(event: NoticeDetails): void {
  const notice = event.type === "withdrawal_notice";
  const details = [
    ["receivedOn", event.receivedOn, notice, "Only a withdrawal_notice has a receipt date (receivedOn)."],
    [
      "effectiveOn",
      event.effectiveOn,
      notice,
      "Only a withdrawal_notice names a later date for the exit (effectiveOn).",
    ],
    [
      "claimedEffectiveOn",
      event.claimedEffectiveOn,
      NOTICE_TYPES.has(event.type),
      "Only a withdrawal_notice or an expelled event carries the date a party claims (claimedEffectiveOn).",
    ],
  ] as const;
  for (const [field, value, allowed, refusal] of details) {
    if (value === undefined) continue;
    if (!allowed) throw new InvalidRuleError(field, refusal);
    const tooEarly = field === "effectiveOn" ? value <= event.date : value < event.date.slice(0, value.length);
    if (tooEarly) {
      throw new InvalidRuleError(
        field,
        `${field} (${value}) must be ${field === "effectiveOn" ? "after" : "on or after"} the notice's own date, ${event.date}.`,
      );
    }
  }
}

/** Checks an event against its treaty before it joins the record. */
export function assertEventFitsTreaty(treaty: Treaty, event: Pick<TimelineEvent, "party"> & NoticeDetails): void {
  if (event.party !== undefined) assertParty(treaty, event.party);
  assertNoticeDetails(event);
}
