import { exitSummary } from "#domain/exit-summary";
import { assertParty } from "#domain/validation";
import { renderEmbed } from "#formats/embed";
import { phrasebook, summarySentence } from "#formats/sentence";
import { embedQuery } from "#http/format-schemas";
import { htmlPage, httpHandler } from "#http/handler";
import { embedPageUrl, oembedEndpointUrl, requestOrigin } from "#http/public-url";
import { publishableTimeline } from "#http/publishable-timeline";
import { readQuery, treatyIdFrom } from "#http/request";
import { asOfFrom } from "#http/today";
import { getTreaty } from "#store/treaties";

/**
 * GET /treaties/{treatyId}/embed: a self-contained page for a CMS iframe: the countdown
 * sentence (as days-until-exit says it, in `style` and `lang`) over the sourced timeline, opened
 * at the event nearest the as-of date. One GetItem and the history Query.
 */
export const handler = httpHandler(async (event) => {
  const treatyId = treatyIdFrom(event);
  const query = readQuery(event, embedQuery);
  const { asOf, timeZone, freshness } = asOfFrom(query);
  const [{ treaty, deadlines }, events] = await Promise.all([getTreaty(treatyId), publishableTimeline(treatyId)]);
  if (query.party) assertParty(treaty, query.party);
  const book = await phrasebook(query.style, query.lang);
  const summary = exitSummary(treaty, deadlines, events, asOf, timeZone, query.party);
  const origin = requestOrigin(event);
  const page = renderEmbed({
    treaty,
    events,
    oembedUrl: oembedEndpointUrl(origin, embedPageUrl(origin, treatyId, query)),
    sentence: summarySentence(book, treaty, summary),
    asOf,
    phrasebook: book,
  });
  return {
    // No X-Frame-Options: the page is made for iframes; the CSP's frame-ancestors governs framing.
    ...htmlPage(page.html, page.contentSecurityPolicy),
    // The front page's embed: without asOf it counts from today, so caches keep it no later than midnight.
    freshness,
  };
});
