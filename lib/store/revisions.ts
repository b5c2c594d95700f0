import { QueryCommand } from "@aws-sdk/client-dynamodb";
import type { Revision } from "#domain/records";
import { dynamo, tableName } from "#store/client";
import { type Item, N, readData, S, stringAttributes } from "#store/items";
import { CORRECTIONS_CATALOGUE, correctionCatalogueKey, revisionKey, revisionPrefix } from "#store/keys";
import { queryAll } from "#store/query";

/**
 * Access patterns on revisions, the earlier versions of corrected and retracted events:
 * - revisionItem(revision)          written by lib/store/events.ts in the transaction that replaces the event
 *                                   (the Revision itself is decided in lib/domain/records.ts)
 * - listRevisions(treaty, event)    Query PK=TREATY#<id>, SK begins_with REVISION#<eventId>#  (oldest first)
 * - listCorrections(limit, before)  Query GSI1 GSI1PK=CORRECTIONS, GSI1SK < <before>, newest first
 *
 * A revision holds the whole previous event, who replaced it (the API key id), when and why,
 * and what changed field by field, so a corrections page needs no other read.
 */
export function revisionItem(revision: Revision): Item {
  return {
    ...stringAttributes({
      ...revisionKey(revision.treatyId, revision.eventId, revision.fromVersion),
      ...correctionCatalogueKey(revision.revisedAt, revision.treatyId, revision.eventId),
      entity: "revision",
    }),
    version: N(revision.fromVersion),
    data: S(JSON.stringify(revision)),
  };
}

function readRevisions(items: Item[] | undefined): Revision[] {
  const revisions: Revision[] = [];
  for (const item of items ?? []) {
    const revision = readData<Revision>(item);
    if (revision) revisions.push(revision);
  }
  return revisions;
}

/** Every earlier version of an event, oldest first. */
export function listRevisions(treatyId: string, eventId: string): Promise<Revision[]> {
  return queryAll(
    {
      KeyConditionExpression: "PK = :pk AND begins_with(SK, :prefix)",
      ExpressionAttributeValues: {
        ":pk": S(revisionKey(treatyId, eventId, 0).PK),
        ":prefix": S(revisionPrefix(eventId)),
      },
      ConsistentRead: true,
    },
    (item) => readData<Revision>(item),
  );
}

export interface CorrectionsPage {
  revisions: Revision[];
  /** The catalogue position of the last one, to continue before, when there may be more. */
  last?: string;
}

/** Corrections and retractions across treaties, newest first: one Query on the catalogue. */
export async function listCorrections(limit: number, before?: string): Promise<CorrectionsPage> {
  const output = await dynamo.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: "GSI1",
      KeyConditionExpression: before ? "GSI1PK = :catalogue AND GSI1SK < :before" : "GSI1PK = :catalogue",
      ExpressionAttributeValues: {
        ":catalogue": S(CORRECTIONS_CATALOGUE),
        ...(before ? { ":before": S(before) } : {}),
      },
      ScanIndexForward: false,
      Limit: limit + 1,
    }),
  );
  const items = output.Items ?? [];
  const page = items.slice(0, limit);
  const last = items.length > limit ? page.at(-1)?.GSI1SK?.S : undefined;
  return { revisions: readRevisions(page), ...(last ? { last } : {}) };
}
