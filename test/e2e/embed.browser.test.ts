import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { axeSource, axeVersion, chromiumPath, LAUNCH_ARGS, REPORT_CSP_VIOLATIONS } from "../support/browser.ts";
import { givenEvent, givenTreaty } from "../support/fixtures.ts";

/**
 * The embed page in a real headless browser: Debian's chromium driven by playwright-core,
 * against the API the global setup started. No browser is ever downloaded.
 */
const base = inject("apiUrl");

const INF_EMBED = `${base}/treaties/inf/embed?asOf=2019-07-04`;

interface Watched {
  page: Page;
  /** Console errors, uncaught exceptions and CSP violations, in the order they happened. */
  problems: string[];
  dialogs: string[];
}

describe.skipIf(!chromiumPath)("the embed page in headless chromium", () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: chromiumPath, args: LAUNCH_ARGS, timeout: 30_000 });
  });

  afterAll(async () => {
    await browser?.close();
  });

  async function open(url: string, width: number): Promise<Watched> {
    const context = await browser.newContext({ viewport: { width, height: 800 } });
    const page = await context.newPage();
    const problems: string[] = [];
    const dialogs: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error") problems.push(`console: ${message.text()}`);
    });
    page.on("pageerror", (error) => problems.push(`pageerror: ${error.message}`));
    page.on("dialog", async (dialog) => {
      dialogs.push(dialog.message());
      await dialog.dismiss();
    });
    // Runs outside the page's CSP, so it reports what the policy blocks without being blocked itself.
    await page.addInitScript({ content: REPORT_CSP_VIOLATIONS });
    const response = await page.goto(url, { waitUntil: "load" });
    expect(response?.status()).toBe(200);
    return { page, problems, dialogs };
  }

  for (const width of [320, 1280]) {
    it(`shows the INF countdown and the whole timeline at ${width} px, with no errors or CSP violations`, async () => {
      const { page, problems } = await open(INF_EMBED, width);
      await expect
        .poll(() => page.getByRole("status").textContent())
        .toContain("takes effect in 29 days, on Aug. 2, 2019");
      await page.screenshot({ path: `/tmp/embed-${width}.png` });
      expect(await page.getByText("takes effect in 29 days, on Aug. 2, 2019").isVisible()).toBe(true);
      expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("INF Treaty");
      expect(await page.getByRole("heading", { level: 2, name: "Timeline" }).isVisible()).toBe(true);
      const first = page.locator("#event-inf-1987-12-08-signed");
      const last = page.locator("#event-inf-2019-08-02-us-withdrawal-effective");
      expect(await first.getByRole("heading", { level: 3 }).textContent()).toBe(
        "Reagan and Gorbachev sign the INF Treaty in Washington",
      );
      expect(await last.getByRole("heading", { level: 3 }).textContent()).toBe(
        "U.S. withdrawal takes effect and the INF Treaty ends",
      );
      expect(await first.isVisible()).toBe(true);
      expect(await last.isVisible()).toBe(true);
      expect(await page.locator("li.event").count()).toBe(17);
      // Opened at the event nearest 4 July 2019: the timeline scrolled its heading into view.
      const current = page.locator(".event.current");
      expect(await current.getAttribute("id")).toBe("event-inf-2019-07-04-putin-corriere-interview");
      const [heading, region] = await Promise.all([
        current.getByRole("heading", { level: 3 }).boundingBox(),
        page.locator(".timeline").boundingBox(),
      ]);
      expect(heading && region && heading.y >= region.y && heading.y + heading.height <= region.y + region.height).toBe(
        true,
      );
      if (width === 320) {
        const scrollWidth = await page.evaluate<number>("document.documentElement.scrollWidth");
        expect(scrollWidth).toBeLessThanOrEqual(320);
      }
      expect(problems).toEqual([]);
      await page.context().close();
    }, 30_000);
  }

  for (const colorScheme of ["light", "dark"] as const) {
    it(`passes axe-core with no violation at 320 and 1280 px, ${colorScheme} scheme`, async () => {
      for (const width of [320, 1280]) {
        // axe is injected as a script, which the page's CSP rightly refuses; this context lets it in.
        const context = await browser.newContext({ viewport: { width, height: 800 }, bypassCSP: true, colorScheme });
        const page = await context.newPage();
        expect((await page.goto(INF_EMBED, { waitUntil: "load" }))?.status()).toBe(200);
        await page.addScriptTag({ content: axeSource });
        const results = await page.evaluate<{ violations: Array<{ id: string; help: string; nodes: unknown[] }> }>(
          "axe.run(document, { resultTypes: ['violations'] })",
        );
        const violations = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`);
        console.log(
          `axe-core ${axeVersion} on the INF embed at ${width} px, ${colorScheme}: ${violations.length} violations`,
        );
        expect(violations).toEqual([]);
        await context.close();
      }
    }, 60_000);
  }

  it("shows the Ottawa embed in French: the page says lang=fr, the sentence names all three Baltic exits", async () => {
    const { page, problems } = await open(`${base}/treaties/ottawa/embed?asOf=2025-08-01&lang=fr`, 320);
    expect(await page.evaluate<string>("document.documentElement.lang")).toBe("fr");
    expect(await page.getByRole("status").textContent()).toBe(
      "Les retraits de l'Estonie, de la Lettonie et de la Lituanie de la convention d'Ottawa sur les mines antipersonnel prendront effet dans 148 jours, le 27 décembre 2025, les trois premiers de quatre retraits en attente.",
    );
    expect(await page.getByRole("heading", { level: 2, name: "Chronologie" }).isVisible()).toBe(true);
    // The stored timeline is English, and says so to screen readers and translators.
    expect(await page.locator(".timeline").getAttribute("lang")).toBe("en");
    expect(problems).toEqual([]);
    await page.context().close();
  }, 30_000);

  it("shows an event titled <script>alert(1)</script> as text and never runs it", async () => {
    const treatyId = await givenTreaty();
    await givenEvent(treatyId, { date: "2019-02-02", type: "withdrawal_notice", party: "US" });
    await givenEvent(treatyId, { date: "2019-03-01", type: "statement", title: "<script>alert(1)</script>" });
    const { page, problems, dialogs } = await open(`${base}/treaties/${treatyId}/embed?asOf=2019-07-04`, 320);
    expect(await page.getByText("<script>alert(1)</script>").isVisible()).toBe(true);
    expect(await page.getByText("takes effect in 29 days, on Aug. 2, 2019").isVisible()).toBe(true);
    // Give any injected script the chance to fire before declaring that none did.
    await page.waitForTimeout(200);
    expect(dialogs).toEqual([]);
    expect(problems).toEqual([]);
    await page.context().close();
  }, 30_000);
});
