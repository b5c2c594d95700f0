/// <reference lib="dom" />
/**
 * The desk's script, as it runs in the browser. lib/formats/desk.ts ships the source text of
 * `deskClient` inline, allowed by its hash in the page's CSP, so this function must stand alone:
 * no imports, nothing from module scope, nothing a bundler would add a helper for. The browser test
 * (test/e2e/desk.browser.test.ts) runs it as the bundled, minified Lambda serves it.
 *
 * Rules it keeps: every piece of text goes into the page with textContent or a form control's value,
 * never as HTML; the API key lives in this tab's sessionStorage only and goes out only in x-api-key
 * on writes; every read revalidates (`cache: "no-cache"`), because the API lets caches keep reads
 * for 45 s and the desk must show its own writes at once.
 */
export function deskClient(): void {
  const KEY_STORAGE = "treaty-clock-api-key";
  const HISTORY_PAGES = 25;

  interface Source {
    url: string;
    title?: string;
    publisher?: string;
  }
  interface DeskEvent {
    id: string;
    treatyId: string;
    date: string;
    type: string;
    party?: string;
    title: string;
    description?: string;
    sources: Source[];
    receivedOn?: string;
    effectiveOn?: string;
    claimedEffectiveOn?: string;
    version: number;
    retracted?: { at: string; reason: string };
  }
  interface Deadline {
    kind: string;
    date: string;
    party?: string;
    basis: { rule: string; article: string; explanation: string; warnings: string[] };
  }
  interface Treaty {
    id: string;
    shortName: string;
    parties: Array<{ code: string; name: string }>;
    deadlines: Deadline[];
  }
  interface FieldError {
    path: string;
    message: string;
  }
  interface Problem {
    status: number;
    title: string;
    detail?: string;
    errors?: FieldError[];
  }
  interface Answer {
    status: number;
    ok: boolean;
    // biome-ignore lint/suspicious/noExplicitAny: answers are read by the code that asked for them
    data: any;
  }

  const state: { treaty: Treaty | null; events: DeskEvent[] } = { treaty: null, events: [] };

  interface NoticeField {
    name: "receivedOn" | "effectiveOn" | "claimedEffectiveOn";
    label: string;
    hint: string;
    shownAs: string;
  }

  /**
   * The dates a notice can carry beside its own, as the server wrote them into the add form (lib/formats/desk.ts),
   * read once: the script runs after the form, and every history item and correction form uses them.
   */
  const NOTICE_FIELDS: readonly NoticeField[] = Array.from(
    document.querySelectorAll<HTMLInputElement>("#add-notice [data-field]"),
  ).map((control) => ({
    name: control.dataset.field as NoticeField["name"],
    label: document.querySelector(`label[for="${CSS.escape(control.id)}"]`)?.textContent ?? "",
    hint: document.getElementById(`${control.id}-hint`)?.textContent ?? "",
    shownAs: control.dataset.shownAs ?? "",
  }));

  function byId<T extends HTMLElement>(id: string): T {
    const node = document.getElementById(id);
    if (!node) throw new Error(`The page has no #${id}.`);
    return node as T;
  }

  /** An element with attributes and children; `text` becomes its textContent. */
  function el(tag: string, attributes: Record<string, string> = {}, children: Array<Node | null> = []): HTMLElement {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) {
      if (name === "text") node.textContent = value;
      else node.setAttribute(name, value);
    }
    for (const child of children) if (child) node.appendChild(child);
    return node;
  }

  function say(id: string, text: string): void {
    byId(id).textContent = text;
  }

  const apiKey = (): string => sessionStorage.getItem(KEY_STORAGE) ?? "";

  /** One call to the API, same origin. A network failure becomes a problem like the API's own. */
  async function api(
    method: string,
    path: string,
    options: { body?: unknown; version?: number; idempotencyKey?: string } = {},
  ): Promise<Answer> {
    const headers: Record<string, string> = { accept: "application/json, application/problem+json, text/plain" };
    if (options.body !== undefined) headers["content-type"] = "application/json";
    if (method !== "GET" && apiKey()) headers["x-api-key"] = apiKey();
    if (options.version !== undefined) headers["if-match"] = `"${options.version}"`;
    if (options.idempotencyKey) headers["idempotency-key"] = options.idempotencyKey;
    try {
      const response = await fetch(path, {
        method,
        headers,
        cache: "no-cache",
        credentials: "omit",
        body: options.body === undefined ? null : JSON.stringify(options.body),
      });
      const type = response.headers.get("content-type") ?? "";
      const data = /json/.test(type) ? await response.json() : await response.text();
      return { status: response.status, ok: response.ok, data };
    } catch {
      const problem: Problem = {
        status: 0,
        title: "No answer",
        detail: "The API could not be reached or its answer was cut off. Reload the treaty to see what was saved.",
      };
      return { status: 0, ok: false, data: problem };
    }
  }

  function problemOf(answer: Answer): Problem {
    const data = answer.data;
    if (data && typeof data === "object" && typeof data.title === "string") return data as Problem;
    return { status: answer.status, title: "Refused", detail: `The API answered ${answer.status}.` };
  }

  // ---- the key ---------------------------------------------------------------------------------

  function showKey(): void {
    say("key-status", apiKey() ? "A key is set for this tab." : "No key set: you can read, not change.");
  }

  // ---- forms and the API's refusals -----------------------------------------------------------

  function controls(form: HTMLFormElement): HTMLElement[] {
    return Array.from(form.querySelectorAll<HTMLElement>("[data-field]"));
  }

  function setFieldError(control: HTMLElement, message: string): void {
    const note = document.getElementById(`${control.id}-error`);
    if (note) note.textContent = message;
    if (message) control.setAttribute("aria-invalid", "true");
    else control.removeAttribute("aria-invalid");
  }

  function clearErrors(form: HTMLFormElement): void {
    for (const control of controls(form)) setFieldError(control, "");
    const general = form.querySelector<HTMLElement>(".form-error");
    if (general) general.textContent = "";
    setFieldError(byId("key"), "");
  }

  /**
   * The API's problem, each field error beside the field it names (`sources.1.url` is the sources
   * field, line 2), the detail at the top of the form; focus goes to the first marked field.
   */
  function showProblem(form: HTMLFormElement, problem: Problem): void {
    clearErrors(form);
    const placed: HTMLElement[] = [];
    for (const error of problem.errors ?? []) {
      const [name, index] = String(error.path).split(".");
      const control = name ? form.querySelector<HTMLElement>(`[data-field="${CSS.escape(name)}"]`) : null;
      if (!control) continue;
      const line =
        name === "sources" && index !== undefined && /^\d+$/.test(index) ? `Line ${Number(index) + 1}: ` : "";
      const note = document.getElementById(`${control.id}-error`);
      const before = note?.textContent ? `${note.textContent} ` : "";
      setFieldError(control, `${before}${line}${error.message}`);
      placed.push(control);
    }
    if (problem.status === 401) {
      setFieldError(byId("key"), problem.detail ?? problem.title);
      placed.push(byId("key"));
    }
    const general = form.querySelector<HTMLElement>(".form-error");
    if (general) {
      general.textContent = `${problem.title}: ${problem.detail ?? ""}${placed.length ? " The marked fields say where." : ""}`;
    }
    const first = placed[0] ?? general;
    first?.focus();
  }

  function value(form: HTMLFormElement, name: string): string {
    const control = form.querySelector<HTMLInputElement>(`[data-field="${name}"]`);
    return control ? control.value : "";
  }

  function setValue(form: HTMLFormElement, name: string, text: string): void {
    const control = form.querySelector<HTMLInputElement>(`[data-field="${name}"]`);
    if (control) control.value = text;
  }

  /** One source per line: its URL, then optionally a space and its title. */
  function readSources(text: string): Source[] {
    return text
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter((line) => line !== "")
      .map((line) => {
        const space = line.search(/\s/);
        if (space < 0) return { url: line };
        return { url: line.slice(0, space), title: line.slice(space + 1).trim() };
      });
  }

  const writeSources = (sources: Source[]): string =>
    sources.map((source) => (source.title ? `${source.url} ${source.title}` : source.url)).join("\n");

  /** Runs a form's submission once at a time: its button is disabled until the answer is shown. */
  function onSubmit(form: HTMLFormElement, run: () => Promise<void>): void {
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const button = form.querySelector<HTMLButtonElement>("button[type=submit]");
      if (button?.disabled) return;
      if (button) button.disabled = true;
      try {
        await run();
      } finally {
        if (button) button.disabled = false;
      }
    });
  }

  /** A labelled control with its error note, which the control names in aria-describedby. */
  function field(
    prefix: string,
    name: string,
    label: string,
    options: { multiline?: boolean; hint?: string; value?: string } = {},
  ): HTMLElement {
    const id = `${prefix}-${name}`;
    const described = options.hint ? `${id}-hint ${id}-error` : `${id}-error`;
    const control = el(options.multiline ? "textarea" : "input", {
      id,
      name,
      "data-field": name,
      "aria-describedby": described,
      ...(options.multiline ? { rows: "3" } : { type: "text" }),
    }) as HTMLInputElement;
    control.value = options.value ?? "";
    return el("div", { class: "field" }, [
      el("label", { for: id, text: label }),
      options.hint ? el("span", { id: `${id}-hint`, class: "hint", text: options.hint }) : null,
      control,
      el("span", { id: `${id}-error`, class: "field-error" }),
    ]);
  }

  function formShell(id: string, legend: string, fields: HTMLElement[], submit: string): HTMLFormElement {
    return el("form", { id, novalidate: "" }, [
      el("fieldset", {}, [
        el("legend", { text: legend }),
        ...fields,
        el("p", { class: "form-error", tabindex: "-1", role: "alert" }),
        el("button", { type: "submit", text: submit }),
      ]),
    ]) as HTMLFormElement;
  }

  // ---- reading a treaty ------------------------------------------------------------------------

  const treatyPath = (id: string) => `/treaties/${encodeURIComponent(id)}`;

  function typeLabel(type: string): string {
    const option = byId<HTMLSelectElement>("add-type").querySelector<HTMLOptionElement>(
      `option[value="${CSS.escape(type)}"]`,
    );
    return option?.textContent ?? type;
  }

  const kindLabel = (kind: string): string => {
    const words = kind.replace(/_/g, " ");
    return words.charAt(0).toUpperCase() + words.slice(1);
  };

  async function loadTreaties(): Promise<void> {
    const select = byId<HTMLSelectElement>("treaty");
    let cursor: string | null = null;
    for (let page = 0; page < 50; page++) {
      const answer = await api("GET", `/treaties?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
      if (!answer.ok) {
        say("treaty-error", problemOf(answer).detail ?? "The catalogue could not be read.");
        break;
      }
      for (const treaty of answer.data.treaties as Array<{ id: string; shortName: string }>) {
        select.appendChild(el("option", { value: treaty.id, text: `${treaty.shortName} (${treaty.id})` }));
      }
      cursor = answer.data.nextCursor;
      if (!cursor) break;
    }
    select.setAttribute("data-loaded", "true");
    const wanted = decodeURIComponent(location.hash.slice(1));
    if (wanted && Array.from(select.options).some((option) => option.value === wanted)) {
      select.value = wanted;
      await openTreaty(wanted);
    }
  }

  /** The whole history, newest first, page by page. */
  async function readHistory(id: string): Promise<DeskEvent[] | Problem> {
    const events: DeskEvent[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < HISTORY_PAGES; page++) {
      const query: string = `order=desc&limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
      const answer = await api("GET", `${treatyPath(id)}/history?${query}`);
      if (!answer.ok) return problemOf(answer);
      events.push(...(answer.data.events as DeskEvent[]));
      cursor = answer.data.nextCursor;
      if (!cursor) break;
    }
    return events;
  }

  async function openTreaty(id: string): Promise<void> {
    if (!id) {
      byId("desk").hidden = true;
      return;
    }
    history.replaceState(null, "", `#${encodeURIComponent(id)}`);
    say("load-status", "Loading…");
    if (await refresh(id)) {
      say("load-status", "");
      byId("desk").hidden = false;
    }
  }

  /** Everything shown about one treaty, read again: after a write its sentence, deadlines and history all follow. */
  async function refresh(id: string): Promise<boolean> {
    const base = treatyPath(id);
    const embedUrl = `${location.origin}${base}/embed`;
    const [sentence, treaty, events, oembed] = await Promise.all([
      api("GET", `${base}/days-until-exit?format=text&style=ap`),
      api("GET", base),
      readHistory(id),
      api("GET", `/oembed?url=${encodeURIComponent(embedUrl)}`),
    ]);
    if (!treaty.ok) {
      say("load-status", problemOf(treaty).detail ?? "The treaty could not be read.");
      return false;
    }
    state.treaty = treaty.data as Treaty;
    const sentenceText = sentence.ok ? String(sentence.data) : (problemOf(sentence).detail ?? "");
    say("treaty-name", state.treaty.shortName);
    say("sentence", sentenceText);
    byId("copies").replaceChildren(
      copyRow("sentence", "The AP-style sentence", sentenceText, false),
      copyRow("embed", "The embed code", oembed.ok ? String(oembed.data.html) : "", true),
      copyRow("calendar", "The calendar link", `${location.origin}${base}/calendar.ics`, false),
    );
    renderDeadlines(state.treaty);
    const codes = state.treaty.parties.map((party) => party.code);
    byId("add-party-hint").textContent = `Optional: ${codes.join(", ")}.`;
    if (!Array.isArray(events)) {
      say("load-status", events.detail ?? "The history could not be read.");
      return false;
    }
    state.events = events;
    renderHistory();
    return true;
  }

  function renderDeadlines(treaty: Treaty): void {
    const today = new Date().toISOString().slice(0, 10);
    const ahead = treaty.deadlines.filter((deadline) => deadline.date >= today).slice(0, 5);
    const list = byId("deadlines");
    if (ahead.length === 0) {
      list.replaceChildren(el("li", { text: "No deadline ahead." }));
      return;
    }
    list.replaceChildren(
      ...ahead.map((deadline) =>
        el("li", {}, [
          el("strong", {
            text: `${deadline.date}: ${kindLabel(deadline.kind)}${deadline.party ? ` (${deadline.party})` : ""}`,
          }),
          el("p", { text: deadline.basis.explanation }),
          el("p", { class: "meta", text: `Basis: ${deadline.basis.rule} ${deadline.basis.article}` }),
          ...deadline.basis.warnings.map((warning) => el("p", { class: "warning", text: `Warning: ${warning}` })),
        ]),
      ),
    );
  }

  // ---- copying ---------------------------------------------------------------------------------

  function copyRow(name: string, label: string, text: string, multiline: boolean): HTMLElement {
    const id = `copy-${name}`;
    const box = el(multiline ? "textarea" : "input", {
      id,
      readonly: "",
      ...(multiline ? { rows: "3" } : { type: "text" }),
    }) as HTMLInputElement;
    box.value = text;
    const what = label.replace(/^The /, "the ");
    const button = el("button", { type: "button", id: `${id}-button`, text: `Copy ${what}` });
    button.addEventListener("click", () => copy(box, what));
    return el("div", { class: "copy" }, [el("label", { for: id, text: label }), box, button]);
  }

  /** The clipboard API where the browser allows it; else the selection and the old copy command. */
  async function copy(box: HTMLInputElement, what: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(box.value);
      say("copy-status", `Copied ${what}.`);
      return;
    } catch {
      box.focus();
      box.select();
    }
    let copied = false;
    try {
      copied = document.execCommand("copy");
    } catch {
      copied = false;
    }
    say("copy-status", copied ? `Copied ${what}.` : `Selected ${what}: press Ctrl+C to copy.`);
  }

  // ---- the history -----------------------------------------------------------------------------

  function renderHistory(): void {
    const list = byId("history");
    if (state.events.length === 0) {
      list.replaceChildren(el("li", { text: "No events yet." }));
      return;
    }
    list.replaceChildren(...state.events.map(eventItem));
  }

  function eventItem(event: DeskEvent): HTMLElement {
    const headingId = `event-${event.id}-title`;
    const title = el(event.retracted ? "del" : "span", { text: event.title });
    const meta = [event.date, typeLabel(event.type), event.party, `version ${event.version}`]
      .filter(Boolean)
      .join(" · ");
    const item = el("li", { id: `event-${event.id}`, class: "event" }, [
      el("h3", { id: headingId, tabindex: "-1" }, [title]),
      el("p", { class: "meta", text: meta }),
    ]);
    if (event.retracted) {
      item.appendChild(
        el("p", {
          class: "retracted",
          text: `Retracted on ${event.retracted.at.slice(0, 10)}: ${event.retracted.reason}`,
        }),
      );
    }
    const notice = NOTICE_FIELDS.filter(({ name }) => event[name]).map(
      ({ name, shownAs }) => `${shownAs} ${event[name]}`,
    );
    if (notice.length > 0) item.appendChild(el("p", { class: "meta notice", text: notice.join(" · ") }));
    if (event.description)
      item.appendChild(el(event.retracted ? "del" : "p", { class: "description", text: event.description }));
    item.appendChild(
      el(
        "ul",
        { class: "sources", "aria-label": "Sources" },
        event.sources.map((source) => {
          const label = [source.title ?? source.url, source.publisher].filter(Boolean).join(", ");
          const safe = /^https?:\/\//i.test(source.url);
          return el("li", {}, [
            safe ? el("a", { href: source.url, rel: "noopener noreferrer", text: label }) : el("span", { text: label }),
          ]);
        }),
      ),
    );
    if (!event.retracted) {
      item.appendChild(
        el("details", { class: "edit" }, [
          el("summary", { text: "Correct or retract" }),
          correctForm(event),
          retractForm(event),
        ]),
      );
    }
    return item;
  }

  function correctForm(event: DeskEvent): HTMLFormElement {
    const prefix = `correct-${event.id}`;
    const form = formShell(
      prefix,
      `Correct this event (version ${event.version})`,
      [
        field(prefix, "date", "Date", { value: event.date, hint: "YYYY, YYYY-MM or YYYY-MM-DD" }),
        field(prefix, "title", "Title", { value: event.title }),
        field(prefix, "party", "Party code", { value: event.party ?? "" }),
        field(prefix, "description", "Description", { value: event.description ?? "", multiline: true }),
        field(prefix, "sources", "Sources", {
          value: writeSources(event.sources),
          multiline: true,
          hint: "One per line: the URL, then optionally a space and its title.",
        }),
        ...NOTICE_FIELDS.map(({ name, label, hint }) => field(prefix, name, label, { value: event[name] ?? "", hint })),
        field(prefix, "reason", "Reason for the correction", { hint: "Required; readers of the corrections see it." }),
      ],
      "Save the correction",
    );
    onSubmit(form, async () => {
      const body: Record<string, unknown> = { reason: value(form, "reason") };
      if (value(form, "date") !== event.date) body.date = value(form, "date");
      if (value(form, "title") !== event.title) body.title = value(form, "title");
      if (value(form, "party") !== (event.party ?? "")) body.party = value(form, "party") || null;
      if (value(form, "description") !== (event.description ?? ""))
        body.description = value(form, "description") || null;
      if (value(form, "sources") !== writeSources(event.sources)) body.sources = readSources(value(form, "sources"));
      for (const { name } of NOTICE_FIELDS) {
        const typed = value(form, name).trim();
        if (typed !== (event[name] ?? "")) body[name] = typed || null;
      }
      const answer = await api("PATCH", `${treatyPath(event.treatyId)}/events/${encodeURIComponent(event.id)}`, {
        body,
        version: event.version,
      });
      await settle(
        form,
        event,
        answer,
        "correct",
        (saved) => `Correction saved: the event is now version ${saved.version}.`,
      );
    });
    return form;
  }

  function retractForm(event: DeskEvent): HTMLFormElement {
    const prefix = `retract-${event.id}`;
    const form = formShell(
      prefix,
      "Retract this event",
      [
        field(prefix, "reason", "Reason for the retraction", {
          hint: "Required; the event stays, struck through, with it.",
        }),
      ],
      "Retract the event",
    );
    onSubmit(form, async () => {
      const answer = await api("DELETE", `${treatyPath(event.treatyId)}/events/${encodeURIComponent(event.id)}`, {
        body: { reason: value(form, "reason") },
        version: event.version,
      });
      await settle(form, event, answer, "retract", () => "Event retracted; it stays in the history, struck through.");
    });
    return form;
  }

  /**
   * After a correction or retraction: the history as the API now has it. A 412 means someone else
   * changed the event since this page showed it: the new version is shown, what the user typed is
   * kept in the form, and nothing was saved.
   */
  async function settle(
    form: HTMLFormElement,
    event: DeskEvent,
    answer: Answer,
    kind: "correct" | "retract",
    saidOnSuccess: (saved: DeskEvent) => string,
  ): Promise<void> {
    if (answer.ok) {
      await reloadHistory(answer.data as DeskEvent);
      say("announce", saidOnSuccess(answer.data as DeskEvent));
      document.getElementById(`event-${event.id}-title`)?.focus();
      return;
    }
    if (answer.status !== 412) {
      showProblem(form, problemOf(answer));
      return;
    }
    const typed = controls(form).map((control) => [
      control.getAttribute("data-field") ?? "",
      (control as HTMLInputElement).value,
    ]);
    await reloadHistory();
    const fresh = state.events.find((candidate) => candidate.id === event.id);
    const item = document.getElementById(`event-${event.id}`);
    const message = fresh?.retracted
      ? `Someone else retracted this event first (version ${fresh.version}); nothing of yours was saved.`
      : `Someone else changed this event first: it is now version ${fresh ? fresh.version : "unknown"}, shown above. Nothing of yours was saved; what you typed is kept below, so check it against the new version and save again.`;
    const newForm = document.getElementById(`${kind}-${event.id}`) as HTMLFormElement | null;
    if (item && newForm) {
      for (const [name, text] of typed) if (name) setValue(newForm, name, text ?? "");
      const details = item.querySelector("details");
      if (details) details.open = true;
      const general = newForm.querySelector<HTMLElement>(".form-error");
      if (general) {
        general.textContent = message;
        general.focus();
      }
    } else {
      say("announce", message);
      const heading = document.getElementById(`event-${event.id}-title`);
      heading?.focus();
      if (item) item.appendChild(el("p", { class: "form-error", role: "alert", text: message }));
    }
  }

  /**
   * Reads everything again after a write, then makes sure the written version shows: read behind a
   * cache (the CDN keeps reads up to a minute), the history may still hold the version before it.
   */
  async function reloadHistory(written?: DeskEvent): Promise<void> {
    if (state.treaty) await refresh(state.treaty.id);
    if (!written) return;
    const shown = state.events.find((candidate) => candidate.id === written.id);
    if (shown && shown.version >= written.version) return;
    const others = state.events.filter((candidate) => candidate.id !== written.id);
    state.events = [written, ...others].sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
    renderHistory();
  }

  // ---- adding ----------------------------------------------------------------------------------

  function wireAddForm(): void {
    const form = byId<HTMLFormElement>("add-form");
    onSubmit(form, async () => {
      if (!state.treaty) return;
      const body: Record<string, unknown> = {
        date: value(form, "date").trim(),
        type: value(form, "type"),
        title: value(form, "title"),
        sources: readSources(value(form, "sources")),
      };
      if (value(form, "party").trim()) body.party = value(form, "party").trim();
      if (value(form, "description").trim()) body.description = value(form, "description");
      for (const { name } of NOTICE_FIELDS) if (value(form, name).trim()) body[name] = value(form, name).trim();
      const answer = await api("POST", `${treatyPath(state.treaty.id)}/events`, {
        body,
        idempotencyKey: crypto.randomUUID(),
      });
      if (!answer.ok) {
        showProblem(form, problemOf(answer));
        return;
      }
      clearErrors(form);
      form.reset();
      const added = answer.data as DeskEvent;
      await reloadHistory(added);
      say("announce", `Event added: ${added.title} (version ${added.version}).`);
      document.getElementById(`event-${added.id}-title`)?.focus();
    });
  }

  function start(): void {
    showKey();
    onSubmit(byId<HTMLFormElement>("key-form"), async () => {
      const input = byId<HTMLInputElement>("key");
      const key = input.value.trim();
      if (!key) {
        setFieldError(input, "Paste the key first (npm run keys makes one).");
        input.focus();
        return;
      }
      sessionStorage.setItem(KEY_STORAGE, key);
      input.value = "";
      setFieldError(input, "");
      showKey();
    });
    byId("forget-key").addEventListener("click", () => {
      sessionStorage.removeItem(KEY_STORAGE);
      showKey();
    });
    const select = byId<HTMLSelectElement>("treaty");
    select.addEventListener("change", () => {
      void openTreaty(select.value);
    });
    wireAddForm();
    void loadTreaties();
  }

  start();
}
