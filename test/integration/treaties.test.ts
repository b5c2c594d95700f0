import { describe, expect, it } from "vitest";
import { handler as createTreaty } from "../../functions/create-treaty.ts";
import { handler as getTreaty } from "../../functions/get-treaty.ts";
import { handler as listTreaties } from "../../functions/list-treaties.ts";
import { handler as treatyDeadlines } from "../../functions/treaty-deadlines.ts";
import { readSeedFiles } from "../../scripts/local/seed-data.ts";
import { call, sampleEvent, treatyInput, uniqueId } from "../support/lambda.ts";

describe("treaties (in-process against DynamoDB Local)", () => {
  it("answers GET /treaties/inf with the seeded treaty and its derived exit", async () => {
    const answer = await call(getTreaty, sampleEvent("get-treaty.json"));
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      id: "inf",
      shortName: "INF Treaty",
      signedOn: "1987-12-08",
      inForceOn: "1988-06-01",
    });
    expect(answer.body.withdrawal).toMatchObject({ article: "Article XV(2)", noticePeriod: { months: 6 } });
    expect(answer.body.deadlines).toContainEqual(
      expect.objectContaining({ kind: "withdrawal_effective", date: "2019-08-02", party: "US" }),
    );
  });

  it("answers 404 problem+json for an unknown treaty, and for an id that could never exist", async () => {
    for (const treatyId of ["nope", "NOT A SLUG", "%E0%A4%A"]) {
      const answer = await call(getTreaty, sampleEvent("get-treaty.json", { path: { treatyId } }));
      expect([400, 404]).toContain(answer.status);
      expect(answer.headers["content-type"]).toBe("application/problem+json");
    }
  });

  it("lists every seeded treaty with its name, short name and next exit", async () => {
    const answer = await call(listTreaties, sampleEvent("list-treaties.json"));
    const ids = answer.body.treaties.map((t: { id: string }) => t.id);
    expect(ids).toEqual(expect.arrayContaining(["inf", "abm"]));
    const inf = answer.body.treaties.find((t: { id: string }) => t.id === "inf");
    expect(inf).toEqual({
      id: "inf",
      name: expect.stringContaining("Intermediate-Range"),
      shortName: "INF Treaty",
      nextExit: null,
    });
  });

  it("pages through the whole catalogue, one Query a page, visiting every treaty once", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: Record<string, string> = { limit: "7", ...(cursor ? { cursor } : {}) };
      const answer = await call(listTreaties, sampleEvent("list-treaties.json", { query }));
      expect(answer.status).toBe(200);
      expect(answer.body.treaties.length).toBeLessThanOrEqual(7);
      seen.push(...answer.body.treaties.map((t: { id: string }) => t.id));
      cursor = answer.body.nextCursor;
      pages++;
    } while (cursor && pages < 500);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual([...seen].sort());
    for (const { treaty } of readSeedFiles()) expect(seen).toContain(treaty.id);
    const forged = await call(listTreaties, sampleEvent("list-treaties.json", { query: { cursor: "abc.def" } }));
    expect(forged.status).toBe(400);
    const tooMany = await call(listTreaties, sampleEvent("list-treaties.json", { query: { limit: "201" } }));
    expect(tooMany.status).toBe(400);
  });

  it("creates a treaty, answers 201 with it, and 409 when the id is taken", async () => {
    const id = uniqueId();
    const first = await call(createTreaty, sampleEvent("create-treaty.json", { body: treatyInput(id) }));
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ id, version: 1, eventCount: 0, deadlines: [] });
    const again = await call(
      createTreaty,
      sampleEvent("create-treaty.json", { body: treatyInput(id, { name: "Other" }) }),
    );
    expect(again.status).toBe(409);
    const stored = await call(getTreaty, sampleEvent("get-treaty.json", { path: { treatyId: id } }));
    expect(stored.body.name).toBe(first.body.name);
  });

  it("derives the earliest notice and the term expiry from the treaty itself", async () => {
    const id = uniqueId();
    const body = treatyInput(id, {
      inForceOn: "2011-02-05",
      term: { years: 10 },
      withdrawal: {
        article: "Article XIV(3)",
        text: "Three months' notice.",
        noticePeriod: { months: 3 },
        earliestNotice: { years: 1 },
      },
    });
    expect((await call(createTreaty, sampleEvent("create-treaty.json", { body }))).status).toBe(201);
    const answer = await call(treatyDeadlines, sampleEvent("treaty-deadlines.json", { path: { treatyId: id } }));
    expect(answer.body.deadlines.map((d: { kind: string; date: string }) => [d.kind, d.date])).toEqual([
      ["earliest_notice", "2012-02-05"],
      ["term_expiry", "2021-02-05"],
    ]);
  });

  it.each([
    ["a bad id", { id: "Not A Slug" }],
    ["no parties", { parties: [] }],
    ["an impossible signature date", { signedOn: "1987-02-29" }],
    ["an empty notice period", { withdrawal: { article: "A", text: "T", noticePeriod: {} } }],
    ["a negative notice period", { withdrawal: { article: "A", text: "T", noticePeriod: { months: -6 } } }],
    ["no sources", { sources: [] }],
    ["an unknown field", { ratifiedBy: "everyone" }],
  ])("refuses a treaty with %s and creates nothing", async (_what, change) => {
    const id = uniqueId();
    const answer = await call(createTreaty, sampleEvent("create-treaty.json", { body: treatyInput(id, change) }));
    expect(answer.status).toBe(400);
    expect(answer.headers["content-type"]).toBe("application/problem+json");
    expect(answer.body.errors.length).toBeGreaterThan(0);
    const lookup = await call(getTreaty, sampleEvent("get-treaty.json", { path: { treatyId: id } }));
    expect(lookup.status).toBe(404);
  });

  it("refuses to create a treaty without an API key, before reading the body", async () => {
    const answer = await call(createTreaty, sampleEvent("create-treaty.json", { withKey: false, rawBody: "not json" }));
    expect(answer.status).toBe(401);
    expect(answer.headers["www-authenticate"]).toContain("Bearer");
  });
});

describe("caching of reads", () => {
  it("gives a read an ETag and Cache-Control, and answers 304 when If-None-Match matches", async () => {
    const first = await call(getTreaty, sampleEvent("get-treaty.json"));
    expect(first.headers.etag).toMatch(/^".+"$/);
    expect(first.headers["cache-control"]).toContain("max-age");
    const again = await call(
      getTreaty,
      sampleEvent("get-treaty.json", { headers: { "if-none-match": first.headers.etag ?? "" } }),
    );
    expect(again.status).toBe(304);
    expect(again.text).toBe("");
    const stale = await call(getTreaty, sampleEvent("get-treaty.json", { headers: { "if-none-match": '"stale"' } }));
    expect(stale.status).toBe(200);
  });
});
