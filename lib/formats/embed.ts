/**
 * A self-contained HTML page for CMS iframes: the countdown sentence, then the treaty's events as
 * a vertical timeline that opens at the event nearest the as-of date.
 *
 * Nothing is loaded from elsewhere. The one stylesheet and the one script are constant text, so
 * their hashes are constants and the page runs under a CSP that allows nothing else. Browsers that
 * support `scroll-initial-target` open at the current event with CSS alone; the script does the same
 * for the others, reading the event's id from a data attribute.
 */
import { dayNumber, firstDayOf } from "#domain/calendar";
import type { CivilDateString, TimelineEvent, Treaty } from "#domain/types";
import { apPartialDate } from "#formats/ap-style";
import { cspHash, escapeHtml, linkableSources, paragraphsHtml } from "#formats/html";
import { type EventTypeLabels, eventTypeLabel } from "#formats/labels";
import { englishPhrasebook } from "#formats/sentence";
import type { Phrasebook } from "#formats/sentences/phrasebook";
import { sortEvents } from "#formats/timelinejs";

export interface EmbedInput {
  treaty: Treaty;
  events: TimelineEvent[];
  /** The countdown sentence, as from `summarySentence` (lib/formats/sentence.ts). */
  sentence: string;
  asOf: CivilDateString;
  /** The event to open at; default the event whose date is nearest `asOf`. */
  nearestEventId?: string;
  /** BCP 47 language tag of the page; default the phrasebook's, else "en". */
  lang?: string;
  /** The words around the sentence (dates, headings), in the sentence's style and language; default AP English. */
  phrasebook?: Phrasebook;
  eventTypeLabels?: EventTypeLabels;
  /** The page's oEmbed endpoint, announced in a discovery link so a CMS can turn the page's URL into an iframe. */
  oembedUrl?: string;
}

export interface RenderedEmbed {
  html: string;
  /** Send as the Content-Security-Policy header with `html`. */
  contentSecurityPolicy: string;
}

export const EMBED_STYLE = [
  ":root{color-scheme:light dark;--bg:#fff;--fg:#1a1a1a;--muted:#4a4a4a;--link:#0645ad;--line:#767676;--accent:#8a4b00;--current:#fff4d6}",
  "@media (prefers-color-scheme:dark){:root{--bg:#121212;--fg:#f0f0f0;--muted:#c8c8c8;--link:#9cc3ff;--line:#8c8c8c;--accent:#ffc66d;--current:#2b2414}}",
  "*,*::before,*::after{box-sizing:border-box}",
  "html,body{height:100%}",
  'body{margin:0;display:flex;flex-direction:column;background:var(--bg);color:var(--fg);font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;overflow-wrap:anywhere}',
  "main{flex:1 1 auto;display:flex;flex-direction:column;min-height:0}",
  "header{padding:1rem 1rem .5rem;max-width:48rem}",
  "h1{font-size:1.5rem;line-height:1.2;margin:0 0 .25rem}",
  ".name,.asof{margin:0;color:var(--muted)}",
  ".name{font-size:.9375rem}",
  ".asof{font-size:.875rem}",
  ".countdown{font-size:1.25rem;line-height:1.35;font-weight:700;margin:.75rem 0 .25rem}",
  "h2{font-size:1.125rem;margin:.5rem 1rem}",
  ".timeline{position:relative;flex:1 1 auto;min-height:10rem;overflow-y:auto;padding:.25rem 1rem 1rem}",
  ".timeline ol{list-style:none;margin:0 0 0 .5rem;padding:0 0 0 1rem;border-left:2px solid var(--line);max-width:48rem}",
  ".event{position:relative;padding:.5rem .75rem;margin:0 0 .75rem}",
  '.event::before{content:"";position:absolute;left:calc(-1rem - 7px);top:.9rem;width:12px;height:12px;border-radius:50%;background:var(--bg);border:2px solid var(--line)}',
  ".event.current{background:var(--current);box-shadow:inset 4px 0 0 var(--accent);scroll-initial-target:nearest}",
  ".event.current::before{background:var(--accent);border-color:var(--accent)}",
  "h3{font-size:1rem;line-height:1.3;margin:0}",
  ".meta{margin:.125rem 0 .25rem;color:var(--muted);font-size:.875rem}",
  ".event p{margin:.25rem 0}",
  ".sources{margin:.25rem 0 0;padding-left:1.25rem;font-size:.875rem}",
  "a{color:var(--link);text-decoration:underline}",
  ":focus-visible{outline:3px solid var(--link);outline-offset:2px}",
  ".vh{position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}",
].join("\n");

/**
 * Scrolls the timeline (not the host page) so the current event sits in the middle, or at the
 * top when it is taller than the timeline's view, so its heading always shows.
 */
export const EMBED_SCRIPT =
  '(function(){var c=document.querySelector(".timeline[data-current]");if(!c)return;var e=document.getElementById(c.getAttribute("data-current")||"");if(e)c.scrollTop=e.offsetTop-Math.max(0,(c.clientHeight-e.offsetHeight)/2);})();';

