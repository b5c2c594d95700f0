/**
 * The desk: one self-contained page for the producers and researchers who keep a treaty's timeline.
 * It reads and writes through this API from the same origin and loads nothing from anywhere else.
 * The stylesheet and the script (lib/formats/desk-client.ts) are constant text, so the CSP allows
 * exactly their hashes and nothing inline besides. The page is the same for every request: the
 * script fetches the data.
 */
import { EVENT_TYPES } from "#domain/types";
import { deskClient } from "#formats/desk-client";
import { cspHash, escapeHtml } from "#formats/html";
import { EVENT_TYPE_LABELS } from "#formats/labels";

export const DESK_STYLE = [
  ":root{color-scheme:light dark;--bg:#fff;--fg:#1a1a1a;--muted:#4a4a4a;--link:#0645ad;--line:#767676;--error:#b00020;--panel:#f4f4f4}",
  "@media (prefers-color-scheme:dark){:root{--bg:#121212;--fg:#f0f0f0;--muted:#c8c8c8;--link:#9cc3ff;--line:#8c8c8c;--error:#ff8a80;--panel:#1e1e1e}}",
  "*,*::before,*::after{box-sizing:border-box}",
  'body{margin:0;background:var(--bg);color:var(--fg);font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;overflow-wrap:anywhere}',
  "header,main{max-width:60rem;margin:0 auto;padding:0 1rem}",
  "h1{font-size:1.5rem;margin:1rem 0 .5rem}",
  "h2{font-size:1.25rem;margin:1.5rem 0 .5rem}",
  "h3{font-size:1.05rem;margin:0}",
  "label{display:block;font-weight:600;margin:.5rem 0 .125rem}",
  ".hint{display:block;color:var(--muted);font-size:.9rem}",
  "input,select,textarea,button{font:inherit;color:inherit;max-width:100%}",
  "input,select,textarea{width:100%;padding:.4rem;border:1px solid var(--line);border-radius:4px;background:var(--bg)}",
  "button{margin:.5rem .5rem 0 0;padding:.45rem .9rem;border:1px solid var(--fg);border-radius:4px;background:var(--panel);cursor:pointer;min-height:44px}",
  "button:disabled{cursor:progress;opacity:.7}",
  "fieldset{border:1px solid var(--line);border-radius:6px;margin:.75rem 0;padding:.5rem .75rem;min-width:0}",
  "legend{font-weight:700;padding:0 .25rem}",
  "summary{cursor:pointer;font-weight:600;padding:.5rem 0;min-height:44px}",
  ".sentence{font-size:1.25rem;font-weight:700}",
  ".copy{margin:.75rem 0}",
  ".field-error,.form-error{color:var(--error);font-weight:600}",
  ".field-error{display:block}",
  ".field-error:empty,.form-error:empty{display:none}",
  "[aria-invalid=true]{border:2px solid var(--error)}",
  "ol,ul{padding-left:1.25rem}",
  ".event{margin:0 0 1.25rem;padding:.5rem .75rem;background:var(--panel);border-radius:6px}",
  ".event p{margin:.25rem 0}",
  ".meta{margin:.125rem 0;color:var(--muted);font-size:.9rem}",
  ".retracted,.warning{font-weight:600}",
  "del{text-decoration:line-through}",
  "a{color:var(--link)}",
  ":focus-visible{outline:3px solid var(--link);outline-offset:2px}",
  ".vh{position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}",
  "@media (min-width:48rem){.field-row{display:grid;grid-template-columns:1fr 1fr 1fr;gap:0 1rem}",
  // Side by side, hints of different lengths must not stagger the controls: each sits at the foot of its column.
  ".field-row>.field{display:flex;flex-direction:column}.field-row>.field>:is(input,select){margin-top:auto}}",
].join("\n");

/** The client as the page runs it: the function's own source, called once. */
export const DESK_SCRIPT = `(${deskClient.toString()})();`;

export const DESK_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  `style-src ${cspHash(DESK_STYLE)}`,
  `script-src ${cspHash(DESK_SCRIPT)}`,
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

/**
 * The dates a notice can carry beside its own (lib/domain/types.ts): label, hint, and how the history shows one.
 * The page's script reads them from the add form to build its correction forms, so they are written only here.
 */
export const NOTICE_FIELDS = [
  {
    name: "receivedOn",
    label: "Received on",
    hint: "YYYY-MM-DD: when the depositary received it, where the treaty counts from receipt.",
    shownAs: "received",
  },
  {
    name: "effectiveOn",
    label: "Takes effect on",
    hint: "YYYY-MM-DD: a later date the notice itself names.",
    shownAs: "takes effect (named in the notice)",
  },
  {
    name: "claimedEffectiveOn",
    label: "Claimed effective date",
    hint: "YYYY-MM-DD: the date the party claims, where the exit is contested.",
    shownAs: "claimed effective",
  },
] as const;

