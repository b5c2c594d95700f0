import type * as z from "zod/mini";
import { embedQuery } from "#http/format-schemas";
import { SLUG } from "#http/patterns";
import { type HttpEvent, header } from "#http/request";
import { optionalEnv } from "#lib/config";

/** Deployed, the CDN's address (serverless.yml sets it); the CDN does not pass its own Host to the API. */
const publicApiUrl = optionalEnv("PUBLIC_API_URL")?.replace(/\/+$/, "");

/**
 * The API's own public origin: PUBLIC_API_URL when deployed, else the address the request came to
 * (`npm start`, the tests), so the embed page, its oEmbed answer and the feeds name the address the
 * newsroom actually uses.
 */
export function requestOrigin(event: HttpEvent): string {
  return publicApiUrl ?? directOrigin(event);
}

/** The address this request came to (API Gateway passes the Host it was called on and `x-forwarded-proto`). */
export function directOrigin(event: HttpEvent): string {
  const host = header(event, "host") ?? event.requestContext?.domainName ?? "localhost";
  const proto = header(event, "x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase();
  return `${proto === "https" ? "https" : "http"}://${host}`;
}

export type EmbedQuery = z.infer<typeof embedQuery>;

/** An embed page's URL, its query in one fixed order so one page has one URL. */
export function embedPageUrl(origin: string, treatyId: string, query: EmbedQuery = {}): string {
  const search = new URLSearchParams();
  if (query.asOf !== undefined) search.set("asOf", query.asOf);
  if (query.tz !== undefined) search.set("tz", query.tz);
  if (query.party !== undefined) search.set("party", query.party);
  if (query.style !== undefined) search.set("style", query.style);
  if (query.lang !== undefined) search.set("lang", query.lang);
  const rest = search.toString();
  return `${origin}/treaties/${treatyId}/embed${rest ? `?${rest}` : ""}`;
}

/** Where a consumer asks for an embed's oEmbed answer, as the discovery link gives it. */
export const oembedEndpointUrl = (origin: string, embedUrl: string): string =>
  `${origin}/oembed?${new URLSearchParams({ url: embedUrl, format: "json" })}`;

const EMBED_PATH = new RegExp(`^/treaties/(${SLUG})/embed/?$`);

export interface EmbedAddress {
  treatyId: string;
  query: EmbedQuery;
}

/**
 * The treaty and query an embed URL of this API names, or why it is not one: another host, another
 * path, or a query the embed page would refuse.
 */
export function readEmbedUrl(url: string, origins: readonly string[]): EmbedAddress | { notOurs: string } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { notOurs: "url is not an absolute URL." };
  }
  const hosts = origins.map((origin) => new URL(origin).host);
  if ((parsed.protocol !== "http:" && parsed.protocol !== "https:") || !hosts.includes(parsed.host)) {
    return { notOurs: `url is not on this API (${hosts.join(" or ")}).` };
  }
  const treatyId = EMBED_PATH.exec(parsed.pathname)?.[1];
  if (treatyId === undefined) return { notOurs: "url is not an embed page: /treaties/{treatyId}/embed." };
  const query = embedQuery.safeParse(Object.fromEntries(parsed.searchParams));
  if (!query.success) {
    const issue = query.error.issues[0];
    return { notOurs: `url's query is one the embed page refuses${issue ? `: ${issue.message}` : ""}.` };
  }
  return { treatyId, query: query.data };
}
