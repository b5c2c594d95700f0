import type { Context } from "aws-lambda";
import { afterEach, beforeEach, describe, expect, inject, it, type MockInstance, vi } from "vitest";
import { httpHandler } from "#http/handler";
import { handler as createTreaty } from "../../functions/create-treaty.ts";
import { handler as getTreaty } from "../../functions/get-treaty.ts";
import { sampleEvent, treatyInput, uniqueId } from "../support/lambda.ts";

/**
 * The operator's view: one JSON line per request on stdout, with what is needed to find it
 * (request id, route, status, duration) and nothing a log must not keep (keys, bodies, stacks
 * at info level). The suite runs quiet; these tests turn info logs back on while they run.
 */
let quiet: string | undefined;
let out: MockInstance<typeof console.log>;
let err: MockInstance<typeof console.error>;

beforeEach(() => {
  quiet = process.env.TREATY_CLOCK_QUIET;
  delete process.env.TREATY_CLOCK_QUIET;
  out = vi.spyOn(console, "log").mockImplementation(() => {});
  err = vi.spyOn(console, "error").mockImplementation(() => {});
});

afterEach(() => {
  if (quiet === undefined) delete process.env.TREATY_CLOCK_QUIET;
  else process.env.TREATY_CLOCK_QUIET = quiet;
  vi.restoreAllMocks();
});

const printed = (spy: MockInstance<(...args: unknown[]) => void>) =>
  spy.mock.calls.map((args) => args.map(String).join(" "));
const linesFor = (requestId: string) =>
  [...printed(out), ...printed(err)]
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((line) => line.requestId === requestId);
const contextFor = (requestId: string) => ({ awsRequestId: requestId }) as Context;

describe("request logs", () => {
  it("writes one JSON line per request with its request id, route, status and duration", async () => {
    const requestId = uniqueId("req");
    const result = await getTreaty(
      sampleEvent("get-treaty.json", { path: { treatyId: "inf" } }),
      contextFor(requestId),
    );
    expect(result.statusCode).toBe(200);
    for (const line of printed(out)) expect(() => JSON.parse(line)).not.toThrow();
    const lines = linesFor(requestId);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: "info",
      message: "request",
      requestId,
      route: "GET /treaties/{treatyId}",
      status: 200,
    });
    expect(typeof lines[0]?.durationMs).toBe("number");
    expect(lines[0]?.durationMs).toBeGreaterThanOrEqual(0);
  });

  it("never writes the API key or the request body, accepted or refused", async () => {
    const marker = `body-marker-${uniqueId()}`;
    const id = uniqueId();
    const accepted = sampleEvent("create-treaty.json", { body: treatyInput(id, { name: marker }) });
    const apiKey = inject("apiKey");
    const created = await createTreaty(accepted, contextFor(uniqueId("req")));
    expect(created.statusCode).toBe(201);
    const wrongKey = `wrong-key-${uniqueId()}`;
    const refused = await createTreaty(
      sampleEvent("create-treaty.json", {
        body: treatyInput(uniqueId(), { name: marker }),
        withKey: false,
        headers: { "x-api-key": wrongKey },
      }),
      contextFor(uniqueId("req")),
    );
    expect(refused.statusCode).toBe(401);
    const everything = [...printed(out), ...printed(err)].join("\n");
    expect(printed(out).length).toBeGreaterThanOrEqual(2);
    expect(everything).not.toContain(apiKey);
    expect(everything).not.toContain(wrongKey);
    expect(everything).not.toContain(marker);
    expect(everything).not.toContain("stack");
  });

  it("logs a server fault's stack for the operator and answers the client without it", async () => {
    const requestId = uniqueId("req");
    const failing = httpHandler(async () => {
      throw new Error("database exploded at internal-host-42");
    });
    const result = await failing(sampleEvent("get-treaty.json", { path: { treatyId: "inf" } }), contextFor(requestId));
    expect(result.statusCode).toBe(500);
    expect(result.body).toContain(requestId);
    expect(result.body).not.toContain("internal-host-42");
    expect(result.body).not.toMatch(/stack|at .*\.ts:\d+/);
    const lines = linesFor(requestId);
    expect(lines).toHaveLength(2);
    const fault = lines.find((line) => line.level === "error");
    expect(fault).toMatchObject({
      requestId,
      error: { name: "Error", message: "database exploded at internal-host-42" },
    });
    expect(String((fault?.error as { stack?: string } | undefined)?.stack)).toContain("logging.test.ts");
    expect(printed(err)).toHaveLength(1);
    const request = lines.find((line) => line.level === "info");
    expect(request).toMatchObject({ message: "request", status: 500, route: "GET /treaties/{treatyId}" });
    expect(JSON.stringify(request)).not.toContain("stack");
  });
});
