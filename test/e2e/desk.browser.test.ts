import { mkdirSync } from "node:fs";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { axeSource, axeVersion, chromiumPath, LAUNCH_ARGS, REPORT_CSP_VIOLATIONS } from "../support/browser.ts";
import { treatyInput, uniqueId } from "../support/lambda.ts";

/**
 * The desk (GET /desk) in Debian's headless chromium, driven by playwright-core against the API the
 * global setup started (the bundled, minified functions serverless-offline serves). A producer works
 * a fresh treaty by keyboard: refusals, an event added, corrected, a race lost on a stale version,
 * the event retracted; after each step the API's own /history and /corrections, read with plain
 * fetch, show the change. Markup typed into any field stays text. axe-core finds no serious or
 * critical violation; the page fits 320 px. Screenshots at 320 and 1280 px of the seeded INF treaty
 * go to test/e2e/screenshots/ (the same data each run, so they change only when the page does).
 */
const base = inject("apiUrl");
const key = inject("apiKey");
const SCREENSHOTS = new URL("./screenshots/", import.meta.url);
const SCREENSHOT_HEIGHT = 2400;

const HOSTILE = '<script>window.ranHostile=1</script><img src=x onerror="window.ranHostile=2">';

// biome-ignore lint/suspicious/noExplicitAny: the test reads the API's answers loosely and asserts on them
type Json = any;

async function apiJson(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { "content-type": "application/json", "x-api-key": key, ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Json };
}

const historyOf = async (treatyId: string): Promise<Json[]> =>
  (await apiJson("GET", `/treaties/${treatyId}/history?limit=200`)).body.events;

/** Every correction and retraction of one event, from the public corrections listing. */
async function correctionsOf(eventId: string): Promise<Json[]> {
  const found: Json[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 20; page++) {
    const answer = await apiJson("GET", `/corrections?limit=100${cursor ? `&cursor=${cursor}` : ""}`);
    found.push(...answer.body.corrections.filter((entry: Json) => entry.eventId === eventId));
    cursor = answer.body.nextCursor;
    if (!cursor) break;
  }
  return found;
}

const isoDaysFromToday = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: unknown[];
}

