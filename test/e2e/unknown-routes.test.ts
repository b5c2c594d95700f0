import { describe, expect, inject, it } from "vitest";

/** Over HTTP: what a client gets for a route the API does not have (the catch-all, functions/no-route.ts). */
const base = inject("apiUrl");

async function send(method: string, path: string) {
  const response = await fetch(`${base}${path}`, { method });
  return {
    status: response.status,
    type: response.headers.get("content-type"),
    allow: response.headers.get("allow"),
    body: (await response.json()) as { status: number; title: string; detail: string },
  };
}

describe("routes the API does not have", () => {
  it("answers PUT /treaties/inf with a 405 problem and Allow: GET", async () => {
    const answer = await send("PUT", "/treaties/inf");
    expect(answer.status).toBe(405);
    expect(answer.type).toBe("application/problem+json");
    expect(answer.allow).toBe("GET");
    expect(answer.body).toMatchObject({ status: 405, title: "Method not allowed" });
    expect(answer.body.detail).toContain("/treaties/inf does not answer PUT");
  });

  it("answers DELETE /treaties with Allow: GET, POST", async () => {
    const answer = await send("DELETE", "/treaties");
    expect(answer.status).toBe(405);
    expect(answer.allow).toBe("GET, POST");
  });

  it.each([
    ["GET", "/no-such-thing"],
    ["POST", "/treaties/inf/nothing-here"],
    ["GET", "/treaties/inf/events/x/revisions/more"],
  ])("answers %s %s with a 404 problem pointing at /openapi.json", async (method, path) => {
    const answer = await send(method, path);
    expect(answer.status).toBe(404);
    expect(answer.type).toBe("application/problem+json");
    expect(answer.body).toMatchObject({ status: 404, title: "Not found" });
    expect(answer.body.detail).toContain("/openapi.json");
  });

  it("leaves CORS preflights to the gateway, as API Gateway answers them before any route", async () => {
    const response = await fetch(`${base}/treaties/inf/events`, {
      method: "OPTIONS",
      headers: {
        origin: "https://newsroom.example",
        "access-control-request-method": "POST",
        "access-control-request-headers": "content-type,x-api-key",
      },
    });
    expect(response.status).toBeLessThan(300);
    expect(response.headers.get("access-control-allow-origin")).toBeTruthy();
  });

  it("still answers the routes it has", async () => {
    const response = await fetch(`${base}/treaties/inf`);
    expect(response.status).toBe(200);
  });
});
