/**
 * Reading DynamoDB's refusals. A failed condition is an invariant doing its job and
 * becomes a named domain error at the call site; everything else propagates.
 */
interface CancellationReason {
  Code?: string;
}

export function isConditionFailure(error: unknown): boolean {
  return error instanceof Error && error.name === "ConditionalCheckFailedException";
}

/** Awaits a conditional write: true when it was written, false when its condition failed; other errors propagate. */
export async function conditionHeld(write: Promise<unknown>): Promise<boolean> {
  try {
    await write;
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/** The cancellation code of each item of a cancelled transaction, in request order. */
export function cancellationCodes(error: unknown): string[] | undefined {
  if (!(error instanceof Error) || error.name !== "TransactionCanceledException") return undefined;
  const reasons = (error as Error & { CancellationReasons?: CancellationReason[] }).CancellationReasons ?? [];
  return reasons.map((reason) => reason.Code ?? "None");
}

/** Service errors that mean "not now": throttling, contention, DynamoDB's own trouble. */
const TRANSIENT_NAMES = new Set([
  "ProvisionedThroughputExceededException",
  "ThrottlingException",
  "Throttling",
  "RequestLimitExceeded",
  "TooManyRequestsException",
  "InternalServerError",
  "ServiceUnavailable",
  "ServiceUnavailableException",
  "TransactionInProgressException",
  "TransactionConflictException",
  // The SDK's HTTP handler names connect, request and socket timeouts TimeoutError,
  // and renames ECONNRESET, EPIPE and ETIMEDOUT errors to TimeoutError too.
  "TimeoutError",
  "RequestTimeout",
  "RequestTimeoutException",
]);

/** Socket errors of an unreachable, dead or dropping endpoint, as Node reports them in `code`. */
const TRANSIENT_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ECONNABORTED",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENETDOWN",
  "EAI_AGAIN",
  "UND_ERR_SOCKET",
  "UND_ERR_CONNECT_TIMEOUT",
]);

/** Items of a transaction cancelled for capacity or contention, not for a condition. */
const TRANSIENT_CANCELLATIONS = new Set(["ThrottlingError", "TransactionConflict", "ProvisionedThroughputExceeded"]);

interface SdkErrorShape {
  name?: unknown;
  code?: unknown;
  cause?: unknown;
  errors?: unknown;
  $retryable?: unknown;
  $metadata?: { httpStatusCode?: unknown };
}

/**
 * True when DynamoDB had no capacity or time for the request, or could not be reached:
 * the client may retry later (503), and the request changed nothing it can know of.
 * Looks through `cause` and AggregateError's `errors`, where Node and the SDK put the
 * socket error behind a wrapper, a few levels deep.
 */
export function isTransient(error: unknown, depth = 0): boolean {
  if (depth > 5 || typeof error !== "object" || error === null) return false;
  const shape = error as SdkErrorShape;
  if (shape.name === "AbortError") return false;
  if (typeof shape.name === "string" && TRANSIENT_NAMES.has(shape.name)) return true;
  if (typeof shape.code === "string" && TRANSIENT_CODES.has(shape.code)) return true;
  if (shape.$retryable !== undefined) return true;
  const status = shape.$metadata?.httpStatusCode;
  if (status === 429 || status === 500 || status === 502 || status === 503 || status === 504) return true;
  if (cancellationCodes(error)?.some((code) => TRANSIENT_CANCELLATIONS.has(code))) return true;
  if (shape.cause !== undefined && isTransient(shape.cause, depth + 1)) return true;
  return Array.isArray(shape.errors) && shape.errors.some((inner) => isTransient(inner, depth + 1));
}

/** True when a transaction was cancelled because another one held the same items. */
export const isTransactionConflict = (error: unknown): boolean =>
  cancellationCodes(error)?.includes("TransactionConflict") ?? false;
