/**
 * Posting one reminder: global fetch, a timeout per request, a few attempts with short
 * jittered backoff for the failures worth retrying at once (network, timeout, 408, 429, 5xx).
 * Redirects are not followed: a webhook that moved is a failure to fix, not a hop to an
 * address nobody validated.
 */
import { backoffDelay, sleep } from "#lib/backoff";

export interface DeliveryOptions {
  attempts?: number;
  timeoutMs?: number;
  /** Ceiling of the first backoff; doubled for each further attempt, full jitter (lib/backoff.ts). */
  backoffMs?: number;
}

export interface DeliveryResult {
  acknowledged: boolean;
  attempts: number;
  /** The last HTTP status seen, when a response came back. */
  status?: number;
  /** The last failure, in words; never the body we sent. */
  error?: string;
}

const DEFAULTS = { attempts: 3, timeoutMs: 5000, backoffMs: 250 } satisfies Required<DeliveryOptions>;

const retryable = (status: number) => status === 408 || status === 425 || status === 429 || status >= 500;

/** Up to 200 printable characters of a receiver's answer, enough to read "no_service". */
async function answerExcerpt(response: Response): Promise<string> {
  try {
    const text = await response.text();
    return text
      .replace(/[^\x20-\x7E]+/g, " ")
      .trim()
      .slice(0, 200);
  } catch {
    return "";
  }
}

function describeError(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError"))
    return `no answer within ${timeoutMs} ms`;
  if (error instanceof Error) {
    const cause = (error as Error & { cause?: { code?: string; message?: string } }).cause;
    return cause?.code ? `${error.message} (${cause.code})` : error.message;
  }
  return String(error);
}

export async function postJson(
  url: string,
  body: string,
  headers: Record<string, string>,
  options: DeliveryOptions = {},
): Promise<DeliveryResult> {
  const { attempts, timeoutMs, backoffMs } = { ...DEFAULTS, ...options };
  let last: DeliveryResult = { acknowledged: false, attempts: 0, error: "not attempted" };
  for (let attempt = 1; attempt <= attempts; attempt++) {
    if (attempt > 1) await sleep(backoffDelay(attempt, { baseMs: backoffMs, capMs: timeoutMs }));
    try {
      const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", "user-agent": "treaty-clock-reminders/1", ...headers },
        body,
        redirect: "manual",
        signal: AbortSignal.timeout(timeoutMs),
      });
      const excerpt = await answerExcerpt(response);
      if (response.status >= 200 && response.status < 300)
        return { acknowledged: true, attempts: attempt, status: response.status };
      last = {
        acknowledged: false,
        attempts: attempt,
        status: response.status,
        error: `HTTP ${response.status}${excerpt ? `: ${excerpt}` : ""}`,
      };
      if (!retryable(response.status)) return last;
    } catch (error) {
      last = { acknowledged: false, attempts: attempt, error: describeError(error, timeoutMs) };
    }
  }
  return last;
}