/** A labelled control with an optional hint and its (empty) error note, as the script builds them too. */
function field(
  id: string,
  name: string,
  label: string,
  control: "input" | "textarea" | "select",
  hint?: string,
  shownAs?: string,
) {
  const describedBy = hint ? `${id}-hint ${id}-error` : `${id}-error`;
  const shown = shownAs === undefined ? "" : ` data-shown-as="${escapeHtml(shownAs)}"`;
  const attributes = `id="${id}" name="${name}" data-field="${name}" aria-describedby="${describedBy}"${shown}`;
  const element =
    control === "select"
      ? `<select ${attributes}>${EVENT_TYPES.map(
          (type) => `<option value="${type}">${escapeHtml(EVENT_TYPE_LABELS[type])}</option>`,
        ).join("")}</select>`
      : control === "textarea"
        ? `<textarea ${attributes} rows="3"></textarea>`
        : `<input ${attributes} type="text">`;
  return [
    '<div class="field">',
    `<label for="${id}">${escapeHtml(label)}</label>`,
    hint === undefined ? "" : `<span id="${id}-hint" class="hint">${escapeHtml(hint)}</span>`,
    element,
    `<span id="${id}-error" class="field-error"></span>`,
    "</div>",
  ].join("");
}

export function renderDesk(): string {
  return [
    "<!doctype html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    "<title>treaty-clock desk</title>",
    `<style>${DESK_STYLE}</style>`,
    "</head>",
    "<body>",
    "<header><h1>treaty-clock desk</h1></header>",
    "<main>",
    '<section aria-labelledby="key-heading"><h2 id="key-heading">API key</h2>',
    '<form id="key-form" novalidate>',
    '<label for="key">API key</label>',
    '<span id="key-hint" class="hint">Paste it once; it is kept in this browser tab only and forgotten when the tab closes. Reading needs no key.</span>',
    '<input id="key" type="password" autocomplete="off" aria-describedby="key-hint key-status key-error">',
    '<span id="key-error" class="field-error"></span>',
    '<button type="submit" id="key-submit">Use this key</button><button type="button" id="forget-key">Forget the key</button>',
    '<p id="key-status" role="status"></p>',
    "</form></section>",
    '<section aria-labelledby="treaty-heading"><h2 id="treaty-heading">Treaty</h2>',
    '<label for="treaty">Pick a treaty</label>',
    '<select id="treaty" aria-describedby="treaty-error"><option value="">Choose a treaty</option></select>',
    '<span id="treaty-error" class="field-error"></span>',
    '<p id="load-status" role="status"></p></section>',
    '<div id="desk" hidden>',
    '<section aria-labelledby="countdown-heading"><h2 id="countdown-heading">Countdown: <span id="treaty-name"></span></h2>',
    '<p id="sentence" class="sentence"></p><div id="copies"></div>',
    '<p id="copy-status" role="status" aria-live="polite"></p></section>',
    '<section aria-labelledby="deadlines-heading"><h2 id="deadlines-heading">Next deadlines</h2><ul id="deadlines"></ul></section>',
    '<section aria-labelledby="add-heading"><h2 id="add-heading">Add an event</h2>',
    '<form id="add-form" novalidate><fieldset><legend>New event</legend><div class="field-row">',
    field("add-date", "date", "Date", "input", "YYYY, YYYY-MM or YYYY-MM-DD"),
    field("add-type", "type", "Type", "select"),
    field("add-party", "party", "Party code", "input", "Optional."),
    "</div>",
    field("add-title", "title", "Title", "input"),
    field("add-description", "description", "Description", "textarea", "Optional."),
    field(
      "add-sources",
      "sources",
      "Sources",
      "textarea",
      "One per line: the URL, then optionally a space and its title.",
    ),
    '<fieldset id="add-notice"><legend>Notice details (a withdrawal notice or an expulsion; optional)</legend><div class="field-row">',
    ...NOTICE_FIELDS.map((notice) =>
      field(`add-${notice.name}`, notice.name, notice.label, "input", notice.hint, notice.shownAs),
    ),
    "</div></fieldset>",
    '<p class="form-error" tabindex="-1" role="alert"></p><button type="submit" id="add-submit">Add the event</button>',
    "</fieldset></form></section>",
    '<section aria-labelledby="history-heading"><h2 id="history-heading">History, newest first</h2><ol id="history"></ol></section>',
    "</div>",
    '<p id="announce" class="vh" role="status" aria-live="polite"></p>',
    "</main>",
    `<script>${DESK_SCRIPT}</script>`,
    "</body>",
    "</html>",
    "",
  ].join("\n");
}
