import type { IndexedDeadline } from "#domain/records";
import { readData, S } from "#store/items";
import { deadlinePartitions } from "#store/keys";
import { queryAll } from "#store/query";

/**
 * Access pattern: deadlines of every treaty between two dates.
 * Query GSI2 GSI2PK=DEADLINES#<year>#<shard>, GSI2SK BETWEEN <from> AND <to>~ for every
 * (year, shard) the window touches, in parallel; merged soonest first. The reads grow
 * with the deadlines in the window, never with the size of any history.
 */
export async function listDeadlinesBetween(from: string, to: string): Promise<IndexedDeadline[]> {
  const pages = await Promise.all(deadlinePartitions(from, to).map((partition) => queryPartition(partition, from, to)));
  return pages
    .flat()
    .sort(
      (a, b) =>
        a.deadline.date.localeCompare(b.deadline.date) ||
        a.treatyId.localeCompare(b.treatyId) ||
        a.deadline.kind.localeCompare(b.deadline.kind),
    );
}

function queryPartition(partition: string, from: string, to: string): Promise<IndexedDeadline[]> {
  return queryAll(
    {
      IndexName: "GSI2",
      KeyConditionExpression: "GSI2PK = :partition AND GSI2SK BETWEEN :from AND :to",
      ExpressionAttributeValues: { ":partition": S(partition), ":from": S(from), ":to": S(`${to}~`) },
    },
    (item) => readData<IndexedDeadline>(item),
  );
}
