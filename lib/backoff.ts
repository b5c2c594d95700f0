/**
 * Backoff between attempts, in one place. Full jitter (a random wait up to the exponential step,
 * capped) spreads retries that collided so they do not collide again. A request gets one budget:
 * whatever retries inside it makes single attempts and leaves the retrying to this helper.
 */
export interface Backoff {
  /** Attempts in all, the first included. */
  attempts: number;
  /** The first step's ceiling in milliseconds; each later step doubles it. */
  baseMs: number;
  /** No wait is longer than this. */
  capMs: number;
}

/** The wait before attempt `attempt` (2, 3, ...): a random share of min(cap, base * 2^(attempt-2)). */
export function backoffDelay(attempt: number, { baseMs, capMs }: Pick<Backoff, "baseMs" | "capMs">): number {
  return Math.random() * Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 2));
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs `attempt` until it succeeds, a failure is not `retryable`, or the budget is spent; then the
 * last failure is thrown (through `exhausted` when given, to name what kept failing).
 */
export async function withBackoff<T>(
  budget: Backoff,
  retryable: (error: unknown) => boolean,
  attempt: (n: number) => Promise<T>,
  exhausted?: (error: unknown) => unknown,
): Promise<T> {
  for (let n = 1; ; n++) {
    if (n > 1) await sleep(backoffDelay(n, budget));
    try {
      return await attempt(n);
    } catch (error) {
      if (!retryable(error)) throw error;
      if (n >= budget.attempts) throw exhausted ? exhausted(error) : error;
    }
  }
}
