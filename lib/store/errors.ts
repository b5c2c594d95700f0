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

/** The cancellation code of each item of a cancelled transaction, in request order. */
export function cancellationCodes(error: unknown): string[] | undefined {
  if (!(error instanceof Error) || error.name !== "TransactionCanceledException") return undefined;
  const reasons = (error as Error & { CancellationReasons?: CancellationReason[] }).CancellationReasons ?? [];
  return reasons.map((reason) => reason.Code ?? "None");
}

/** True when DynamoDB had no capacity or time for the request: the client may retry later. */
export function isTransient(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const codes = cancellationCodes(error);
  if (codes?.some((code) => code === "ThrottlingError" || code === "TransactionConflict")) return true;
  return (
    [
      "ProvisionedThroughputExceededException",
      "ThrottlingException",
      "RequestLimitExceeded",
      "InternalServerError",
      "ServiceUnavailable",
      "TimeoutError",
      "TransactionInProgressException",
    ].includes(error.name) ||
    ["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE"].includes((error as NodeJS.ErrnoException).code ?? "")
  );
}
