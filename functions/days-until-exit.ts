import type * as z from "zod/mini";
import { countdown, whatIfNotice } from "#domain/countdown";
import { exitSummary } from "#domain/exit-summary";
import { endExplanation, treatyEnd } from "#domain/parties";
import type { CivilDateString } from "#domain/types";
import { assertParty } from "#domain/validation";
import { httpHandler, ok, type Reply } from "#http/handler";
import { readQuery, treatyIdFrom } from "#http/request";
import { daysUntilExitQuery } from "#http/schemas";
import { asOfFrom } from "#http/today";
import { countdownView, noCountdownView } from "#http/views";
import { getTreaty } from "#store/treaties";

/**
 * GET /treaties/{treatyId}/days-until-exit: how many days until the treaty's exit takes
 * effect, as of a date, with the rule and the arithmetic; every party whose exit falls on that
 * date; or, once the whole treaty is over, when and why it ended. One GetItem whatever the
 * history. `format=text` answers with the one sentence instead, in `style` and `lang`.
 */
export const handler = httpHandler(async (event) => {
  const treatyId = treatyIdFrom(event);
  const query = readQuery(event, daysUntilExitQuery);
  const { asOf, timeZone, freshness } = asOfFrom(query);
  return { ...(await countdownReply(treatyId, query, asOf, timeZone)), freshness };
});

async function countdownReply(
  treatyId: string,
  query: z.infer<typeof daysUntilExitQuery>,
  asOf: CivilDateString,
  timeZone: string,
): Promise<Reply> {
  const { treaty, deadlines, ruleEvents } = await getTreaty(treatyId);
  if (query.party) assertParty(treaty, query.party);
  const text = query.format === "text" ? await import("#formats/sentence") : undefined;
  const book = await text?.phrasebook(query.style, query.lang);

  if (query.noticeOn) {
    const ended = treatyEnd(treaty, deadlines, ruleEvents, asOf);
    const exit = whatIfNotice(treaty, query.noticeOn, query.party);
    const count = countdown(exit.date, asOf, timeZone);
    if (text && book) {
      return plainText(text.whatIfText(book, treaty, query.noticeOn, exit, count.daysUntil, ended));
    }
    const warnings = ended
      ? [
          ...exit.basis.warnings,
          `${endExplanation(treaty, ended)} It is no longer in force: this notice could take effect only if it were.`,
        ]
      : exit.basis.warnings;
    const subject = { treatyId, party: exit.party ?? query.party ?? null, parties: exit.party ? [exit.party] : [] };
    return ok(
      countdownView(
        subject,
        { kind: exit.kind, count, whatIf: true },
        {
          ...(ended ? { treatyEnded: { date: ended.date, reason: ended.reason } } : {}),
          basis: { ...exit.basis, warnings },
        },
      ),
    );
  }

  const summary = exitSummary(treaty, deadlines, ruleEvents, asOf, timeZone, query.party);
  if (text && book) return plainText(text.summarySentence(book, treaty, summary));
  switch (summary.status) {
    case "none":
      return ok(noCountdownView({ treatyId, party: query.party ?? null, parties: [] }, asOf, timeZone));
    case "ended": {
      const { end, count } = summary;
      const explanation = endExplanation(treaty, end);
      const subject = { treatyId, party: end.party ?? query.party ?? null, parties: end.party ? [end.party] : [] };
      return ok(
        countdownView(
          subject,
          { kind: end.deadline?.kind ?? null, count, whatIf: false, ended: true },
          {
            treatyEnded: { date: end.date, reason: end.reason },
            basis: end.deadline
              ? { ...end.deadline.basis, explanation: `${explanation} ${end.deadline.basis.explanation}` }
              : {
                  rule: "The treaty's end is recorded as an event.",
                  article: "recorded event",
                  triggerEventId: end.eventId,
                  triggerDate: end.date,
                  explanation,
                  warnings: [],
                },
          },
        ),
      );
    }
    case "exit": {
      const { count, parties } = summary;
      const [first] = summary.deadlines;
      const subject = {
        treatyId,
        party: parties.length === 1 ? (parties[0] ?? null) : (query.party ?? null),
        parties,
        ...(query.party === undefined ? { pendingWithdrawals: summary.pendingWithdrawals } : {}),
      };
      return ok(
        countdownView(
          subject,
          { kind: summary.kind, count, whatIf: false },
          {
            ...(first?.contested ? { contested: true, claimedDate: first.claimedDate } : {}),
            basis: first?.basis ?? null,
            ...(summary.deadlines.length > 1
              ? { bases: summary.deadlines.map((d) => ({ party: d.party ?? null, ...d.basis })) }
              : {}),
          },
        ),
      );
    }
  }
}

/** The sentence alone, ready to paste into copy. */
const plainText = (sentence: string): Reply => ({ status: 200, text: sentence });
