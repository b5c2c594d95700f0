import { UnknownPartyError } from "#domain/errors";
import type { TimelineEvent, Treaty } from "#domain/types";

/** A party code the treaty knows, or UnknownPartyError naming the ones it does. */
export function assertParty(treaty: Treaty, code: string): string {
  if (!treaty.parties.some((party) => party.code === code)) {
    const known = treaty.parties.map((party) => party.code).join(", ");
    throw new UnknownPartyError(`${treaty.shortName} has no party "${code}"; its parties are ${known}.`);
  }
  return code;
}

/** Checks an event against its treaty before it joins the record. */
export function assertEventFitsTreaty(treaty: Treaty, event: Pick<TimelineEvent, "party">): void {
  if (event.party !== undefined) assertParty(treaty, event.party);
}
