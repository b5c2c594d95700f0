import { CONCURRENCY, concurrent } from "#app/events";
import { ConcurrentChangeError } from "#domain/errors";
import { newTreatyRecord, type TreatyRecord, withTreaty } from "#domain/records";
import type { Treaty } from "#domain/types";
import { withBackoff } from "#lib/backoff";
import { commitTreatyChange, getTreaty, insertTreaty } from "#store/treaties";

/** A new treaty with the deadlines its own text sets (a term, for one). @throws TreatyExistsError. */
export function createTreaty(treaty: Treaty, createdBy: string | undefined, now: Date): Promise<TreatyRecord> {
  return insertTreaty(newTreatyRecord(treaty, createdBy, now));
}

/**
 * Replaces a treaty's definition (its clause, parties, dates) and derives its deadlines again from the same
 * history, in one transaction. Answers undefined when the definition is already the same.
 * @throws TreatyNotFoundError, InvalidRuleError, UnknownPartyError.
 */
export function redefineTreaty(treaty: Treaty, now: Date): Promise<TreatyRecord | undefined> {
  return withBackoff(CONCURRENCY, concurrent, async () => {
    const before = await getTreaty(treaty.id, { consistent: true });
    if (JSON.stringify(before.treaty) === JSON.stringify(treaty)) return undefined;
    const after = withTreaty(before, treaty, now);
    return commitTreatyChange(before, after, [], () => new ConcurrentChangeError("The treaty changed meanwhile."));
  });
}
