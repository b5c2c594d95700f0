import { createHash } from "node:crypto";
import type { APIGatewayProxyStructuredResultV2, Context } from "aws-lambda";
import { cacheControl, EDITS, type Freshness } from "#http/cache-control";
import { toProblem } from "#http/problem";
import { type HttpEvent, header } from "#http/request";
import { log } from "#lib/log";

export type HttpResult = APIGatewayProxyStructuredResultV2;

export interface Reply {
  status: number;
  /** Serialised as JSON unless `text` is given. */
  body?: unknown;
  /** A body sent as is, with its own content type. */
  text?: string;
  contentType?: string;
  headers?: Record<string, string>;
  /**
   * What the entity tag is computed from, when the body holds a part that changes without its content
   * changing (a calendar feed's DTSTAMP, the moment it was made). The tag is then weak (RFC 9110 8.8.1).
   */
  etagBasis?: string;
  /** How long caches may keep a successful read (lib/http/cache-control.ts); by default until an edit, revalidated. */
  freshness?: Freshness;
}

/**
 * Wraps a route: runs it, turns its Reply into an API Gateway result, turns any error
 * into problem+json, and logs one line per request (never the body or a key).
 */
export function httpHandler(route: (event: HttpEvent, context: Context) => Promise<Reply>) {
  return async (event: HttpEvent, context: Context): Promise<HttpResult> => {
    const started = performance.now();
    const requestId = context?.awsRequestId ?? event.requestContext?.requestId ?? "unknown";
    let result: HttpResult;
    try {
      const reply = await route(event, context);
      result = withCaching(event, toResult(reply), reply.freshness ?? EDITS, reply.etagBasis);
    } catch (error) {
      const outcome = toProblem(error, requestId);
      if (outcome.serverFault) {
        // A 503 is DynamoDB being busy or away, already retried: worth a warning, not a page.
        const level = outcome.response.statusCode === 503 ? "warn" : "error";
        log(level, "request failed", {
          requestId,
          error:
            error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : String(error),
        });
      }
      result = neverStored(event, outcome.response);
    }
    log("info", "request", {
      requestId,
      route: event.routeKey ?? `${event.requestContext?.http?.method} ${event.rawPath}`,
      status: result.statusCode,
      durationMs: Math.round((performance.now() - started) * 10) / 10,
    });
    return result;
  };
}

function toResult(reply: Reply): HttpResult {
  if (reply.text !== undefined) {
    return {
      statusCode: reply.status,
      headers: { "content-type": reply.contentType ?? "text/plain; charset=utf-8", ...reply.headers },
      body: reply.text,
    };
  }
  return {
    statusCode: reply.status,
    headers: { "content-type": "application/json", ...reply.headers },
    ...(reply.body === undefined ? {} : { body: JSON.stringify(reply.body) }),
  };
}

const isRead = (event: HttpEvent) => {
  const method = event.requestContext?.http?.method ?? "GET";
  return method === "GET" || method === "HEAD";
};

/**
 * Reads carry a strong ETag (a hash of the exact body) and the Cache-Control their freshness
 * allows; a matching If-None-Match gets 304 with no body, which is how a cache revalidates.
 * Writes are never cached.
 */
function withCaching(
  event: HttpEvent,
  result: HttpResult,
  freshness: Freshness,
  etagBasis: string | undefined,
): HttpResult {
  const headers = { ...(result.headers as Record<string, string>) };
  if (!isRead(event) || result.statusCode !== 200 || typeof result.body !== "string") {
    return neverStored(event, { ...result, headers });
  }
  const tag = `"${createHash("sha256")
    .update(etagBasis ?? result.body)
    .digest("base64url")
    .slice(0, 32)}"`;
  const etag = etagBasis === undefined ? tag : `W/${tag}`;
  headers.etag = etag;
  headers["cache-control"] ??= cacheControl(freshness);
  const ifNoneMatch = header(event, "if-none-match");
  const matches = ifNoneMatch
    ?.split(",")
    .map((candidate) => candidate.trim().replace(/^W\//, ""))
    .some((candidate) => candidate === tag || candidate === "*");
  if (matches) return { statusCode: 304, headers };
  return { ...result, headers };
}

/**
 * Errors and writes are never stored: a cache that meets a 503 keeps serving its last good
 * answer (stale-if-error) instead, and a 404 does not outlive the treaty's creation.
 */
function neverStored(event: HttpEvent, result: HttpResult): HttpResult {
  const headers = { ...(result.headers as Record<string, string>) };
  if (isRead(event) && result.statusCode === 200) return result;
  headers["cache-control"] ??= "no-store";
  return { ...result, headers };
}

export const ok = (body: unknown, headers?: Record<string, string>): Reply => ({ status: 200, body, headers });
export const created = (body: unknown, location: string): Reply => ({ status: 201, body, headers: { location } });

/** A self-contained HTML page under its own CSP, never content-sniffed, sending no referrer. */
export const htmlPage = (html: string, contentSecurityPolicy: string, headers?: Record<string, string>): Reply => ({
  status: 200,
  text: html,
  contentType: "text/html; charset=utf-8",
  headers: {
    "content-security-policy": contentSecurityPolicy,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    ...headers,
  },
});