export const EMBED_STYLE_HASH = cspHash(EMBED_STYLE);
export const EMBED_SCRIPT_HASH = cspHash(EMBED_SCRIPT);

export const EMBED_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  `style-src ${EMBED_STYLE_HASH}`,
  `script-src ${EMBED_SCRIPT_HASH}`,
  "img-src data:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors *",
].join("; ");

const LANGUAGE_TAG = /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$/;

export function renderEmbed(input: EmbedInput): RenderedEmbed {
  const { treaty, asOf } = input;
  const book = input.phrasebook ?? englishPhrasebook();
  const asked = input.lang ?? input.phrasebook?.tag;
  const lang = asked && LANGUAGE_TAG.test(asked) ? asked : "en";
  // Treaty names and the timeline are stored in English: marked so, when the page is in another language.
  const stored = /^en\b/i.test(lang) ? "" : ' lang="en"';
  const events = sortEvents(input.events);
  const currentId = events.some((event) => event.id === input.nearestEventId)
    ? input.nearestEventId
    : nearestEvent(events, asOf)?.id;

  const timeline =
    events.length === 0
      ? `<p class="empty">${escapeHtml(book.embed.noEvents)}</p>`
      : [
          `<div class="timeline"${stored} tabindex="0" role="region" aria-labelledby="timeline-heading"${
            currentId === undefined ? "" : ` data-current="${escapeHtml(eventElementId(currentId))}"`
          }>`,
          "<ol>",
          ...events.map((event) => eventItem(event, event.id === currentId, input.eventTypeLabels)),
          "</ol>",
          "</div>",
        ].join("\n");

  const html = [
    "<!doctype html>",
    `<html lang="${escapeHtml(lang)}">`,
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(treaty.shortName)}: ${escapeHtml(book.embed.title)}</title>`,
    `<style>${EMBED_STYLE}</style>`,
    ...(input.oembedUrl === undefined
      ? []
      : [
          `<link rel="alternate" type="application/json+oembed" href="${escapeHtml(input.oembedUrl)}" title="${escapeHtml(treaty.shortName)}">`,
        ]),
    "</head>",
    "<body>",
    // One main landmark holds everything a reader sees (axe-core: landmark-one-main, region).
    "<main>",
    "<header>",
    `<h1${stored}>${escapeHtml(treaty.shortName)}</h1>`,
    `<p class="name"><span${stored}>${escapeHtml(treaty.name)}</span>. ${escapeHtml(book.embed.dates(treaty.signedOn, treaty.inForceOn))}</p>`,
    `<p class="countdown" role="status">${escapeHtml(input.sentence)}</p>`,
    `<p class="asof">${escapeHtml(book.embed.asOf)} <time datetime="${escapeHtml(asOf)}">${escapeHtml(book.date(asOf))}</time></p>`,
    "</header>",
    `<h2 id="timeline-heading">${escapeHtml(book.embed.timeline)}</h2>`,
    timeline,
    "</main>",
    `<script>${EMBED_SCRIPT}</script>`,
    "</body>",
    "</html>",
    "",
  ].join("\n");

  return { html, contentSecurityPolicy: EMBED_CONTENT_SECURITY_POLICY };
}

/** The event whose date (the first day it covers) is nearest `asOf`; the earlier one on a tie. */
export function nearestEvent(events: readonly TimelineEvent[], asOf: CivilDateString): TimelineEvent | undefined {
  const target = dayNumber(asOf);
  let best: { event: TimelineEvent; distance: number } | undefined;
  for (const event of sortEvents(events)) {
    const distance = Math.abs(dayNumber(firstDayOf(event.date)) - target);
    if (best === undefined || distance < best.distance) best = { event, distance };
  }
  return best?.event;
}

function eventElementId(eventId: string): string {
  return `event-${eventId}`;
}

function eventItem(event: TimelineEvent, current: boolean, labels: EventTypeLabels | undefined): string {
  const parts = [
    current
      ? `<li id="${escapeHtml(eventElementId(event.id))}" class="event current" aria-current="date">`
      : `<li id="${escapeHtml(eventElementId(event.id))}" class="event">`,
    `<h3>${escapeHtml(event.title)}</h3>`,
    `<p class="meta"><time datetime="${escapeHtml(event.date)}">${escapeHtml(apPartialDate(event.date))}</time> · ${escapeHtml(eventTypeLabel(event.type, labels))}</p>`,
  ];
  if (event.description?.trim()) parts.push(paragraphsHtml(event.description));
  const links = linkableSources(event.sources);
  if (links.length > 0) {
    const items = links.map(
      ({ href, label }) =>
        `<li><a href="${escapeHtml(href)}" rel="noopener noreferrer" target="_blank">${escapeHtml(label)}<span class="vh"> (opens in a new tab)</span></a></li>`,
    );
    parts.push(`<ul class="sources" aria-label="Sources">${items.join("")}</ul>`);
  }
  parts.push("</li>");
  return parts.join("\n");
}
