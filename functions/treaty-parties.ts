import { partyStatuses } from "#domain/parties";
import { httpHandler, ok } from "#http/handler";
import { publishableTimeline } from "#http/publishable-timeline";
import { readQuery, treatyIdFrom } from "#http/request";
import { partiesQuery } from "#http/schemas";
import { asOfFrom } from "#http/today";
import { getTreaty } from "#store/treaties";

/**
 * GET /treaties/{treatyId}/parties: every party's status as of a date (party, not yet bound, notice given,
 * suspended, withdrawn, or the treaty ended), each with the date and basis behind it. `format=csv` gives the
 * same rows as a sheet. One GetItem and the history Query (suspensions are not rule events).
 */
export const handler = httpHandler(async (event) => {
  const treatyId = treatyIdFrom(event);
  const query = readQuery(event, partiesQuery);
  const { asOf, timeZone, freshness } = asOfFrom(query);
  const [{ treaty, deadlines }, events] = await Promise.all([getTreaty(treatyId), publishableTimeline(treatyId)]);
  const parties = partyStatuses(treaty, deadlines, events, asOf);
  if (query.format === "csv") {
    const { toPartyStatusCsv } = await import("#formats/csv");
    return {
      status: 200,
      text: toPartyStatusCsv(parties),
      contentType: "text/csv; charset=utf-8",
      headers: { "content-disposition": `attachment; filename="${treatyId}-parties-${asOf}.csv"` },
      freshness,
    };
  }
  return { ...ok({ treatyId, asOf, timeZone, parties }), freshness };
});
