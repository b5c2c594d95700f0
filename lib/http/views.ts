import { selectExit } from "#domain/countdown";
import type { TreatyRecord } from "#domain/records";
import type { Deadline } from "#domain/types";

/** The treaty as the API shows it: the treaty's own fields, then what treaty-clock derived. */
export function treatyView(record: TreatyRecord) {
  return {
    ...record.treaty,
    deadlines: record.deadlines,
    eventCount: record.eventCount,
    version: record.version,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
  };
}

/** The exit a countdown would use today, when it is still ahead. */
export function nextExit(deadlines: Deadline[], today: string): Deadline | null {
  const exit = selectExit(deadlines, today);
  return exit && exit.date >= today ? exit : null;
}

export function treatySummary(record: TreatyRecord, today: string) {
  const { id, name, shortName } = record.treaty;
  return { id, name, shortName, nextExit: nextExit(record.deadlines, today) };
}
