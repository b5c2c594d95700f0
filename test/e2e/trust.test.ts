import { describe, expect, inject, it } from "vitest";
import { createApiKey, revokeApiKey } from "#store/api-keys";
import { eventInput, treatyInput, uniqueId } from "../support/lambda.ts";

/** Keys, corrections and retries over HTTP, against the API the global setup started. */
const base = inject("apiUrl");
const suiteKey = inject("apiKey");

interface Answer {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: tests read answers loosely and assert on them
  body: any;
}

async function send(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = { "x-api-key": suiteKey },
): Promise<Answer> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: body === undefined ? headers : { "content-type": "application/json", ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

async function givenTreatyOverHttp(key = suiteKey): Promise<string> {
  const id = uniqueId("e2e");
  const answer = await send("POST", "/treaties", treatyInput(id), { "x-api-key": key });
  if (answer.status !== 201) throw new Error(`could not create treaty: ${JSON.stringify(answer.body)}`);
  return id;
}

describe("trust over HTTP", () => {
  it("accepts writes with a new key, records its id on them, and refuses the key once revoked", async () => {
    const { key, record } = await createApiKey("E2E foreign desk");
    const treatyId = await givenTreatyOverHttp(key);

    const written = await send("POST", `/treaties/${treatyId}/events`, eventInput(), { "x-api-key": key });
    expect(written.status).toBe(201);
    expect(written.body.createdBy).toBe(record.id);

    await revokeApiKey(record.id);

    const refused = await send("POST", `/treaties/${treatyId}/events`, eventInput({ date: "2019-02-03" }), {
      authorization: `Bearer ${key}`,
    });
    expect(refused.status).toBe(401);
    expect(refused.headers.get("content-type")).toBe("application/problem+json");
    expect(refused.body.detail).toMatch(/revoked/);
    expect((await send("GET", `/treaties/${treatyId}/history`)).body.events).toHaveLength(1);
  });

  it("corrects a notice with If-Match, moving the exit date; a stale If-Match gets 412 and a missing one 428", async () => {
    const treatyId = await givenTreatyOverHttp();
    const notice = (await send("POST", `/treaties/${treatyId}/events`, eventInput())).body;
    const path = `/treaties/${treatyId}/events/${notice.id}`;

    const missing = await send("PATCH", path, { reason: "No precondition.", date: "2019-02-01" });
    expect(missing.status).toBe(428);
    const corrected = await send(
      "PATCH",
      path,
      { reason: "The note is dated 1 February.", date: "2019-02-01" },
      { "x-api-key": suiteKey, "if-match": '"1"' },
    );
    expect(corrected.status).toBe(200);
    expect(corrected.body).toMatchObject({ date: "2019-02-01", version: 2 });
    const stale = await send(
      "PATCH",
      path,
      { reason: "Based on what I read before.", date: "2019-02-05" },
      { "x-api-key": suiteKey, "if-match": '"1"' },
    );
    expect(stale.status).toBe(412);
    expect(stale.headers.get("content-type")).toBe("application/problem+json");

    expect((await send("GET", `/treaties/${treatyId}/deadlines`)).body.deadlines).toMatchObject([
      { kind: "withdrawal_effective", date: "2019-08-01" },
    ]);
    expect((await send("GET", `/treaties/${treatyId}/days-until-exit?asOf=2019-07-04`)).body).toMatchObject({
      exitDate: "2019-08-01",
      daysUntil: 28,
    });
    const revisions = await send("GET", `${path}/revisions`);
    expect(revisions.body).toMatchObject({
      current: { version: 2, date: "2019-02-01" },
      revisions: [{ version: 1, reason: "The note is dated 1 February.", event: { date: "2019-02-02" } }],
    });
  });

  it("retracts with a reason: the event stays in the history, its deadline goes, /corrections shows it first", async () => {
    const treatyId = await givenTreatyOverHttp();
    const notice = (await send("POST", `/treaties/${treatyId}/events`, eventInput())).body;

    const retracted = await send("DELETE", `/treaties/${treatyId}/events/${notice.id}`, {
      reason: "The note was never delivered.",
    });

    expect(retracted.status).toBe(200);
    expect(retracted.body.retracted).toMatchObject({ reason: "The note was never delivered." });
    expect((await send("GET", `/treaties/${treatyId}/history`)).body.events).toMatchObject([
      { id: notice.id, retracted: { reason: "The note was never delivered." } },
    ]);
    expect((await send("GET", `/treaties/${treatyId}/deadlines`)).body.deadlines).toEqual([]);
    const listed = (await send("GET", "/corrections?limit=100")).body.corrections;
    expect(listed.find((c: { treatyId: string }) => c.treatyId === treatyId)).toMatchObject({
      kind: "retraction",
      eventId: notice.id,
    });
  });

  it("answers a retried POST with the same Idempotency-Key with the first 201, and refuses a changed body", async () => {
    const treatyId = await givenTreatyOverHttp();
    const headers = { "x-api-key": suiteKey, "idempotency-key": uniqueId("http-retry") };

    const first = await send("POST", `/treaties/${treatyId}/events`, eventInput(), headers);
    const retry = await send("POST", `/treaties/${treatyId}/events`, eventInput(), headers);
    const changed = await send("POST", `/treaties/${treatyId}/events`, eventInput({ title: "Other" }), headers);

    expect([first.status, retry.status, changed.status]).toEqual([201, 201, 422]);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers.get("location")).toBe(first.headers.get("location"));
    expect(changed.body.type).toMatch(/idempotency-key-reused$/);
    expect((await send("GET", `/treaties/${treatyId}/history`)).body.events).toHaveLength(1);
  });
});
