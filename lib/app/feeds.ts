/**
 * What the Atom feeds show, read in as few Queries as the store allows: the events with their
 * revisions, which say what each correction changed and why. Revisions are read only for treaties
 * that have a corrected or retracted event among those shown (an event's version is above 1).
 */

import { type FeedEntry, newestFirst } from "#domain/feed";
import type { Revision, StoredEvent, TreatyRecord } from "#domain/records";
import { listHistory, listWholeHistory } from "#store/events";
import { listTreatyRevisions } from "#store/revisions";
import { getTreaty, listTreaties } from "#store/treaties";

/** The feed of every treaty carries this many of the newest events. */
export const ALL_TREATIES_FEED_SIZE = 100;

export interface TreatyFeed {
  record: TreatyRecord;
  entries: FeedEntry[];
}

/** Every event of one treaty, retracted ones included. @throws TreatyNotFoundError, HistoryTooLongError. */
export async function treatyFeed(treatyId: string): Promise<TreatyFeed> {
  const [record, events] = await Promise.all([getTreaty(treatyId), listWholeHistory(treatyId)]);
  return { record, entries: await withRevisions(record, events) };
}

/** The newest events (by event date) across the catalogue: one Query per treaty, the newest page of each. */
export async function allTreatiesFeed(): Promise<{ records: TreatyRecord[]; entries: FeedEntry[] }> {
  const records = await listTreaties();
  const pages = await Promise.all(
    records.map(async (record) => ({
      record,
      events: (await listHistory(record.treaty.id, { order: "desc", limit: ALL_TREATIES_FEED_SIZE })).events,
    })),
  );
  const recordsById = new Map(records.map((record) => [record.treaty.id, record]));
  const newest = newestFirst(
    pages.flatMap(({ record, events }) =>
      events.map((event) => ({
        treaty: { id: record.treaty.id, shortName: record.treaty.shortName },
        event,
        revisions: [],
      })),
    ),
  ).slice(0, ALL_TREATIES_FEED_SIZE);
  const byTreaty = new Map<string, { record: TreatyRecord; events: StoredEvent[] }>();
  for (const { treaty, event } of newest) {
    const record = recordsById.get(treaty.id);
    if (!record) continue;
    const group = byTreaty.get(treaty.id) ?? { record, events: [] };
    group.events.push(event);
    byTreaty.set(treaty.id, group);
  }
  const entries = await Promise.all([...byTreaty.values()].map(({ record, events }) => withRevisions(record, events)));
  return { records, entries: entries.flat() };
}

async function withRevisions(record: TreatyRecord, events: readonly StoredEvent[]): Promise<FeedEntry[]> {
  const revised = events.some((event) => event.version > 1);
  const revisions = revised ? await listTreatyRevisions(record.treaty.id) : [];
  const byEvent = new Map<string, Revision[]>();
  for (const revision of revisions) byEvent.set(revision.eventId, [...(byEvent.get(revision.eventId) ?? []), revision]);
  const treaty = { id: record.treaty.id, shortName: record.treaty.shortName };
  return events.map((event) => ({ treaty, event, revisions: byEvent.get(event.id) ?? [] }));
}
