import { extract } from "@extractus/oembed-extractor";
import { describe, expect, inject, it } from "vitest";
import { apiClient } from "../client/index.ts";

/**
 * oEmbed as a CMS sees it: an oEmbed consumer library (@extractus/oembed-extractor) that knows
 * nothing of treaty-clock is handed an embed page's URL, finds the endpoint through the page's
 * discovery link and reads the answer. Its fetcher reaches loopback only.
 */
const base = inject("apiUrl");

const loopbackOnly = (url: string | URL | Request): Promise<Response> => {
  const target = new URL(url instanceof Request ? url.url : url);
  if (!["127.0.0.1", "localhost", "[::1]"].includes(target.hostname)) {
    return Promise.reject(new Error(`refused to leave loopback for ${target.href}`));
  }
  return fetch(target);
};

interface Problem {
  status: number;
  detail: string;
  errors?: Array<{ path: string; message: string }>;
}

describe("oEmbed for the embed page", () => {
  it("lets an oEmbed consumer discover the INF countdown from the embed URL and get one iframe of it", async () => {
    const embedUrl = `${base}/treaties/inf/embed?asOf=2019-07-04`;
    const oembed = await extract(embedUrl, { maxwidth: 480, maxheight: 900 }, loopbackOnly as typeof fetch);
    const answer = {
      type: "rich",
      version: "1.0",
      title: "INF Treaty: timeline and countdown",
      provider_name: "treaty-clock",
      provider_url: base,
      cache_age: 86400,
      width: 480,
      height: 600,
    };
    expect(oembed).toMatchObject({ method: "auto-discovery", ...answer });
    const html = (oembed as unknown as { html: string }).html;
    expect(html).toBe(
      `<iframe src="${embedUrl}" title="INF Treaty: timeline and countdown" width="480" height="600" frameborder="0" loading="lazy"></iframe>`,
    );
    // The same answer through the typed client, held to the document's OembedRich.
    const typed = await apiClient(base).GET("/oembed", {
      params: { query: { url: embedUrl, maxwidth: "480", maxheight: "900" } },
    });
    expect(typed.data).toEqual({ ...answer, html });
    // The iframe shows the very page the consumer started from.
    const page = await fetch(embedUrl);
    expect(page.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(await page.text()).toContain("takes effect in 29 days, on Aug. 2, 2019.");
  });

  it("keeps the embed page's strict CSP while announcing the endpoint", async () => {
    const response = await fetch(`${base}/treaties/inf/embed?party=US&asOf=2019-07-04`);
    const csp = response.headers.get("content-security-policy") ?? "";
    expect(csp.split("; ")).toEqual(expect.arrayContaining(["default-src 'none'", "base-uri 'none'"]));
    const html = await response.text();
    const href = /<link rel="alternate" type="application\/json\+oembed" href="([^"]+)"/.exec(html)?.[1];
    expect(href?.replaceAll("&amp;", "&")).toBe(
      `${base}/oembed?${new URLSearchParams({ url: `${base}/treaties/inf/embed?asOf=2019-07-04&party=US`, format: "json" })}`,
    );
  });

  it("answers 404 for a URL that is not one of this API's embed pages", async () => {
    for (const url of [
      "https://example.com/treaties/inf/embed",
      `${base}/treaties/inf/history`,
      `${base}/treaties/no-such-treaty/embed`,
      `${base}/treaties/inf/embed?asOf=yesterday`,
      `${base}/treaties/inf/embed?party=FR`,
    ]) {
      const response = await fetch(`${base}/oembed?${new URLSearchParams({ url })}`);
      expect(response.status, url).toBe(404);
      expect(response.headers.get("content-type")).toBe("application/problem+json");
    }
  });

  it("answers 501 for XML and 400 naming maxwidth when it is not a size", async () => {
    const url = `${base}/treaties/inf/embed`;
    const xml = await fetch(`${base}/oembed?${new URLSearchParams({ url, format: "xml" })}`);
    expect(xml.status).toBe(501);
    expect(((await xml.json()) as Problem).errors?.[0]?.path).toBe("format");
    const wide = await fetch(`${base}/oembed?${new URLSearchParams({ url, maxwidth: "wide" })}`);
    expect(wide.status).toBe(400);
    expect(((await wide.json()) as Problem).errors?.[0]?.path).toBe("maxwidth");
  });
});
