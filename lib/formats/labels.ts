import type { EventType } from "#domain/types";

/** What a reader sees for each event type: a TimelineJS group, a tag in the embed. */
export const EVENT_TYPE_LABELS: Readonly<Record<EventType, string>> = {
  negotiation: "Negotiation",
  signed: "Signing",
  ratified: "Ratification",
  entered_into_force: "Entry into force",
  compliance_concern: "Compliance concern",
  violation_alleged: "Alleged violation",
  ultimatum: "Ultimatum",
  withdrawal_announced: "Withdrawal announced",
  withdrawal_notice: "Withdrawal notice",
  notice_retracted: "Notice retracted",
  suspension: "Suspension",
  expelled: "Expulsion",
  withdrawal_effective: "Withdrawal takes effect",
  extended: "Extension",
  expired: "Expiry",
  terminated: "Termination",
  statement: "Statement",
  other: "Other",
};

export type EventTypeLabels = Partial<Record<EventType, string>>;

export function eventTypeLabel(type: EventType, overrides?: EventTypeLabels): string {
  return overrides?.[type] ?? EVENT_TYPE_LABELS[type];
}
