import { createHash } from "node:crypto";
import type { APIGatewayProxyStructuredResultV2, Context } from "aws-lambda";
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
      result = withCaching(event, toResult(reply), reply.etagBasis);
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
      result = outcome.response;
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

/** Seconds a cache may keep a read; newsroom pages poll, and a minute of staleness is harmless. */
const READ_MAX_AGE = 60;

/**
 * Reads carry a strong ETag (a hash of the exact body) and Cache-Control; a matching
 * If-None-Match gets 304 with no body. Writes are never cached.
 */
function withCaching(event: HttpEvent, result: HttpResult, etagBasis: string | undefined): HttpResult {
  const method = event.requestContext?.http?.method ?? "GET";
  const headers = { ...(result.headers as Record<string, string>) };
  if (method !== "GET" && method !== "HEAD") {
    headers["cache-control"] ??= "no-store";
    return { ...result, headers };
  }
  if (result.statusCode !== 200 || typeof result.body !== "string") return result;
  const tag = `"${createHash("sha256")
    .update(etagBasis ?? result.body)
    .digest("base64url")
    .slice(0, 32)}"`;
  const etag = etagBasis === undefined ? tag : `W/${tag}`;
  headers.etag = etag;
  headers["cache-control"] ??= `public, max-age=${READ_MAX_AGE}`;
  const ifNoneMatch = header(event, "if-none-match");
  const matches = ifNoneMatch
    ?.split(",")
    .map((candidate) => candidate.trim().replace(/^W\//, ""))
    .some((candidate) => candidate === tag || candidate === "*");
  if (matches) return { statusCode: 304, headers };
  return { ...result, headers };
}

export const ok = (body: unknown, headers?: Record<string, string>): Reply => ({ status: 200, body, headers });
export const created = (body: unknown, location: string): Reply => ({ status: 201, body, headers: { location } });
