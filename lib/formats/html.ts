/**
 * HTML helpers shared by every format that hands HTML to a reader's browser (TimelineJS JSON and
 * CSV, the embed page). Every string that came from storage passes through `escapeHtml`.
 */
import { createHash } from "node:crypto";
import type { Source } from "#domain/types";

/** A CSP source expression that allows exactly this inline script or stylesheet. */
export function cspHash(text: string): string {
  return `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;
}

const HTML_ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Escapes `& < > " '`, so the result is safe as element text and inside a quoted attribute. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char] ?? char);
}

/**
 * Escapes only `& < >`: enough for element text, which is all a TimelineJS sheet cell's headline
 * becomes, and quotes and apostrophes stay as a reporter typed them in the spreadsheet.
 */
export function escapeHtmlText(value: string): string {
  return value.replace(/[&<>]/g, (char) => HTML_ESCAPES[char] ?? char);
}

/**
 * The URL, normalised, when it is an absolute http(s) URL; otherwise undefined, so `javascript:`,
 * `data:` and relative links never become an href.
 */
export function safeHttpUrl(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : undefined;
}

/** What a link to a source says: its title, else its publisher, else the site's host name. */
export function sourceLabel(source: Source): string {
  const title = source.title?.trim();
  if (title) return title;
  const publisher = source.publisher?.trim();
  if (publisher) return publisher;
  try {
    return new URL(source.url).hostname.replace(/^www\./, "");
  } catch {
    return source.url;
  }
}

/** The sources that can be linked (http or https), with their normalised URLs. */
export function linkableSources(sources: readonly Source[]): Array<{ href: string; label: string }> {
  const links: Array<{ href: string; label: string }> = [];
  for (const source of sources) {
    const href = safeHttpUrl(source.url);
    if (href) links.push({ href, label: sourceLabel(source) });
  }
  return links;
}

/**
 * Plain text as HTML paragraphs: a blank line starts a new `<p>`, a single line break becomes
 * `<br>`. The line breaks stay in the output so the HTML reads well in a spreadsheet cell.
 */
export function paragraphsHtml(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph.length > 0)
    .map((paragraph) => `<p>${escapeHtml(paragraph).replace(/\n/g, "<br>\n")}</p>`)
    .join("\n");
}
