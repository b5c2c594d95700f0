import { describe, expect, it } from "vitest";
import { handler as addEvent } from "../../functions/add-event.ts";
import { handler as getTreaty } from "../../functions/get-treaty.ts";
import { givenTreaty } from "../support/fixtures.ts";
import { call, eventInput, sampleEvent } from "../support/lambda.ts";

/** The edge's refusals, one by one: each is a 4xx problem and leaves the treaty as it was. */
const post = (treatyId: string, change: Parameters<typeof sampleEvent>[1]) =>
  call(addEvent, sampleEvent("add-event.json", { path: { treatyId }, ...change }));

const withKey = (key: string, value: unknown) =>
  `{${JSON.stringify(key)}:${JSON.stringify(value)},${JSON.stringify(eventInput()).slice(1)}`;

describe("hostile input to POST /treaties/{treatyId}/events", () => {
  const cases: Array<[string, number, NonNullable<Parameters<typeof sampleEvent>[1]>]> = [
    ["a __proto__ key", 400, { rawBody: withKey("__proto__", { admin: true }) }],
    ["a constructor key", 400, { rawBody: withKey("constructor", { prototype: { admin: true } }) }],
    ["a nested __proto__ key", 400, { rawBody: JSON.stringify(eventInput()).replace('"url"', '"__proto__":1,"url"') }],
    [
      "a title with a lone surrogate",
      400,
      { rawBody: JSON.stringify(eventInput()).replace('"The U.S.', '"\\ud800 The U.S.') },
    ],
    ["a title with a C1 control character", 400, { body: eventInput({ title: "next\u0085line" }) }],
    [
      "a source URL with a control character",
      400,
      { body: eventInput({ sources: [{ url: "https://example.org/\u0001" }] }) },
    ],
    ["a source URL that is not http(s)", 400, { body: eventInput({ sources: [{ url: "ftp://example.org/x" }] }) }],
    [
      "JSON declared as UTF-16",
      415,
      { body: eventInput(), headers: { "content-type": "application/json; charset=utf-16" } },
    ],
    [
      "a media type that only starts like JSON",
      415,
      { body: eventInput(), headers: { "content-type": "application/json-seq" } },
    ],
    ["a base64 body over the cap", 413, { rawBody: Buffer.from("x".repeat(40_000)).toString("base64") }],
  ];

  it.each(cases)("refuses %s with %i problem+json and stores nothing", async (_, status, change) => {
    const treatyId = await givenTreaty();
    const event = sampleEvent("add-event.json", { path: { treatyId }, ...change });
    if (change.rawBody && /^[A-Za-z0-9+/=]+$/.test(change.rawBody)) event.isBase64Encoded = true;
    const answer = await call(addEvent, event);
    expect(answer.status, answer.text).toBe(status);
    expect(answer.headers["content-type"]).toBe("application/problem+json");
    const treaty = await call(getTreaty, sampleEvent("get-treaty.json", { path: { treatyId } }));
    expect(treaty.body.eventCount).toBe(0);
  });

  it("still accepts JSON with charset=utf-8 and an emoji in the title", async () => {
    const treatyId = await givenTreaty();
    const answer = await post(treatyId, {
      body: eventInput({ title: "Notice 📜 delivered" }),
      headers: { "content-type": "application/json; charset=UTF-8" },
    });
    expect(answer.status, answer.text).toBe(201);
  });

  it("refuses a path id longer than any real id with 400", async () => {
    const answer = await post("x".repeat(300), { body: eventInput() });
    expect(answer.status).toBe(400);
  });
});
