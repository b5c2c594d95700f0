import { countdown, selectExit, whatIfNotice } from "#domain/countdown";
import { assertParty } from "#domain/validation";
import { httpHandler, ok, type Reply } from "#http/handler";
import { asOfFrom, readQuery, treatyIdFrom } from "#http/request";
import { daysUntilExitQuery } from "#http/schemas";
import { getTreaty } from "#store/treaties";

/**
 * GET /treaties/{treatyId}/days-until-exit: how many days until the treaty's exit takes
 * effect, as of a date, with the rule and the arithmetic. One GetItem whatever the history.
 * `format=text` answers with the one AP-style sentence instead.
 */
export const handler = httpHandler(async (event) => {
  const treatyId = treatyIdFrom(event);
  const query = readQuery(event, daysUntilExitQuery);
  const { asOf, timeZone } = asOfFrom(query);
  const { treaty, deadlines } = await getTreaty(treatyId);
  if (query.party) assertParty(treaty, query.party);
  const exit = query.noticeOn
    ? whatIfNotice(treaty, query.noticeOn, query.party)
    : selectExit(deadlines, asOf, query.party);
  const count = exit && countdown(exit.date, asOf, timeZone);
  if (query.format === "text") {
    const { countedExit, exitSentence, whatIfSentence } = await import("#formats/ap-style");
    if (!exit || !count) return plainText(exitSentence(treaty, undefined));
    const counted = countedExit(exit, count.daysUntil, query.party);
    return plainText(query.noticeOn ? whatIfSentence(treaty, query.noticeOn, counted) : exitSentence(treaty, counted));
  }
  if (!exit || !count) {
    return ok({
      treatyId,
      party: query.party ?? null,
      asOf,
      timeZone,
      exitDate: null,
      kind: null,
      daysUntil: null,
      businessDaysUntil: null,
      status: "none",
      breakdown: null,
      basis: null,
    });
  }
  return ok({
    treatyId,
    party: exit.party ?? query.party ?? null,
    asOf: count.asOf,
    timeZone,
    exitDate: exit.date,
    kind: exit.kind,
    daysUntil: count.daysUntil,
    businessDaysUntil: count.businessDaysUntil,
    status: count.status,
    breakdown: count.breakdown,
    whatIf: query.noticeOn !== undefined,
    ...(exit.contested ? { contested: true, claimedDate: exit.claimedDate } : {}),
    basis: exit.basis,
  });
});

/** The sentence alone, ready to paste into copy. */
const plainText = (sentence: string): Reply => ({ status: 200, text: sentence });
