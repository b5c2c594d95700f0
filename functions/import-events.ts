import { importSheet } from "#app/import";
import { requireWriter } from "#http/auth";
import { httpHandler, ok } from "#http/handler";
import { importQuery, importRefusal, readSheetRows } from "#http/import-schemas";
import { readQuery, treatyIdFrom } from "#http/request";
import { wholeHistoryReading } from "#http/whole-history";

/**
 * POST /treaties/{treatyId}/events:import (key, text/csv): a TimelineJS sheet into the history, all rows or
 * none; `?dryRun=true` says per row what would be stored or why not, and writes nothing. Rows already
 * imported (the same content) are recognised and stored only once.
 */
export const handler = httpHandler(async (event) => {
  const writer = await requireWriter(event);
  const treatyId = treatyIdFrom(event);
  const query = readQuery(event, importQuery);
  const rows = await readSheetRows(event);
  const result = await wholeHistoryReading(() =>
    importSheet(treatyId, rows, { dryRun: query.dryRun === "true", by: writer.id, now: new Date() }),
  );
  const refusal = importRefusal(result);
  if (refusal) throw refusal;
  return result.written ? { status: 201, body: result } : ok(result);
});
