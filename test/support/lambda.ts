import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from "aws-lambda";
import { inject } from "vitest";

/** A sample event from events/, with the parts a test changes. */
export function sampleEvent(
  file: string,
  change: {
    path?: Record<string, string>;
    query?: Record<string, string> | null;
    body?: unknown;
    rawBody?: string;
    headers?: Record<string, string>;
    withKey?: boolean;
  } = {},
): APIGatewayProxyEventV2 {
  const event = JSON.parse(
    readFileSync(new URL(`../../events/${file}`, import.meta.url), "utf8"),
  ) as APIGatewayProxyEventV2;
  if (change.path) event.pathParameters = { ...event.pathParameters, ...change.path };
  if (change.query !== undefined) event.queryStringParameters = change.query ?? undefined;
  if (change.body !== undefined) event.body = JSON.stringify(change.body);
  if (change.rawBody !== undefined) event.body = change.rawBody;
  const headers = { ...event.headers };
  delete headers["x-api-key"];
  if (change.withKey !== false && event.requestContext.http.method !== "GET") headers["x-api-key"] = inject("apiKey");
  event.headers = { ...headers, ...change.headers };
  return event;
}

export const context = (): Context => ({ awsRequestId: `test-${randomBytes(4).toString("hex")}` }) as Context;

export interface Answer {
  status: number;
  headers: Record<string, string>;
  // biome-ignore lint/suspicious/noExplicitAny: tests read answers loosely and assert on them
  body: any;
  text: string;
}

type Handler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

export async function call(handler: Handler, event: APIGatewayProxyEventV2): Promise<Answer> {
  const result = await handler(event, context());
  const headers = (result.headers ?? {}) as Record<string, string>;
  const text = result.body ?? "";
  const json = /json/.test(headers["content-type"] ?? "") && text ? JSON.parse(text) : undefined;
  return { status: result.statusCode ?? 200, headers, body: json, text };
}

/** A treaty id no other test uses. */
export const uniqueId = (prefix = "t") => `${prefix}-${randomBytes(5).toString("hex")}`;

/** An INF-like treaty under a fresh id: two parties, six months' notice. */
export function treatyInput(id = uniqueId(), change: Record<string, unknown> = {}) {
  return {
    id,
    name: "Test Treaty on the Elimination of Example Missiles",
    shortName: "Test Treaty",
    parties: [
      { code: "US", name: "United States" },
      { code: "RU", name: "Russia" },
    ],
    signedOn: "1987-12-08",
    inForceOn: "1988-06-01",
    withdrawal: {
      article: "Article XV(2)",
      text: "It shall give notice of its decision to withdraw to the other Party six months prior to withdrawal from this Treaty.",
      noticePeriod: { months: 6 },
      noticeTo: "the other Party",
    },
    sources: [{ url: "https://example.org/treaty", title: "Treaty text" }],
    ...change,
  };
}

export function eventInput(change: Record<string, unknown> = {}) {
  return {
    date: "2019-02-02",
    type: "withdrawal_notice",
    party: "US",
    title: "The U.S. gives notice of withdrawal",
    sources: [{ url: "https://example.org/notice", publisher: "Example" }],
    ...change,
  };
}
