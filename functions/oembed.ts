import { embedTitle, oembedRich } from "#formats/oembed";
import { HttpError } from "#http/errors";
import { httpHandler, ok } from "#http/handler";
import { oembedQuery } from "#http/oembed-schemas";
import { directOrigin, embedPageUrl, readEmbedUrl, requestOrigin } from "#http/public-url";
import { readQuery } from "#http/request";
import { getTreaty } from "#store/treaties";

/**
 * GET /oembed?url=<an embed page of this API>: the oEmbed 1.0 `rich` answer a CMS turns into an
 * iframe. 404 for a URL that is not one of our embed pages (or names no treaty), 501 for XML. One GetItem.
 */
export const handler = httpHandler(async (event) => {
  const query = readQuery(event, oembedQuery);
  if (query.format !== undefined && query.format !== "json") {
    throw new HttpError(501, "Format not implemented", `oEmbed is served as JSON only, not ${query.format}.`, [
      { path: "format", message: "only json is served" },
    ]);
  }
  const origin = requestOrigin(event);
  // The public (CDN) address and the API's own both serve the embed page.
  const address = readEmbedUrl(query.url, [origin, directOrigin(event)]);
  if ("notOurs" in address) {
    throw new HttpError(404, "Not found", `No embed for this URL: ${address.notOurs}`, [
      { path: "url", message: address.notOurs },
    ]);
  }
  const { treaty } = await getTreaty(address.treatyId);
  const party = address.query.party;
  if (party !== undefined && !treaty.parties.some((member) => member.code === party)) {
    const why = `${treaty.shortName} has no party ${party}.`;
    throw new HttpError(404, "Not found", `No embed for this URL: ${why}`, [{ path: "url", message: why }]);
  }
  return ok(
    oembedRich({
      embedUrl: embedPageUrl(origin, treaty.id, address.query),
      title: embedTitle(treaty.shortName),
      providerUrl: origin,
      maxwidth: query.maxwidth,
      maxheight: query.maxheight,
    }),
  );
});
