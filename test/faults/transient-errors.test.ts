import { describe, expect, it } from "vitest";
import { toProblem } from "#http/problem";
import { isTransient } from "#store/errors";

/** Errors shaped as the SDK v3 and Node actually raise them (see @smithy/node-http-handler). */
const named = (name: string, extra: Record<string, unknown> = {}) =>
  Object.assign(new Error(`${name} happened`), { name, ...extra });
const socket = (code: string, message = `connect ${code} 127.0.0.1:8000`) =>
  Object.assign(new Error(message), { code });

describe("which DynamoDB failures become 503 Retry-After", () => {
  it.each([
    ["a connect timeout", named("TimeoutError")],
    ["a request timeout", named("TimeoutError", { code: "ETIMEDOUT" })],
    ["a reset connection, as the SDK renames it", Object.assign(socket("ECONNRESET"), { name: "TimeoutError" })],
    ["a refused connection", socket("ECONNREFUSED")],
    ["a refused connection behind a wrapper", new Error("send failed", { cause: socket("ECONNREFUSED") })],
    ["happy-eyeballs giving up on every address", new AggregateError([socket("ECONNREFUSED")], "connect failed")],
    ["throttling", named("ThrottlingException", { $metadata: { httpStatusCode: 400 } })],
    ["exceeded provisioned throughput", named("ProvisionedThroughputExceededException")],
    ["a DynamoDB 500", named("InternalServerError", { $metadata: { httpStatusCode: 500 } })],
    ["a gateway 502 the SDK could not parse", named("UnknownError", { $metadata: { httpStatusCode: 502 } })],
    [
      "a transaction conflict",
      named("TransactionCanceledException", {
        CancellationReasons: [{ Code: "None" }, { Code: "TransactionConflict" }],
      }),
    ],
    ["a retryable service error", named("SomethingNew", { $retryable: {} })],
  ])("answers 503 for %s", (_, error) => {
    expect(isTransient(error)).toBe(true);
    const { response } = toProblem(error, "req-1");
    expect(response.statusCode).toBe(503);
    expect(response.headers).toMatchObject({ "content-type": "application/problem+json" });
    expect(Number((response.headers as Record<string, string>)["retry-after"])).toBeGreaterThan(0);
  });

  it.each([
    ["a failed condition", named("ConditionalCheckFailedException", { $metadata: { httpStatusCode: 400 } })],
    ["a validation error (our bug)", named("ValidationException", { $metadata: { httpStatusCode: 400 } })],
    ["a missing table", named("ResourceNotFoundException")],
    [
      "a cancelled transaction whose condition failed",
      named("TransactionCanceledException", { CancellationReasons: [{ Code: "ConditionalCheckFailed" }] }),
    ],
    ["an aborted call", named("AbortError", { code: "ECONNRESET" })],
    ["a thrown string", "boom"],
  ])("does not call %s transient: it stays a 500 or its own error", (_, error) => {
    expect(isTransient(error)).toBe(false);
  });

  it("does not loop on an error that is its own cause", () => {
    const error: Error & { cause?: unknown } = new Error("self");
    error.cause = error;
    expect(isTransient(error)).toBe(false);
  });
});
