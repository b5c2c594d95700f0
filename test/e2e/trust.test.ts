import { describe, expect, inject, it } from "vitest";
import { createApiKey, revokeApiKey } from "#store/api-keys";
import { apiClient, type Schemas } from "../client/index.ts";
import { eventInput, treatyInput, uniqueId } from "../support/lambda.ts";

/**
 * Keys, corrections and retries over HTTP, against the API the global setup started, through the typed client
 * (test/client): every write's body and headers are the document's, and every answer is held to it.
 */
const base = inject("apiUrl");
const api = apiClient(base, inject("apiKey"));

// The fixtures are typed loosely for the in-process tests; these are the document's types for them.
const anEvent = (change: Partial<Schemas["EventInput"]> = {}) => eventInput(change) as Schemas["EventInput"];
const aTreaty = (id: string) => treatyInput(id) as Schemas["TreatyInput"];

async function givenTreatyOverHttp(client = api): Promise<string> {
  const id = uniqueId("e2e");
  const { data, error } = await client.POST("/treaties", { body: aTreaty(id) });
  if (!data) throw new Error(`could not create treaty: ${JSON.stringify(error)}`);
  expect(data).toMatchObject({ id, version: 1, eventCount: 0, deadlines: [] });
  return id;
}

async function givenNotice(treatyId: string): Promise<Schemas["StoredEvent"]> {
  const { data, error } = await api.POST("/treaties/{treatyId}/events", {
    params: { path: { treatyId } },
    body: anEvent(),
  });
  if (!data) throw new Error(`could not add the notice: ${JSON.stringify(error)}`);
  return data;
}

const historyOf = async (treatyId: string) =>
  (await api.GET("/treaties/{treatyId}/history", { params: { path: { treatyId } } })).data;
const deadlinesOf = async (treatyId: string) =>
  (await api.GET("/treaties/{treatyId}/deadlines", { params: { path: { treatyId } } })).data?.deadlines;

describe("trust over HTTP", () => {
  it("accepts writes with a new key, records its id on them, and refuses the key once revoked", async () => {
    const { key, record } = await createApiKey("E2E foreign desk");
    const desk = apiClient(base, key);
    const treatyId = await givenTreatyOverHttp(desk);
    const path = { treatyId };

    const written = await desk.POST("/treaties/{treatyId}/events", { params: { path }, body: anEvent() });
    expect(written.response.status).toBe(201);
    expect(written.data?.createdBy).toBe(record.id);

    await revokeApiKey(record.id);

    const refused = await apiClient(base).POST("/treaties/{treatyId}/events", {
      params: { path },
      body: anEvent({ date: "2019-02-03" }),
      headers: { authorization: `Bearer ${key}` },
    });
    expect(refused.response.status).toBe(401);
    expect(refused.response.headers.get("content-type")).toBe("application/problem+json");
    expect(refused.error?.detail).toMatch(/revoked/);
    expect((await historyOf(treatyId))?.events).toHaveLength(1);
  });

  it("corrects a notice with If-Match, moving the exit date; a stale If-Match gets 412 and a missing one 428", async () => {
    const treatyId = await givenTreatyOverHttp();
    const notice = await givenNotice(treatyId);
    const path = { treatyId, eventId: notice.id };

    const missing = await api.PATCH("/treaties/{treatyId}/events/{eventId}", {
      // The document requires If-Match; leaving it out is the point.
      params: { path, header: {} as { "If-Match": string } },
      body: { reason: "No precondition.", date: "2019-02-01" },
    });
    expect(missing.response.status).toBe(428);
    const corrected = await api.PATCH("/treaties/{treatyId}/events/{eventId}", {
      params: { path, header: { "If-Match": '"1"' } },
      body: { reason: "The note is dated 1 February.", date: "2019-02-01" },
    });
    expect(corrected.response.status).toBe(200);
    expect(corrected.data).toMatchObject({ date: "2019-02-01", version: 2 });
    const stale = await api.PATCH("/treaties/{treatyId}/events/{eventId}", {
      params: { path, header: { "If-Match": '"1"' } },
      body: { reason: "Based on what I read before.", date: "2019-02-05" },
    });
    expect(stale.response.status).toBe(412);
    expect(stale.response.headers.get("content-type")).toBe("application/problem+json");

    expect(await deadlinesOf(treatyId)).toMatchObject([{ kind: "withdrawal_effective", date: "2019-08-01" }]);
    const countdown = await api.GET("/treaties/{treatyId}/days-until-exit", {
      params: { path: { treatyId }, query: { asOf: "2019-07-04" } },
    });
    expect(countdown.data).toMatchObject({ exitDate: "2019-08-01", daysUntil: 28 });
    const revisions = await api.GET("/treaties/{treatyId}/events/{eventId}/revisions", { params: { path } });
    expect(revisions.data).toMatchObject({
      current: { version: 2, date: "2019-02-01" },
      revisions: [
        {
          version: 1,
          replacedBy: 2,
          kind: "correction",
          reason: "The note is dated 1 February.",
          changes: { date: { from: "2019-02-02", to: "2019-02-01" } },
          event: { date: "2019-02-02" },
        },
      ],
    });
  });

  it("retracts with a reason: the event stays in the history, its deadline goes, /corrections shows it first", async () => {
    const treatyId = await givenTreatyOverHttp();
    const notice = await givenNotice(treatyId);

    const retracted = await api.DELETE("/treaties/{treatyId}/events/{eventId}", {
      params: { path: { treatyId, eventId: notice.id } },
      body: { reason: "The note was never delivered." },
    });

    expect(retracted.response.status).toBe(200);
    expect(retracted.data?.retracted).toMatchObject({ reason: "The note was never delivered." });
    expect((await historyOf(treatyId))?.events).toMatchObject([
      { id: notice.id, retracted: { reason: "The note was never delivered." } },
    ]);
    expect(await deadlinesOf(treatyId)).toEqual([]);
    const listed = (await api.GET("/corrections", { params: { query: { limit: "100" } } })).data?.corrections;
    expect(listed?.find((correction) => correction.treatyId === treatyId)).toMatchObject({
      kind: "retraction",
      eventId: notice.id,
      revisions: `/treaties/${treatyId}/events/${notice.id}/revisions`,
    });
  });

  it("answers a retried POST with the same Idempotency-Key with the first 201, and refuses a changed body", async () => {
    const treatyId = await givenTreatyOverHttp();
    const params = { path: { treatyId }, header: { "Idempotency-Key": uniqueId("http-retry") } };

    const first = await api.POST("/treaties/{treatyId}/events", { params, body: anEvent() });
    const retry = await api.POST("/treaties/{treatyId}/events", { params, body: anEvent() });
    const changed = await api.POST("/treaties/{treatyId}/events", { params, body: anEvent({ title: "Other" }) });

    expect([first.response.status, retry.response.status, changed.response.status]).toEqual([201, 201, 422]);
    expect(retry.data).toEqual(first.data);
    expect(retry.response.headers.get("location")).toBe(first.response.headers.get("location"));
    expect(changed.error?.type).toMatch(/idempotency-key-reused$/);
    expect((await historyOf(treatyId))?.events).toHaveLength(1);
  });
});
