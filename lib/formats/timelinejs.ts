/**
 * Knight Lab TimelineJS3 JSON (https://timeline.knightlab.com/docs/json-format.html).
 * TimelineJS renders `headline` and `text` as HTML, so every stored string is escaped here and
 * the only markup is ours.
 */
import { compareTimelineDates, parsePartialDate } from "#domain/calendar";
import { treatyEnd } from "#domain/parties";
import type { CivilDateString, Deadline, PartialDateString, TimelineEvent, Treaty } from "#domain/types";
import { apDate, apPartialDate } from "#formats/ap-style";
import { escapeHtml, linkableSources, paragraphsHtml } from "#formats/html";
import { type EventTypeLabels, eventTypeLabel } from "#formats/labels";

export interface TimelineJsDate {
  year: number;
  month?: number;
  day?: number;
  display_date?: string;
}

export interface TimelineJsText {
  headline?: string;
  text?: string;
}

export interface TimelineJsSlide {
  start_date?: TimelineJsDate;
  end_date?: TimelineJsDate;
  text?: TimelineJsText;
  group?: string;
  display_date?: string;
  unique_id?: string;
}

export interface TimelineJsEra {
  start_date: TimelineJsDate;
  end_date: TimelineJsDate;
  text?: TimelineJsText;
}

export interface TimelineJsDocument {
  title: TimelineJsSlide;
  events: TimelineJsSlide[];
  eras?: TimelineJsEra[];
  scale: "human";
}

export interface TimelineJsOptions {
  /** Group labels to use instead of the defaults ("Withdrawal notice", ...). */
  eventTypeLabels?: EventTypeLabels;
  /**
   * The civil date the "In force" era runs to while the treaty is still in force, and the day its
   * end is judged on. Without it, the era runs to an end on record, and is not drawn without one.
   */
  today?: CivilDateString;
  /**
   * The events the in-force era is read from, when `events` is a filtered part of the timeline
   * (a filter must not hide the termination that ended the treaty). Default: `events`.
   */
  eraEvents?: TimelineEvent[];
  /** The treaty's derived deadlines: its term's expiry, and the exit that ends a bilateral treaty. */
  deadlines?: readonly Deadline[];
}

export function toTimelineJs(
  treaty: Treaty,
  events: TimelineEvent[],
  options: TimelineJsOptions = {},
): TimelineJsDocument {
  const document: TimelineJsDocument = {
    title: { text: { headline: escapeHtml(treaty.shortName), text: treatyTitleHtml(treaty) } },
    events: sortEvents(events).map((event) => eventSlide(event, options.eventTypeLabels)),
    scale: "human",
  };
  const era = inForceEra(treaty, options.deadlines ?? [], options.eraEvents ?? events, options.today);
  if (era) {
    document.eras = [
      { start_date: timelineJsDate(era.start), end_date: timelineJsDate(era.end), text: { headline: "In force" } },
    ];
  }
  return document;
}

/** Events in date order (a year before its months, then the order given). */
export function sortEvents(events: readonly TimelineEvent[]): TimelineEvent[] {
  return [...events].sort((a, b) => compareTimelineDates(a.date, b.date));
}

/** `{ year, month?, day? }`: a month only when the date has one, a day only for a full date. */
export function timelineJsDate(date: PartialDateString): TimelineJsDate {
  const { year, month, day } = parsePartialDate(date);
  const result: TimelineJsDate = { year };
  if (month !== undefined) result.month = month;
  if (day !== undefined) result.day = day;
  return result;
}

/** The title slide's text: the full name, then when it was signed and entered into force. */
export function treatyTitleHtml(treaty: Treaty): string {
  const dates = [`Signed ${apDate(treaty.signedOn)}`];
  if (treaty.inForceOn) dates.push(`in force ${apDate(treaty.inForceOn)}`);
  return `<p>${escapeHtml(treaty.name)}</p>\n<p>${escapeHtml(dates.join("; "))}.</p>`;
}

/** An event's text: its description as paragraphs, then a list of links to its sources. */
export function eventTextHtml(event: TimelineEvent): string {
  const parts: string[] = [];
  if (event.description?.trim()) parts.push(paragraphsHtml(event.description));
  const links = linkableSources(event.sources);
  if (links.length > 0) {
    const items = links.map(({ href, label }) => `<li><a href="${escapeHtml(href)}">${escapeHtml(label)}</a></li>`);
    parts.push(`<ul>${items.join("")}</ul>`);
  }
  return parts.join("\n");
}

/** "May 1991" or "1991" for a partial date; undefined for a full date, which TimelineJS formats. */
export function partialDisplayDate(date: PartialDateString): string | undefined {
  return parsePartialDate(date).precision === "day" ? undefined : apPartialDate(date);
}

/**
 * The span the treaty was in force, as its status has it (`treatyEnd`): from entry into force to its
 * termination, expiry or the end of its term, or, for a bilateral treaty, the first exit to take effect;
 * else, while any two parties remain bound, to `today`. One party's exit from a multilateral treaty
 * ends nothing: it is an event on the timeline. Undefined when either end is unknown.
 */
export function inForceEra(
  treaty: Treaty,
  deadlines: readonly Deadline[],
  events: readonly TimelineEvent[],
  today: CivilDateString | undefined,
): { start: CivilDateString; end: CivilDateString } | undefined {
  if (!treaty.inForceOn) return undefined;
  const end = treatyEnd(treaty, deadlines, events, today ?? LAST_DAY)?.date ?? today;
  if (end === undefined || compareTimelineDates(end, treaty.inForceOn) < 0) return undefined;
  return { start: treaty.inForceOn, end };
}

/** With no `today`, every end on record counts, whenever it falls. */
const LAST_DAY: CivilDateString = "9999-12-31";

function eventSlide(event: TimelineEvent, labels: EventTypeLabels | undefined): TimelineJsSlide {
  const slide: TimelineJsSlide = {
    start_date: timelineJsDate(event.date),
    text: { headline: escapeHtml(event.title), text: eventTextHtml(event) },
    group: escapeHtml(eventTypeLabel(event.type, labels)),
    unique_id: event.id,
  };
  const display = partialDisplayDate(event.date);
  if (display) slide.display_date = display;
  return slide;
}
