/**
 * oEmbed 1.0 (https://oembed.com/) for the embed page: a `rich` response whose `html` is one
 * `<iframe>` of the page, which is all a CMS such as WordPress keeps of a provider's markup.
 */
import { escapeHtml } from "#formats/html";

/** The size a CMS gets when it asks for none; the embed page reflows to any width from 280 px. */
export const OEMBED_DEFAULT_WIDTH = 600;
export const OEMBED_DEFAULT_HEIGHT = 600;
export const OEMBED_PROVIDER_NAME = "treaty-clock";
/** A day: the iframe's markup changes only when the treaty's name does; the page inside refreshes itself. */
export const OEMBED_CACHE_AGE = 86_400;

export interface OembedInput {
  /** The embed page's URL, absolute. */
  embedUrl: string;
  /** The iframe's accessible name and the response's title. */
  title: string;
  providerUrl: string;
  maxwidth?: number;
  maxheight?: number;
}

export interface OembedRich {
  type: "rich";
  version: "1.0";
  title: string;
  provider_name: string;
  provider_url: string;
  cache_age: number;
  html: string;
  width: number;
  height: number;
}

/** The oEmbed answer for one embed URL, sized within the consumer's maxwidth and maxheight. */
export function oembedRich(input: OembedInput): OembedRich {
  const width = Math.min(OEMBED_DEFAULT_WIDTH, input.maxwidth ?? OEMBED_DEFAULT_WIDTH);
  const height = Math.min(OEMBED_DEFAULT_HEIGHT, input.maxheight ?? OEMBED_DEFAULT_HEIGHT);
  const html = `<iframe src="${escapeHtml(input.embedUrl)}" title="${escapeHtml(input.title)}" width="${width}" height="${height}" frameborder="0" loading="lazy"></iframe>`;
  return {
    type: "rich",
    version: "1.0",
    title: input.title,
    provider_name: OEMBED_PROVIDER_NAME,
    provider_url: input.providerUrl,
    cache_age: OEMBED_CACHE_AGE,
    html,
    width,
    height,
  };
}

/** The title of a treaty's embed, as the iframe announces it to a screen reader. */
export const embedTitle = (treatyShortName: string) => `${treatyShortName}: timeline and countdown`;
