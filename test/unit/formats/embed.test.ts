import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { TimelineEvent } from "#domain/types";
import { renderEmbed } from "#formats/embed";
import { INF, infEvents, infEventsWithMessySources, infTreaty } from "../../support/inf.ts";

const sentence = "The U.S. withdrawal from the INF Treaty takes effect in 29 days, on Aug. 2, 2019.";

function render(overrides: Partial<Parameters<typeof renderEmbed>[0]> = {}) {
  return renderEmbed({ treaty: infTreaty(), events: infEvents(), sentence, asOf: "2019-07-04", ...overrides });
}

function sha256(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("base64");
}

function inlineBlocks(html: string, tag: "style" | "script"): string[] {
  return [...html.matchAll(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, "g"))].map((match) => match[1] ?? "");
}

describe("embeddable timeline page", () => {
  it("is an HTML5 page in English with a title, a viewport and the treaty as its heading", () => {
    const { html } = render();
    expect(html.startsWith("<!doctype html>\n")).toBe(true);
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(html).toContain("<title>INF Treaty: timeline and countdown</title>");
    expect(html).toContain("<h1>INF Treaty</h1>");
    expect(html).toContain('<h2 id="timeline-heading">Timeline</h2>');
  });

  it("holds everything a reader sees in one main landmark", () => {
    const { html } = render();
    expect(html.match(/<main>/g)).toHaveLength(1);
    const main = html.slice(html.indexOf("<main>"), html.indexOf("</main>"));
    expect(main).toContain("<h1>INF Treaty</h1>");
    expect(main).toContain('class="countdown"');
    expect(main).toContain('<div class="timeline"');
    const body = html.slice(html.indexOf("<body>") + 6, html.indexOf("</body>")).trim();
    expect(
      body
        .replace(/<main>[\s\S]*<\/main>/, "")
        .replace(/<script>[\s\S]*<\/script>/, "")
        .trim(),
    ).toBe("");
  });

  it("puts the countdown sentence up front as a status", () => {
    const { html } = render();
    expect(html).toContain(`<p class="countdown" role="status">${sentence}</p>`);
    expect(html.indexOf('role="status"')).toBeLessThan(html.indexOf("<ol>"));
    expect(html).toContain('As of <time datetime="2019-07-04">July 4, 2019</time>');
  });

  it("lists the events oldest first, each with its date, title and linked sources", () => {
    const { html } = render({ events: infEventsWithMessySources() });
    const ids = [...html.matchAll(/<li id="(event-[^"]+)"/g)].map((match) => match[1]);
    expect(ids).toEqual([INF.force, INF.elimination, INF.notice, INF.effective].map((id) => `event-${id}`));
    expect(html).toContain('<time datetime="1991-05">May 1991</time>');
    expect(html).toContain('<time datetime="2019-02-02">Feb. 2, 2019</time> · Withdrawal notice');
    expect(html).toContain("<h3>U.S. delivers formal notice of withdrawal to Russia</h3>");
    expect(html).toContain(
      '<a href="https://www.example.org/news/inf-notice?a=1&amp;b=2" rel="noopener noreferrer" target="_blank">Example News',
    );
    expect(html).not.toContain("javascript:");
  });

  it("opens at the event nearest the as-of date", () => {
    const { html } = render({ asOf: "2019-07-04" });
    expect(html).toContain(`<li id="event-${INF.effective}" class="event current" aria-current="date">`);
    expect(html.match(/aria-current/g)).toHaveLength(1);
    expect(html).toContain(`data-current="event-${INF.effective}"`);
    const early = render({ asOf: "1991-06-10" }).html;
    expect(early).toContain(`<li id="event-${INF.elimination}" class="event current" aria-current="date">`);
  });

  it("opens at the event the caller names", () => {
    const { html } = render({ nearestEventId: INF.notice });
    expect(html).toContain(`<li id="event-${INF.notice}" class="event current" aria-current="date">`);
  });

  it("shows an event titled <script>alert(1)</script> as text", () => {
    const hostile: TimelineEvent = {
      id: 'x"><script>alert(0)</script>',
      treatyId: "inf",
      date: "2019-07-01",
      type: "statement",
      title: "<script>alert(1)</script>",
      description: "<img src=x onerror=alert(2)>",
      sources: [{ url: "https://example.org/", title: "</a><script>alert(3)</script>" }],
    };
    const { html } = render({ events: [hostile], sentence: "<script>alert(4)</script>", lang: '"><script>' });
    expect(html).toContain("<h3>&lt;script&gt;alert(1)&lt;/script&gt;</h3>");
    expect(html).toContain("&lt;img src=x onerror=alert(2)&gt;");
    expect(html).toContain('id="event-x&quot;&gt;&lt;script&gt;alert(0)&lt;/script&gt;"');
    expect(html).toContain('<html lang="en">');
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html).not.toContain("<img");
  });

  it("loads nothing from elsewhere: no external scripts, stylesheets or URLs in the style", () => {
    const { html } = render();
    expect(html).not.toMatch(/<script[^>]*\ssrc/i);
    expect(html).not.toMatch(/<link/i);
    const [style = ""] = inlineBlocks(html, "style");
    expect(style).not.toMatch(/http|url\(|@import|@font-face/i);
  });

  it("is readable from 320 px wide with visible keyboard focus and underlined links", () => {
    const [style = ""] = inlineBlocks(render().html, "style");
    expect(style).toContain("overflow-wrap:anywhere");
    expect(style).toContain("max-width:48rem");
    expect(style).toContain(":focus-visible{outline:3px solid");
    expect(style).toContain("a{color:var(--link);text-decoration:underline}");
    expect(style).toContain("system-ui");
    expect(render().html).toContain('class="timeline" tabindex="0" role="region" aria-labelledby="timeline-heading"');
  });

  it("sends a CSP whose hashes match the inline style and script", () => {
    const { html, contentSecurityPolicy } = render();
    const [style] = inlineBlocks(html, "style");
    const [script] = inlineBlocks(html, "script");
    expect(style).toBeDefined();
    expect(script).toBeDefined();
    expect(contentSecurityPolicy).toContain(`style-src 'sha256-${sha256(style ?? "")}'`);
    expect(contentSecurityPolicy).toContain(`script-src 'sha256-${sha256(script ?? "")}'`);
    expect(contentSecurityPolicy).toMatch(/^default-src 'none'; /);
    expect(contentSecurityPolicy).toContain("base-uri 'none'; form-action 'none'; frame-ancestors *");
  });

  it("keeps the same CSP for every treaty, so the header can be fixed", () => {
    const other = render({ treaty: { ...infTreaty(), shortName: "New START" }, events: [] });
    expect(other.contentSecurityPolicy).toBe(render().contentSecurityPolicy);
    expect(other.html).toContain("No events are recorded yet.");
  });

  it("uses the language it is given", () => {
    expect(render({ lang: "de-CH" }).html).toContain('<html lang="de-CH">');
  });
});
