/**
 * Runs in chromium beside TimelineJS's own dist bundle (`window.TL`), for
 * test/e2e/timelinejs.browser.test.ts. It only asks TimelineJS what it made of our output: it
 * renders a timeline and reads back TimelineJS's config and the DOM it drew; it never parses
 * our JSON or CSV itself.
 */

/** TimelineJS's options for every render: a font theme that loads nothing from the web. */
const TIMELINE_OPTIONS = {
  font: "georgia-helvetica",
  script_path: new URL("/timelinejs/js/", location.href).href,
  language: "en",
};
const RENDER_TIMEOUT_MS = 15_000;

/**
 * Renders `data` (a TimelineJS JSON object, or a URL such as a Google Sheet's) into the element
 * with id `containerId`, and settles when TimelineJS fires `loaded`, when its config reports an
 * error (it then shows the error in its message element and never fires `loaded`) or on timeout.
 */
window.renderTimeline = (containerId, data, options) =>
  new Promise((resolve) => {
    const container = document.getElementById(containerId);
    let settled = false;
    let poll;
    let timer;
    const finish = (outcome) => {
      if (settled) return;
      settled = true;
      clearInterval(poll);
      clearTimeout(timer);
      resolve(readTimeline(timeline, container, outcome));
    };
    const timeline = new TL.Timeline(container, data, { ...TIMELINE_OPTIONS, ...options });
    timeline.on("loaded", () => finish("loaded"));
    poll = setInterval(() => {
      if (timeline.config && !timeline.config.isValid()) finish("error");
    }, 25);
    timer = setTimeout(() => finish("timeout"), RENDER_TIMEOUT_MS);
  });

/**
 * TimelineJS's own reading of a Google Sheet (`TL.exportJSON`: its CSV parser, then
 * `extractEventFromCSVObject` and `handleRow` for each row), with the errors and warnings it
 * collects on the way, which a render does not show.
 */
window.readSheet = async (sheetUrl, proxy) => {
  const json = await TL.exportJSON(sheetUrl, proxy);
  return {
    title: json.title ? { headline: htmlText(json.title.text.headline) } : undefined,
    events: json.events.length,
    eras: json.eras.map((era) => ({
      headline: era.text.headline,
      start: civilDate({ data: era.start_date }),
      end: civilDate({ data: era.end_date }),
    })),
    errors: json.errors.map(String),
    warnings: json.warnings.map(String),
  };
};

/** A TLDate as the partial date it holds: "1991", "1991-05" or "1991-05-16". */
function civilDate(date) {
  if (!date) return undefined;
  const { year, month, day } = date.data;
  const parts = [String(year).padStart(4, "0")];
  for (const part of [month, day]) {
    if (part === undefined || part === null || part === "") break;
    parts.push(String(part).padStart(2, "0"));
  }
  return parts.join("-");
}

function htmlText(html) {
  const template = document.createElement("template");
  template.innerHTML = html;
  return template.content.textContent;
}

function text(element) {
  return element ? element.textContent.replace(/\s+/g, " ").trim() : undefined;
}

function readTimeline(timeline, container, outcome) {
  const config = timeline.config;
  const language = timeline.getLanguage();
  const slide = (event) => ({
    date: civilDate(event.start_date),
    endDate: civilDate(event.end_date),
    displayDate: event.start_date.getDisplayDate(language),
    // As a reader sees it: TimelineJS keeps `&#39;` from the JSON and `'` from the sheet, both shown as '.
    headline: htmlText(event.text.headline),
    text: event.text.text,
    group: event.group ?? "",
  });
  return {
    outcome,
    errors: config ? config.getErrors().map((error) => String(timeline._translateError(error))) : [],
    message: text(container.querySelector(".tl-message-content")),
    title: config?.title ? { headline: htmlText(config.title.text.headline), text: config.title.text.text } : undefined,
    events: config ? config.events.map(slide) : [],
    eras: config
      ? config.eras.map((era) => ({
          headline: era.headline,
          start: civilDate(era.start_date),
          end: civilDate(era.end_date),
        }))
      : [],
    drawn: {
      slides: [...container.querySelectorAll(".tl-slide")].map((element) => ({
        headline: text(element.querySelector(".tl-headline")),
        date: text(element.querySelector(".tl-headline-date")),
        paragraphs: [...element.querySelectorAll(".tl-text-content p")].map(text),
        links: [...element.querySelectorAll(".tl-text-content a[href]")].map((link) => link.getAttribute("href")),
      })),
      markers: container.querySelectorAll(".tl-timemarker").length,
      eras: [...container.querySelectorAll(".tl-timeera-text")].map(text),
      groups: [...container.querySelectorAll(".tl-timegroup-message")].map(text),
    },
  };
}
