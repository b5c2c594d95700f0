/**
 * Atom 1.0 (RFC 4287) feeds of treaty timelines for wire desks and feed readers: one entry per
 * event, newest first. An entry's id is a tag: URI (RFC 4151) made of the treaty and event ids
 * alone, so it never changes, whatever happens to the event or the API's address. A correction
 * moves the entry's `updated` and says what changed and why; a retraction keeps the entry,
 * marked retracted, with the reason.
 */
import { type FeedEntry, newestFirst } from "#domain/feed";
import type { Revision, StoredEvent } from "#domain/records";
import type { Source } from "#domain/types";
import { apDate, apPartialDate } from "#formats/ap-style";
import { escapeHtml, linkableSources, paragraphsHtml } from "#formats/html";
import { eventTypeLabel } from "#formats/labels";

/** The tagging entity and date of every id this service mints; changing either changes every id. */
const TAG = "tag:treaty-clock,2026:";

export const eventEntryId = (treatyId: string, eventId: string) => `${TAG}treaties/${treatyId}/events/${eventId}`;
export const treatyFeedId = (treatyId: string) => `${TAG}treaties/${treatyId}/feed`;
export const ALL_TREATIES_FEED_ID = `${TAG}feed`;
/** Schemes of the categories entries carry: the event type, and `retracted` or `corrected`. */
export const EVENT_TYPE_SCHEME = `${TAG}event-type`;
export const STATUS_SCHEME = `${TAG}status`;

export interface AtomFeedInput {
  id: string;
  title: string;
  /** This feed's own URL. */
  selfUrl: string;
  /** A page a person reads instead (the treaty's embed page). */
  alternateUrl?: string;
  entries: readonly FeedEntry[];
  /** When the feed has no entries: when its subject last changed. */
  emptyUpdated: string;
  /** Put the treaty's short name before each entry's title (the feed of every treaty). */
  titlesWithTreaty?: boolean;
}

/** Escapes text for XML element content and quoted attributes. */
export function escapeXml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => XML_ESCAPES[char] ?? char);
}

const XML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };

/** Newest first: by event date (a day before its month, a month before its year), then the latest written. */
const entryUpdated = (event: StoredEvent) => event.updatedAt ?? event.createdAt;

export function renderAtomFeed(input: AtomFeedInput): string {
  const entries = newestFirst(input.entries);
  // ISO 8601 instants in UTC sort as strings.
  const updated =
    entries
      .map((entry) => entryUpdated(entry.event))
      .sort()
      .at(-1) ?? input.emptyUpdated;
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `<id>${escapeXml(input.id)}</id>`,
    `<title type="text">${escapeXml(input.title)}</title>`,
    `<updated>${escapeXml(updated)}</updated>`,
    `<link rel="self" type="application/atom+xml" href="${escapeXml(input.selfUrl)}"/>`,
    ...(input.alternateUrl ? [`<link rel="alternate" type="text/html" href="${escapeXml(input.alternateUrl)}"/>`] : []),
    "<author><name>treaty-clock</name></author>",
    "<generator>treaty-clock</generator>",
    ...entries.map((entry) => renderEntry(entry, input.titlesWithTreaty === true)),
    "</feed>",
    "",
  ];
  return lines.join("\n");
}

function renderEntry({ treaty, event, revisions }: FeedEntry, withTreaty: boolean): string {
  const corrections = revisions.filter((revision) => revision.kind === "correction");
  const title = `${event.retracted ? "Retracted: " : ""}${withTreaty ? `${treaty.shortName}: ` : ""}${event.title}`;
  const sources = linkableSources(event.sources);
  const status = event.retracted
    ? [`<category scheme="${STATUS_SCHEME}" term="retracted" label="Retracted"/>`]
    : corrections.length > 0
      ? [`<category scheme="${STATUS_SCHEME}" term="corrected" label="Corrected"/>`]
      : [];
  const lines = [
    "<entry>",
    `<id>${escapeXml(eventEntryId(treaty.id, event.id))}</id>`,
    `<title type="text">${escapeXml(title)}</title>`,
    `<published>${escapeXml(event.createdAt)}</published>`,
    `<updated>${escapeXml(entryUpdated(event))}</updated>`,
    ...sources.slice(0, 1).map(({ href }) => `<link rel="alternate" type="text/html" href="${escapeXml(href)}"/>`),
    ...sources.map(({ href, label }) => `<link rel="related" href="${escapeXml(href)}" title="${escapeXml(label)}"/>`),
    `<category scheme="${EVENT_TYPE_SCHEME}" term="${escapeXml(event.type)}" label="${escapeXml(eventTypeLabel(event.type))}"/>`,
    ...status,
  ];
  const summary = entrySummary(event, corrections);
  if (summary) lines.push(`<summary type="text">${escapeXml(summary)}</summary>`);
  lines.push(`<content type="html">${escapeXml(entryHtml(event, corrections))}</content>`, "</entry>");
  return lines.join("\n");
}

/** What a feed reader shows in a list: the retraction or the latest correction, with the reason. */
function entrySummary(event: StoredEvent, corrections: readonly Revision[]): string | undefined {
  if (event.retracted) return `Retracted on ${apDay(event.retracted.at)}: ${event.retracted.reason}`;
  const latest = corrections.at(-1);
  if (latest) return `Corrected on ${apDay(latest.revisedAt)} (${changedFields(latest)}): ${latest.reason}`;
  return undefined;
}

function entryHtml(event: StoredEvent, corrections: readonly Revision[]): string {
  const parts: string[] = [];
  if (event.retracted) {
    parts.push(
      `<p><strong>Retracted</strong> on ${escapeHtml(apDay(event.retracted.at))}: ${escapeHtml(event.retracted.reason)}. This event is not part of the record.</p>`,
    );
  }
  parts.push(
    `<p>${escapeHtml(apPartialDate(event.date))} · ${escapeHtml(eventTypeLabel(event.type))}${event.party ? ` · ${escapeHtml(event.party)}` : ""}</p>`,
  );
  if (event.description?.trim()) parts.push(paragraphsHtml(event.description));
  const links = linkableSources(event.sources);
  if (links.length > 0) {
    parts.push(
      `<p>Sources:</p><ul>${links.map(({ href, label }) => `<li><a href="${escapeHtml(href)}">${escapeHtml(label)}</a></li>`).join("")}</ul>`,
    );
  }
  for (const correction of corrections) {
    const changes = Object.entries(correction.changes).map(
      ([field, change]) =>
        `<li>${escapeHtml(field)}: ${escapeHtml(describeValue(change?.from))} → ${escapeHtml(describeValue(change?.to))}</li>`,
    );
    parts.push(
      `<p><strong>Corrected</strong> on ${escapeHtml(apDay(correction.revisedAt))}: ${escapeHtml(correction.reason)}</p><ul>${changes.join("")}</ul>`,
    );
  }
  return parts.join("\n");
}

const changedFields = (revision: Revision) => Object.keys(revision.changes).join(", ") || "no field";

/** The civil day (UTC) of an instant, as AP writes it. */
const apDay = (instant: string) => apDate(instant.slice(0, 10));

/** A changed value in words: text quoted, sources by URL, anything else as JSON; absent as "(none)". */
function describeValue(value: unknown): string {
  if (value === null || value === undefined) return "(none)";
  if (typeof value === "string") return `“${value}”`;
  if (Array.isArray(value) && value.every(isSource)) return value.map((source) => source.url).join(", ");
  return JSON.stringify(value);
}

const isSource = (value: unknown): value is Source =>
  typeof value === "object" && value !== null && typeof (value as Source).url === "string";
