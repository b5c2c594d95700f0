import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import type { LookupFunction } from "node:net";
import ipaddr from "ipaddr.js";
import { backoffDelay, sleep } from "#lib/backoff";
import type { WebhookTarget } from "#lib/reminders/webhook-target";

/**
 * Posting one reminder to a checked target (lib/reminders/webhook-target.ts): a timeout per
 * request, a few attempts with short jittered backoff for the failures worth retrying at once
 * (network, timeout, 408, 425, 429, 5xx).
 *
 * The socket connects to the address that was checked, never to a fresh lookup: the request's
 * `lookup` answers with that address alone, while the Host header and TLS server name (SNI,
 * certificate check) stay the URL's host name. No connection is shared with another delivery
 * (agent: false), and the socket's peer is compared with the checked address once connected.
 * Redirects are never followed: a webhook that moved is a failure to fix, not a hop to an
 * address nobody validated.
 */
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

/** Answers every lookup of the connection with the checked address, whatever name is asked. */
function pinnedLookup(target: WebhookTarget): LookupFunction {
  return ((_hostname: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
    if (options?.all) callback(null, [{ address: target.address, family: target.family }]);
    else callback(null, target.address, target.family);
  }) as LookupFunction;
}

const sameAddress = (a: string | undefined, b: string) =>
  a !== undefined && ipaddr.isValid(a) && ipaddr.process(a).toString() === ipaddr.process(b).toString();

class TimeoutError extends Error {
  constructor(ms: number) {
    super(`no answer within ${ms} ms`);
  }
}

interface Answer {
  status: number;
  excerpt: string;
}

/** Up to 200 printable characters of a receiver's answer, enough to read "no_service". */
function readExcerpt(response: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let text = "";
    const done = () =>
      resolve(
        text
          .replace(/[^\x20-\x7E]+/g, " ")
          .trim()
          .slice(0, 200),
      );
    response.setEncoding("utf8");
    response.on("data", (chunk: string) => {
      text += chunk;
      if (text.length > 4096) {
        response.destroy();
        done();
      }
    });
    response.on("end", done);
    response.on("error", done);
    response.on("close", done);
  });
}

function postOnce(target: WebhookTarget, body: string, headers: Record<string, string>, timeoutMs: number) {
  return new Promise<Answer>((resolve, reject) => {
    const { url } = target;
    const send = url.protocol === "https:" ? httpsRequest : httpRequest;
    const request = send({
      protocol: url.protocol,
      host: target.host,
      port: url.port || undefined,
      path: `${url.pathname}${url.search}`,
      method: "POST",
      agent: false,
      lookup: pinnedLookup(target),
      headers: {
        host: url.host,
        "content-type": "application/json",
        "content-length": String(Buffer.byteLength(body, "utf8")),
        "user-agent": "treaty-clock-reminders/2",
        ...headers,
      },
    });
    const timer = setTimeout(() => request.destroy(new TimeoutError(timeoutMs)), timeoutMs);
    request.on("socket", (socket) => {
      socket.once("connect", () => {
        if (!sameAddress(socket.remoteAddress, target.address)) {
          request.destroy(new Error(`connected to ${socket.remoteAddress}, not the checked ${target.address}`));
        }
      });
    });
    request.on("response", (response) => {
      readExcerpt(response).then((excerpt) => {
        clearTimeout(timer);
        resolve({ status: response.statusCode ?? 0, excerpt });
      });
    });
    request.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    request.end(body);
  });
}

function describeError(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as Error & { code?: string }).code;
    return code && !error.message.includes(code) ? `${error.message} (${code})` : error.message;
  }
  return String(error);
}

/**
 * Posts `body` to the checked target; `headersFor(attempt)` gives each attempt its headers,
 * so every attempt carries a signature made at its own moment.
 */
export async function postJson(
  target: WebhookTarget,
  body: string,
  headersFor: (attempt: number) => Record<string, string>,
  options: DeliveryOptions = {},
): Promise<DeliveryResult> {
  const { attempts, timeoutMs, backoffMs } = { ...DEFAULTS, ...options };
  let last: DeliveryResult = { acknowledged: false, attempts: 0, error: "not attempted" };
  for (let attempt = 1; attempt <= attempts; attempt++) {
    if (attempt > 1) await sleep(backoffDelay(attempt, { baseMs: backoffMs, capMs: timeoutMs }));
    try {
      const answer = await postOnce(target, body, headersFor(attempt), timeoutMs);
      if (answer.status >= 200 && answer.status < 300)
        return { acknowledged: true, attempts: attempt, status: answer.status };
      last = {
        acknowledged: false,
        attempts: attempt,
        status: answer.status,
        error: `HTTP ${answer.status}${answer.excerpt ? `: ${answer.excerpt}` : ""}`,
      };
      if (!retryable(answer.status)) return last;
    } catch (error) {
      last = { acknowledged: false, attempts: attempt, error: describeError(error) };
    }
  }
  return last;
}