describe.skipIf(!chromiumPath)("the desk in headless chromium", () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: chromiumPath, args: LAUNCH_ARGS, timeout: 30_000 });
  });

  afterAll(async () => {
    await browser?.close();
  });

  async function open(
    width: number,
    options: { hash?: string; colorScheme?: "light" | "dark"; clipboard?: boolean; clipboardRefuses?: boolean } = {},
  ): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
    const context = await browser.newContext({
      viewport: { width, height: 900 },
      colorScheme: options.colorScheme ?? "light",
      ...(options.clipboard ? { permissions: ["clipboard-read", "clipboard-write"] } : {}),
    });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on("console", (message) => {
      // Chromium logs every 4xx answer to fetch; those refusals are what the test provokes.
      if (message.type() === "error" && !/status of 4\d\d/.test(message.text())) problems.push(message.text());
    });
    page.on("pageerror", (error) => problems.push(`pageerror: ${error.message}`));
    page.on("dialog", async (dialog) => {
      problems.push(`dialog: ${dialog.message()}`);
      await dialog.dismiss();
    });
    await page.addInitScript({ content: REPORT_CSP_VIOLATIONS });
    if (options.clipboardRefuses) {
      // As a browser does without the permission or outside a secure context: the page must fall back.
      await page.addInitScript({
        content: `Object.defineProperty(navigator, "clipboard", { value: { writeText: () => Promise.reject(new Error("refused")) } });`,
      });
    }
    const response = await page.goto(`${base}/desk${options.hash ? `#${options.hash}` : ""}`, { waitUntil: "load" });
    expect(response?.status()).toBe(200);
    const csp = response?.headers()["content-security-policy"] ?? "";
    expect(csp).toContain("default-src 'none'");
    expect(csp).toMatch(/script-src 'sha256-[A-Za-z0-9+/=]+'(;|$)/);
    expect(csp).not.toContain("unsafe-inline");
    return { context, page, problems };
  }

  /** axe-core's serious and critical violations, injected through DevTools so the page's CSP does not stop it. */
  async function axeViolations(page: Page, what: string): Promise<string[]> {
    await page.evaluate(axeSource);
    const result = await page.evaluate<{ violations: Violation[] }>(
      "axe.run(document, { resultTypes: ['violations'] })",
    );
    const all = result.violations.map((v) => `${v.impact}: ${v.id}: ${v.help} (${v.nodes.length})`);
    console.log(`axe-core ${axeVersion} on the desk, ${what}: ${all.length} violations${all.length ? `: ${all}` : ""}`);
    return result.violations
      .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
      .map((v) => `${v.id}: ${v.help}`);
  }

  /** Focuses a field and replaces its text by typing, as a keyboard user would. */
  async function typeInto(page: Page, selector: string, text: string) {
    await page.focus(selector);
    await page.keyboard.press("ControlOrMeta+A");
    await page.keyboard.press("Delete");
    if (text) await page.keyboard.type(text);
  }

  /** Submits a form by pressing Enter on its submit button. */
  async function submit(page: Page, form: string) {
    await page.focus(`${form} button[type=submit]`);
    await page.keyboard.press("Enter");
  }

  /** A control's error note: the element its aria-describedby names, which the page fills with the API's message. */
  async function errorBeside(page: Page, selector: string): Promise<string> {
    const ids = ((await page.getAttribute(selector, "aria-describedby")) ?? "").split(" ");
    const id = ids.find((candidate) => candidate.endsWith("-error"));
    expect(id, `${selector} names no error note`).toBeDefined();
    return (await page.textContent(`#${id}`)) ?? "";
  }

  it("adds, corrects, loses a race on a stale version and retracts an event; /history and /corrections show each step", async () => {
    const treatyId = uniqueId("desk");
    expect((await apiJson("POST", "/treaties", treatyInput(treatyId, { shortName: "Desk Treaty" }))).status).toBe(201);
    const { context, page, problems } = await open(1280, { clipboard: true });

    // Pick the treaty.
    await page.waitForSelector(`#treaty option[value="${treatyId}"]`, { state: "attached" });
    await page.focus("#treaty");
    await page.selectOption("#treaty", treatyId);
    await page.waitForSelector("#desk:not([hidden])");
    expect(await page.textContent("#sentence")).toBe("No withdrawal from the Desk Treaty is pending.");
    expect(page.url()).toBe(`${base}/desk#${treatyId}`);

    // Without a key the API refuses the write, and the page says so beside the key field.
    const noticeDate = isoDaysFromToday(-10);
    await typeInto(page, "#add-date", noticeDate);
    await page.selectOption("#add-type", "withdrawal_notice");
    await typeInto(page, "#add-party", "US");
    await typeInto(page, "#add-title", HOSTILE);
    await typeInto(page, "#add-description", `Description with ${HOSTILE}`);
    await typeInto(page, "#add-sources", "https://example.org/notice Note <b>verbale</b>\nhttps://example.org/second");
    await submit(page, "#add-form");
    await expect.poll(() => errorBeside(page, "#key")).toContain("needs an API key");
    expect(await page.getAttribute("#key", "aria-invalid")).toBe("true");
    expect(await historyOf(treatyId)).toEqual([]);

    // The key, pasted once, lives in this tab's sessionStorage: not in the URL, a cookie or localStorage.
    await typeInto(page, "#key", key);
    await page.keyboard.press("Enter");
    await expect.poll(() => page.textContent("#key-status")).toBe("A key is set for this tab.");
    expect(await page.evaluate("sessionStorage.getItem('treaty-clock-api-key')")).toBe(key);
    expect(await page.evaluate("localStorage.length")).toBe(0);
    expect((await context.cookies()).length).toBe(0);
    expect(page.url()).not.toContain(key);
    expect(await page.inputValue("#key")).toBe("");

    // Refusals: each of the API's field messages beside the field it names, the field marked invalid.
    await typeInto(page, "#add-date", "2019-02-30");
    await typeInto(page, "#add-party", "XX");
    await typeInto(page, "#add-sources", "not a url");
    await submit(page, "#add-form");
    const refused = await apiJson("POST", `/treaties/${treatyId}/events`, {
      date: "2019-02-30",
      type: "withdrawal_notice",
      party: "XX",
      title: HOSTILE,
      description: `Description with ${HOSTILE}`,
      sources: [{ url: "not", title: "a url" }],
    });
    expect(refused.status).toBe(400);
    const dateMessage = refused.body.errors.find((error: Json) => error.path === "date").message;
    await expect.poll(() => errorBeside(page, "#add-date")).toBe(dateMessage);
    expect(await page.getAttribute("#add-date", "aria-invalid")).toBe("true");
    expect(await errorBeside(page, "#add-sources")).toMatch(/^Line 1: must be an http or https URL/);
    expect(await page.getAttribute("#add-sources", "aria-invalid")).toBe("true");
    expect(await page.textContent("#add-form .form-error")).toContain(refused.body.detail);
    expect(await axeViolations(page, "1280 px, a refused form")).toEqual([]);

    // A party the treaty does not have: the domain's 422 names the party field too.
    await typeInto(page, "#add-date", noticeDate);
    await typeInto(page, "#add-sources", "https://example.org/notice Note <b>verbale</b>\nhttps://example.org/second");
    await submit(page, "#add-form");
    await expect
      .poll(() => errorBeside(page, "#add-party"))
      .toBe('Desk Treaty has no party "XX"; its parties are US, RU.');
    expect(await page.getAttribute("#add-date", "aria-invalid")).toBeNull();
    expect(await historyOf(treatyId)).toEqual([]);

    // Added: markup in the title, description and a source's title shows as text and never runs.
    await typeInto(page, "#add-party", "US");
    await submit(page, "#add-form");
    await page.waitForSelector("#history .event");
    const [added] = await historyOf(treatyId);
    expect(added).toMatchObject({
      title: HOSTILE,
      description: `Description with ${HOSTILE}`,
      version: 1,
      sources: [
        { url: "https://example.org/notice", title: "Note <b>verbale</b>" },
        { url: "https://example.org/second" },
      ],
    });
    const item = `#event-${added.id}`;
    expect(await page.textContent(`${item} h3`)).toBe(HOSTILE);
    expect(await page.textContent(`${item} .description`)).toBe(`Description with ${HOSTILE}`);
    expect(await page.locator(`${item} .sources a`).allTextContents()).toEqual([
      "Note <b>verbale</b>",
      "https://example.org/second",
    ]);
    expect(await page.locator("#history script, #history img, #history b").count()).toBe(0);
    expect(await page.evaluate("window.ranHostile")).toBeUndefined();
    expect(await page.textContent(`${item} .meta`)).toContain("version 1");
    expect(await page.inputValue("#add-title")).toBe("");
    expect(await correctionsOf(added.id)).toEqual([]);
    // Its deadline, with the basis, is among the next ones.
    expect(await page.textContent("#deadlines")).toContain("Article XV(2)");
    expect(await page.textContent("#deadlines")).toContain("Withdrawal effective (US)");

    // Correct it: the reason is required (the API's message beside the reason), and If-Match carries version 1.
    const correct = `#correct-${added.id}`;
    await page.focus(`${item} summary`);
    await page.keyboard.press("Enter");
    await typeInto(page, `${correct}-title`, "The U.S. gives notice");
    await submit(page, correct);
    await expect
      .poll(() => errorBeside(page, `${correct}-reason`))
      .toBe("must not be empty: say why the record changes");
    expect(await page.getAttribute(`${correct}-reason`, "aria-invalid")).toBe("true");
    await typeInto(page, `${correct}-reason`, `Title cleaned up ${HOSTILE}`);
    await submit(page, correct);
    await expect.poll(() => page.textContent(`${item} .meta`)).toContain("version 2");
    expect(await page.textContent(`${item} h3`)).toBe("The U.S. gives notice");
    expect(await page.textContent("#announce")).toBe("Correction saved: the event is now version 2.");
    expect((await historyOf(treatyId))[0]).toMatchObject({ title: "The U.S. gives notice", version: 2 });
    expect(await correctionsOf(added.id)).toMatchObject([
      { kind: "correction", fromVersion: 1, toVersion: 2, reason: `Title cleaned up ${HOSTILE}` },
    ]);

    // Someone else corrects it behind the page's back; the page, still at version 2, loses the race.
    const elsewhere = await apiJson(
      "PATCH",
      `/treaties/${treatyId}/events/${added.id}`,
      { title: "Changed elsewhere", reason: "Another producer." },
      { "if-match": '"2"' },
    );
    expect(elsewhere.status).toBe(200);
    await page.focus(`${item} summary`);
    await page.keyboard.press("Enter");
    await typeInto(page, `${correct}-title`, "My late change");
    await typeInto(page, `${correct}-reason`, "Too late.");
    await submit(page, correct);
    await expect
      .poll(() => page.textContent(`${correct} .form-error`))
      .toContain("Someone else changed this event first: it is now version 3");
    expect(await page.textContent(`${item} h3`)).toBe("Changed elsewhere");
    expect(await page.textContent(`${item} .meta`)).toContain("version 3");
    expect(await page.textContent(`${correct} legend`)).toBe("Correct this event (version 3)");
    expect(await page.inputValue(`${correct}-title`)).toBe("My late change");
    expect(await page.evaluate("document.activeElement.className")).toBe("form-error");
    expect((await historyOf(treatyId))[0]).toMatchObject({ title: "Changed elsewhere", version: 3 });
    expect((await correctionsOf(added.id)).map((entry) => entry.toVersion).sort()).toEqual([2, 3]);

    // Retract it with a reason: struck through, the reason shown, still in the history.
    const retract = `#retract-${added.id}`;
    await submit(page, retract);
    await expect
      .poll(() => errorBeside(page, `${retract}-reason`))
      .toBe("must not be empty: say why the record changes");
    await typeInto(page, `${retract}-reason`, `Never sent ${HOSTILE}`);
    await submit(page, retract);
    await page.waitForSelector(`${item} h3 del`);
    expect(await page.textContent(`${item} h3 del`)).toBe("Changed elsewhere");
    expect(await page.textContent(`${item} .retracted`)).toMatch(new RegExp(`: Never sent ${escapeRegExp(HOSTILE)}$`));
    expect(await page.locator(`${item} form`).count()).toBe(0);
    expect((await historyOf(treatyId))[0]).toMatchObject({
      retracted: { reason: `Never sent ${HOSTILE}` },
      version: 4,
    });
    expect((await correctionsOf(added.id)).map((entry) => entry.kind).sort()).toEqual([
      "correction",
      "correction",
      "retraction",
    ]);
    expect(await page.evaluate("window.ranHostile")).toBeUndefined();

    // Copy buttons: the clipboard holds the sentence, the embed code the API's oEmbed gives, and the calendar link.
    const oembed = await apiJson("GET", `/oembed?url=${encodeURIComponent(`${base}/treaties/${treatyId}/embed`)}`);
    const copies: Array<[string, string]> = [
      ["sentence", (await page.textContent("#sentence")) ?? "?"],
      ["embed", oembed.body.html],
      ["calendar", `${base}/treaties/${treatyId}/calendar.ics`],
    ];
    for (const [name, expected] of copies) {
      await page.focus(`#copy-${name}-button`);
      await page.keyboard.press("Enter");
      await expect.poll(() => page.textContent("#copy-status")).toMatch(/^Copied the /);
      expect(await page.evaluate("navigator.clipboard.readText()")).toBe(expected);
      await page.evaluate("document.getElementById('copy-status').textContent = ''");
    }
    expect(oembed.body.html).toMatch(/^<iframe src="[^"]+\/embed"/);

    expect(await axeViolations(page, "1280 px, after the workflow")).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  }, 120_000);

  it("records when a notice was received, corrects and clears it, and refuses an impossible date beside its field", async () => {
    const treatyId = uniqueId("desk-notice");
    expect((await apiJson("POST", "/treaties", treatyInput(treatyId, { shortName: "Notice Treaty" }))).status).toBe(
      201,
    );
    const { page, problems, context } = await open(1280);
    await typeInto(page, "#key", key);
    await page.keyboard.press("Enter");
    await page.waitForSelector(`#treaty option[value="${treatyId}"]`, { state: "attached" });
    await page.selectOption("#treaty", treatyId);
    await page.waitForSelector("#desk:not([hidden])");

    const noticeDate = isoDaysFromToday(-10);
    const notice = {
      date: noticeDate,
      type: "withdrawal_notice",
      party: "US",
      title: "The U.S. gives notice",
      sources: [{ url: "https://example.org/notice" }],
    };
    await typeInto(page, "#add-date", notice.date);
    await page.selectOption("#add-type", notice.type);
    await typeInto(page, "#add-party", notice.party);
    await typeInto(page, "#add-title", notice.title);
    await typeInto(page, "#add-sources", notice.sources[0]?.url ?? "");

    // An impossible receipt date: the API's own message beside the field, nothing stored.
    await typeInto(page, "#add-receivedOn", "2019-02-30");
    await submit(page, "#add-form");
    const refused = await apiJson("POST", `/treaties/${treatyId}/events`, { ...notice, receivedOn: "2019-02-30" });
    expect(refused.status).toBe(400);
    const messages = refused.body.errors
      .filter((error: Json) => error.path === "receivedOn")
      .map((error: Json) => error.message);
    expect(messages).toEqual(["2019-02-30 is not a date: February 2019 has 28 days."]);
    await expect.poll(() => errorBeside(page, "#add-receivedOn")).toBe(messages[0]);
    expect(await page.getAttribute("#add-receivedOn", "aria-invalid")).toBe("true");
    expect(await historyOf(treatyId)).toEqual([]);

    // Received two days after it was sent: stored with the event and shown in the history.
    const received = isoDaysFromToday(-8);
    await typeInto(page, "#add-receivedOn", received);
    await submit(page, "#add-form");
    await page.waitForSelector("#history .event .notice");
    const [added] = await historyOf(treatyId);
    expect(added).toMatchObject({ ...notice, receivedOn: received, version: 1 });
    expect(added.effectiveOn).toBeUndefined();
    const item = `#event-${added.id}`;
    expect(await page.textContent(`${item} .notice`)).toBe(`received ${received}`);

    // The correction form offers the same three dates, in the add form's words, with the stored one filled in.
    const correct = `#correct-${added.id}`;
    await page.focus(`${item} summary`);
    await page.keyboard.press("Enter");
    for (const name of ["receivedOn", "effectiveOn", "claimedEffectiveOn"]) {
      const words = async (form: string) => [
        await page.textContent(`label[for="${form}-${name}"]`),
        await page.textContent(`#${form}-${name}-hint`),
      ];
      expect(await words(correct.slice(1))).toEqual(await words("add"));
    }
    expect(await page.inputValue(`${correct}-receivedOn`)).toBe(received);

    const corrected = isoDaysFromToday(-7);
    await typeInto(page, `${correct}-receivedOn`, corrected);
    await typeInto(page, `${correct}-reason`, "The depositary's note gives the later date.");
    await submit(page, correct);
    await expect.poll(() => page.textContent(`${item} .notice`)).toBe(`received ${corrected}`);
    expect((await historyOf(treatyId))[0]).toMatchObject({ receivedOn: corrected, version: 2 });

    // Cleared: the correction removes the date.
    await page.focus(`${item} summary`);
    await page.keyboard.press("Enter");
    await typeInto(page, `${correct}-receivedOn`, "");
    await typeInto(page, `${correct}-reason`, "Receipt not confirmed.");
    await submit(page, correct);
    await expect.poll(async () => (await historyOf(treatyId))[0]?.version).toBe(3);
    expect((await historyOf(treatyId))[0].receivedOn).toBeUndefined();
    await expect.poll(() => page.locator(`${item} .notice`).count()).toBe(0);
    expect((await correctionsOf(added.id)).map((entry) => entry.reason).sort()).toEqual([
      "Receipt not confirmed.",
      "The depositary's note gives the later date.",
    ]);

    expect(await axeViolations(page, "1280 px, notice details")).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  }, 90_000);

  for (const width of [320, 1280]) {
    it(`shows INF at ${width} px from a #inf link, keyboard-reachable with visible focus, no axe violation in either scheme`, async () => {
      const { context, page, problems } = await open(width, { hash: "inf" });
      await page.waitForSelector("#event-inf-1987-12-08-signed");
      expect(await page.inputValue("#treaty")).toBe("inf");
      expect(await page.textContent("#sentence")).toBe(
        "The INF Treaty ended on Aug. 2, 2019, when the U.S. withdrawal took effect.",
      );
      expect(await page.locator("#history > li.event").count()).toBe(17);
      expect(await page.evaluate<number>("document.documentElement.scrollWidth")).toBeLessThanOrEqual(width);

      // Keyboard alone: Tab walks the controls in order, each with a visible focus ring.
      const walk: string[] = [];
      for (let i = 0; i < 21; i++) {
        await page.keyboard.press("Tab");
        const focused = await page.evaluate<{ what: string; outline: string }>(`(() => {
          const el = document.activeElement;
          const style = getComputedStyle(el);
          return { what: el.id || el.tagName.toLowerCase(), outline: style.outlineStyle + " " + style.outlineWidth };
        })()`);
        expect(focused.outline, `focus ring on ${focused.what}`).toMatch(/^solid [3-9]px$/);
        walk.push(focused.what);
      }
      expect(walk).toEqual([
        "key",
        "key-submit",
        "forget-key",
        "treaty",
        "copy-sentence",
        "copy-sentence-button",
        "copy-embed",
        "copy-embed-button",
        "copy-calendar",
        "copy-calendar-button",
        "add-date",
        "add-type",
        "add-party",
        "add-title",
        "add-description",
        "add-sources",
        "add-receivedOn",
        "add-effectiveOn",
        "add-claimedEffectiveOn",
        "add-submit",
        "a",
      ]);

      await page.evaluate("document.activeElement.blur(); window.scrollTo(0, 0)");
      mkdirSync(SCREENSHOTS, { recursive: true });
      await page.screenshot({
        path: new URL(`desk-${width}.png`, SCREENSHOTS).pathname,
        // The page from its top through the add form and the first events: the whole of INF's history
        // would make a file of a megabyte for little more to see.
        fullPage: true,
        clip: {
          x: 0,
          y: 0,
          width,
          height: Math.min(SCREENSHOT_HEIGHT, await page.evaluate<number>("document.body.scrollHeight")),
        },
        // The API's port changes from run to run; it shows in these two fields only.
        mask: [page.locator("#copy-embed"), page.locator("#copy-calendar")],
        animations: "disabled",
        caret: "hide",
      });
      expect(await axeViolations(page, `${width} px, light`)).toEqual([]);
      expect(problems).toEqual([]);
      await context.close();

      const dark = await open(width, { hash: "inf", colorScheme: "dark", clipboardRefuses: true });
      await dark.page.waitForSelector("#event-inf-1987-12-08-signed");
      // Without the clipboard API the link is selected and copied the old way, or left selected to copy by hand.
      await dark.page.focus("#copy-calendar-button");
      await dark.page.keyboard.press("Enter");
      await expect
        .poll(() => dark.page.textContent("#copy-status"))
        .toMatch(/^(Copied the calendar link\.|Selected the calendar link: press Ctrl\+C to copy\.)$/);
      expect(
        await dark.page.evaluate<boolean>(
          `(() => { const box = document.getElementById("copy-calendar"); return document.activeElement === box && box.selectionStart === 0 && box.selectionEnd === box.value.length; })()`,
        ),
      ).toBe(true);
      await dark.page.focus("#event-inf-1987-12-08-signed summary");
      await dark.page.keyboard.press("Enter");
      expect(await axeViolations(dark.page, `${width} px, dark, a correction form open`)).toEqual([]);
      expect(dark.problems).toEqual([]);
      await dark.context.close();
    }, 90_000);
  }
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
