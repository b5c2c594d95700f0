import { Readable } from "node:stream";
import FeedParser, { type Item, type Meta } from "feedparser";
import { describe, expect, inject, it } from "vitest";
import { eventInput, treatyInput, uniqueId } from "../support/lambda.ts";

/**
 * The Atom feeds as a wire desk's reader sees them, read by feedparser (an npm feed parser that
 * knows nothing of treaty-clock), after real writes over HTTP: an event added, one corrected,
 * one retracted.
 */
const base = inject("apiUrl");
const key = inject("apiKey");

async function send(method: string, path: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { "content-type": "application/json", "x-api-key": key, ...headers },
    body: JSON.stringify(body),
  });
  // biome-ignore lint/suspicious/noExplicitAny: the test reads answers loosely and asserts on them
  const answer = (await response.json()) as any;
  if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(answer)}`);
  return answer;
}

async function readFeed(path: string): Promise<{ meta: Meta; items: Item[]; contentType: string | null }> {
  const response = await fetch(`${base}${path}`);
  expect(response.status).toBe(200);
  const xml = await response.text();
  return new Promise((resolve, reject) => {
    const parser = new FeedParser({ normalize: true, addmeta: false, feedurl: `${base}${path}` });
    const items: Item[] = [];
    let meta: Meta | undefined;
    parser.on("error", reject);
    parser.on("meta", (value: Meta) => {
      meta = value;
    });
    parser.on("readable", () => {
      for (let item = parser.read(); item; item = parser.read()) items.push(item);
    });
    parser.on("end", () =>
      meta ? resolve({ meta, items, contentType: response.headers.get("content-type") }) : reject(new Error("no feed")),
    );
    Readable.from([xml]).pipe(parser);
  });
}

const atomLinks = (item: Item, rel: string): string[] => {
  const links = (item as unknown as Record<string, unknown>)["atom:link"];
  const list = (Array.isArray(links) ? links : [links]) as Array<{ "@": { rel?: string; href: string } }>;
  return list.filter((link) => link?.["@"]?.rel === rel).map((link) => link["@"].href);
};

const atomTitle = (item: Item): string =>
  (item as unknown as Record<string, { "#": string; "@": { type?: string } }>)["atom:title"]?.["#"] ?? "";

describe("Atom feeds", () => {
  it("gives a feed reader one entry per event, newest first, with corrections explained and a retraction kept", async () => {
    const treatyId = uniqueId("feed");
    await send("POST", "/treaties", treatyInput(treatyId, { shortName: "Feed Treaty" }));
    const notice = await send(
      "POST",
      `/treaties/${treatyId}/events`,
      eventInput({
        date: "2098-02-02",
        title: "Notice <script>alert(1)</script> & more",
        sources: [
          { url: "https://example.org/notice", title: "The note" },
          { url: "https://example.org/statement", publisher: "Ministry" },
        ],
      }),
    );
    const rumour = await send(
      "POST",
      `/treaties/${treatyId}/events`,
      eventInput({ date: "2098-03-01", type: "statement", title: "A rumoured statement" }),
    );
    const signing = await send(
      "POST",
      `/treaties/${treatyId}/events`,
      eventInput({ date: "1987-12", type: "signed", party: undefined, title: "Signed" }),
    );
    const before = await readFeed(`/treaties/${treatyId}/feed.atom`);
    const firstId = before.items.find((item) => atomTitle(item).startsWith("Notice"))?.guid;

    await send(
      "PATCH",
      `/treaties/${treatyId}/events/${notice.id}`,
      { date: "2098-02-01", reason: "The note is dated 1 February." },
      { "if-match": '"1"' },
    );
    await send("DELETE", `/treaties/${treatyId}/events/${rumour.id}`, { reason: "No source confirms it." });

    const feed = await readFeed(`/treaties/${treatyId}/feed.atom`);
    expect(feed.contentType).toBe("application/atom+xml; charset=utf-8");
    expect(feed.meta["#type"]).toBe("atom");
    expect(feed.meta.title).toBe("Feed Treaty: timeline");
    expect(feed.meta.link).toBe(`${base}/treaties/${treatyId}/embed`);
    // feedparser strips tags from every title; the text title it was given keeps them, as text.
    expect(feed.items.map(atomTitle)).toEqual([
      "Retracted: A rumoured statement",
      "Notice <script>alert(1)</script> & more",
      "Signed",
    ]);
    const [retracted, corrected, signed] = feed.items as [Item, Item, Item];

    // Entry ids never change: not on a correction, and they name only the treaty and the event.
    expect(corrected.guid).toBe(firstId);
    expect(corrected.guid).toBe(`tag:treaty-clock,2026:treaties/${treatyId}/events/${notice.id}`);
    expect(signed.guid).toBe(`tag:treaty-clock,2026:treaties/${treatyId}/events/${signing.id}`);

    expect(corrected.date?.getTime()).toBeGreaterThan(corrected.pubdate?.getTime() ?? Number.POSITIVE_INFINITY);
    expect(corrected.summary).toMatch(/^Corrected on .* \(date\): The note is dated 1 February\.$/);
    expect(corrected.description).toContain("2098-02-02");
    expect(corrected.description).toContain("2098-02-01");
    expect(corrected.categories).toEqual(expect.arrayContaining(["withdrawal_notice", "corrected"]));
    expect(corrected.link).toBe("https://example.org/notice");
    expect(atomLinks(corrected, "related")).toEqual(["https://example.org/notice", "https://example.org/statement"]);

    expect(retracted.categories).toContain("retracted");
    expect(retracted.summary).toMatch(/^Retracted on .*: No source confirms it\.$/);
    expect(retracted.date?.getTime()).toBeGreaterThan(retracted.pubdate?.getTime() ?? Number.POSITIVE_INFINITY);
    expect(signed.date?.getTime()).toBe(signed.pubdate?.getTime());

    // The feed of every treaty carries the same entries under the same ids, the treaty named in each title.
    const all = await readFeed("/feed.atom");
    const ours = all.items.filter((item) => item.guid.includes(`:treaties/${treatyId}/`));
    expect(ours.map((item) => [item.guid, atomTitle(item)])).toEqual([
      [retracted.guid, "Retracted: Feed Treaty: A rumoured statement"],
      [corrected.guid, "Feed Treaty: Notice <script>alert(1)</script> & more"],
    ]);
    expect(all.items.length).toBeLessThanOrEqual(100);
  });

  it("answers 404 problem+json for an unknown treaty and 400 for a query", async () => {
    const missing = await fetch(`${base}/treaties/no-such-treaty/feed.atom`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get("content-type")).toBe("application/problem+json");
    const query = await fetch(`${base}/feed.atom?limit=5`);
    expect(query.status).toBe(400);
  });
});
