import { newTreatyRecord, type TreatyRecord } from "#domain/records";
import type { Treaty } from "#domain/types";
import { insertTreaty } from "#store/treaties";

/** A new treaty with the deadlines its own text sets (a term, for one). @throws TreatyExistsError. */
export function createTreaty(treaty: Treaty, createdBy: string | undefined, now: Date): Promise<TreatyRecord> {
  return insertTreaty(newTreatyRecord(treaty, createdBy, now));
}
