import { readFileSync } from "node:fs";
import fc from "fast-check";
import { parse } from "yaml";

/**
 * Hostile requests for every HTTP route, shared by the in-process and the HTTP fuzz.
 * Routes come from serverless.yml, so a route declared tomorrow is fuzzed tomorrow.
 */
export interface Route {
  functionName: string;
  /** functions/x.ts, relative to the repository root. */
  file: string;
  method: string;
  path: string;
  pathParameters: string[];
  /** Environment variables serverless.yml gives this function. */
  environment: string[];
}

interface FunctionDefinition {
  handler?: string;
  environment?: Record<string, unknown>;
  events?: Array<{ httpApi?: string | { method?: string; path?: string } }>;
}

export function httpRoutes(): Route[] {
  const config = parse(readFileSync(new URL("../../serverless.yml", import.meta.url), "utf8"), {
    logLevel: "error",
  }) as { functions?: Record<string, FunctionDefinition> };
  const routes: Route[] = [];
  for (const [functionName, definition] of Object.entries(config.functions ?? {})) {
    for (const event of definition.events ?? []) {
      if (!event.httpApi || !definition.handler) continue;
      const [method, path] =
        typeof event.httpApi === "string"
          ? event.httpApi.split(/\s+/, 2)
          : [event.httpApi.method ?? "*", event.httpApi.path ?? "/"];
      if (!method || !path) continue;
      routes.push({
        functionName,
        file: `${definition.handler.replace(/\.[^./]+$/, "")}.ts`,
        method: method.toUpperCase() === "*" ? "GET" : method.toUpperCase(),
        path,
        pathParameters: [...path.matchAll(/\{([^}+]+)\+?\}/g)].map((m) => m[1] ?? ""),
        environment: Object.keys(definition.environment ?? {}),
      });
    }
  }
  return routes;
}

export const hasBody = (method: string) => method === "POST" || method === "PATCH" || method === "PUT";

/** What the fuzz may aim at: real ids it may only read or send invalid writes to, and the real key. */
export interface Targets {
  treatyId: string;
  eventId: string;
  apiKey: string;
  /** Restrict strings to what an HTTP client can put in a URL path or a header. */
  overHttp: boolean;
}

export interface FuzzRequest {
  method: string;
  pathParameters: Record<string, string>;
  query: Record<string, string> | undefined;
  headers: Record<string, string>;
  body: string | undefined;
  isBase64Encoded: boolean;
  /** Which key the request carries: writes with the real key always carry an invalid body. */
  auth: "none" | "wrong" | "real";
}

const HOSTILE_STRINGS = [
  "",
  " ",
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  "hasOwnProperty",
  "null",
  "undefined",
  "NaN",
  "-1",
  "0",
  "1e309",
  "99999999999999999999",
  "true",
  "[]",
  "{}",
  "..",
  "%",
  "%ZZ",
  "%00",
  "a\u0000b",
  "bell\u0007",
  "line\nbreak",
  "crlf\r\ninjected: yes",
  "c1\u0085",
  "rtl\u202Eevil",
  "zero\u200Bwidth",
  "lone\uD800",
  "lone\uDFFF",
  "😀",
  "e\u0301",
  "ИНФ",
  "<script>alert(1)</script>",
  "' OR '1'='1",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a log-injection probe, meant literally
  "${jndi:ldap://x}",
  "javascript:alert(1)",
  "file:///etc/passwd",
  "2019-02-30",
  "2019-13-01",
  "0000-00-00",
  "+275760-09-13",
  "2019-02-02T25:00:00Z",
  "Mars/Olympus_Mons",
  "Europe/Paris",
  "UTC",
];

/** Headers and URL paths carry only visible Latin-1; fetch refuses anything else before sending. */
const httpSafe = (text: string) => /^[\x20-\x7E]*$/.test(text);

function hostileString(overHttp: boolean): fc.Arbitrary<string> {
  const any = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
    { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
    { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
    { weight: 1, arbitrary: fc.integer({ min: 1, max: 70_000 }).map((n) => "x".repeat(n)) },
    { weight: 1, arbitrary: fc.stringMatching(/^[a-z0-9-]{1,70}$/) },
  );
  return overHttp ? any.filter(httpSafe).map((s) => s.slice(0, 2000)) : any;
}

const QUERY_NAMES = [
  "from",
  "to",
  "type",
  "party",
  "order",
  "limit",
  "cursor",
  "asOf",
  "tz",
  "noticeOn",
  "kind",
  "format",
  "treatyId",
  "since",
  "days",
  "__proto__",
  "constructor",
];

const PLAUSIBLE_VALUES = [
  "2019-07-04",
  "2019",
  "2019-02",
  "2019-07-04T12:00:00+02:00",
  "US",
  "RU",
  "us",
  "asc",
  "desc",
  "50",
  "201",
  "0",
  "withdrawal_notice",
  "statement,ultimatum",
  "withdrawal_effective",
  "json",
  "csv",
  "ics",
  "text",
  "Europe/Berlin",
];

function queryArbitrary(overHttp: boolean): fc.Arbitrary<Record<string, string> | undefined> {
  const name = fc.oneof(
    fc.constantFrom(...QUERY_NAMES),
    hostileString(overHttp).filter((s) => s.length < 100),
  );
  const value = fc.oneof(fc.constantFrom(...PLAUSIBLE_VALUES), hostileString(overHttp));
  return fc.option(
    fc.array(fc.tuple(name, value), { maxLength: 5 }).map((pairs) => Object.fromEntries(pairs)),
    { nil: undefined },
  );
}

/** A valid-looking body for the write routes we know, and a plain object for any other. */
function template(route: Route, targets: Targets): Record<string, unknown> {
  if (route.method === "POST" && route.path === "/treaties") {
    return {
      id: `${targets.treatyId}-x`,
      name: "Fuzz Treaty",
      shortName: "Fuzz",
      parties: [{ code: "US", name: "United States" }],
      signedOn: "1987-12-08",
      sources: [{ url: "https://example.org/fuzz" }],
    };
  }
  if (route.path.endsWith("/events") || route.path.endsWith("/{eventId}")) {
    return {
      date: "2019-02-02",
      type: "statement",
      party: "US",
      title: "Fuzz",
      reason: "fuzz",
      sources: [{ url: "https://example.org/fuzz" }],
    };
  }
  return { name: "fuzz", email: "fuzz@example.org", treatyId: targets.treatyId, daysBefore: [1] };
}

const jsonish: fc.Arbitrary<unknown> = fc.jsonValue({ maxDepth: 4 });

/** A mutation of the template: a field dropped, retyped, set hostile, or a field added. */
function mutated(route: Route, targets: Targets): fc.Arbitrary<Record<string, unknown>> {
  const base = template(route, targets);
  const keys = Object.keys(base);
  return fc
    .array(
      fc.oneof(
        fc.record({ op: fc.constant("drop" as const), key: fc.constantFrom(...keys) }),
        fc.record({ op: fc.constant("set" as const), key: fc.constantFrom(...keys), value: jsonish }),
        fc.record({
          op: fc.constant("set" as const),
          key: fc.constantFrom(...keys),
          value: hostileString(targets.overHttp),
        }),
        fc.record({ op: fc.constant("set" as const), key: hostileString(targets.overHttp), value: jsonish }),
      ),
      { minLength: 1, maxLength: 4 },
    )
    .map((ops) => {
      const entries = Object.entries(base);
      let result = Object.fromEntries(entries);
      for (const op of ops) {
        if (op.op === "drop") {
          const { [op.key]: _, ...rest } = result;
          result = rest;
        } else {
          // Object.fromEntries defines own properties, so "__proto__" becomes a real key.
          result = Object.fromEntries([...Object.entries(result), [op.key, op.value]]);
        }
      }
      return result;
    });
}

/**
 * Bodies no route can accept, whatever its schema: broken JSON, nesting past the limit,
 * a body over the size cap, or a prototype key (refused while parsing, before any schema).
 */
function invalidBody(route: Route, targets: Targets): fc.Arbitrary<string> {
  return fc.oneof(
    fc.constantFrom(
      "{",
      "}",
      '{"date": "2019-02-02",',
      "{'single': 'quotes'}",
      '{"a": 1,}',
      "NaN",
      "undefined",
      '{"a": 1} trailing',
      "\u0000",
      '"\\uD800"',
    ),
    fc.integer({ min: 9, max: 5_000 }).map((n) => `${"[".repeat(n)}${"]".repeat(n)}`),
    fc.integer({ min: 9, max: 200 }).map((n) => `${'{"a":'.repeat(n)}1${"}".repeat(n)}`),
    fc
      .integer({ min: 33_000, max: 200_000 })
      .map((n) => JSON.stringify({ ...template(route, targets), title: "x".repeat(n) })),
    fc
      .tuple(fc.constantFrom("__proto__", "constructor", "prototype"), jsonish, mutated(route, targets))
      .map(([key, value, body]) => `{${JSON.stringify(key)}:${JSON.stringify(value)},${JSON.stringify(body).slice(1)}`),
    fc.string({ maxLength: 200 }).filter((text) => {
      try {
        JSON.parse(text);
        return false;
      } catch {
        return true;
      }
    }),
  );
}

function anyBody(route: Route, targets: Targets): fc.Arbitrary<string> {
  return fc.oneof(
    invalidBody(route, targets),
    mutated(route, targets).map((body) => JSON.stringify(body)),
    jsonish.map((value) => JSON.stringify(value)),
    fc.constant(JSON.stringify(template(route, targets))),
  );
}

const CONTENT_TYPES = [
  "application/json",
  "application/json; charset=utf-8",
  "application/json; charset=utf-16",
  "application/merge-patch+json",
  "text/plain",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=x",
  "application/jsonp",
];

function pathValue(name: string, targets: Targets, realAllowed: boolean): fc.Arbitrary<string> {
  const hostile = hostileString(targets.overHttp)
    .filter((s) => s.length > 0)
    .map((s) => (targets.overHttp ? s.replace(/[/?#%\\.]/g, "_") : s))
    .filter((s) => s.trim().length > 0);
  const real = name === "treatyId" ? targets.treatyId : name === "eventId" ? targets.eventId : undefined;
  const plausible = fc.oneof(fc.uuid(), fc.stringMatching(/^[a-z0-9-]{1,64}$/));
  return real && realAllowed
    ? fc.oneof(
        { weight: 3, arbitrary: fc.constant(real) },
        { weight: 1, arbitrary: plausible },
        { weight: 2, arbitrary: hostile },
      )
    : fc.oneof(plausible, hostile);
}

/**
 * One hostile request for `route`. With the real key, a write never carries a body any
 * route could accept, and never aims at an existing event.
 */
export function requestArbitrary(route: Route, targets: Targets): fc.Arbitrary<FuzzRequest> {
  const write = route.method !== "GET" && route.method !== "HEAD";
  const forAuth = (auth: FuzzRequest["auth"]): fc.Arbitrary<FuzzRequest> => {
    const realWrite = write && auth === "real";
    const pathParameters = fc.record(
      Object.fromEntries(
        route.pathParameters.map((name) => [
          name,
          // A real write may aim at the fuzz treaty (with an invalid body) but never at a real event.
          pathValue(name, targets, !realWrite || name === "treatyId"),
        ]),
      ),
    ) as fc.Arbitrary<Record<string, string>>;
    // With the real key the schema is still fuzzed, but every body carries a field no strict
    // schema knows, so it cannot be stored even when the rest happens to be valid.
    const refused = fc.oneof(
      invalidBody(route, targets),
      mutated(route, targets).map((body) =>
        JSON.stringify(Object.fromEntries([...Object.entries(body), ["fuzzUnknownField", true]])),
      ),
    );
    const body: fc.Arbitrary<string | undefined> = realWrite
      ? hasBody(route.method)
        ? refused
        : fc.option(refused, { nil: undefined, freq: 4 })
      : hasBody(route.method)
        ? anyBody(route, targets)
        : fc.option(anyBody(route, targets), { nil: undefined, freq: 4 });
    const key =
      auth === "real"
        ? fc.constant(targets.apiKey)
        : fc.oneof(hostileString(targets.overHttp), fc.constantFrom(`${targets.apiKey}x`, targets.apiKey.slice(0, -1)));
    const headers = fc
      .record(
        {
          contentType: fc.constantFrom(...CONTENT_TYPES),
          ifMatch: fc.oneof(
            fc.constantFrom('"1"', "1", "*", 'W/"1"', "-1", "99999999999999999999"),
            hostileString(targets.overHttp),
          ),
          idempotencyKey: fc.oneof(fc.uuid(), hostileString(targets.overHttp)),
          ifNoneMatch: fc.oneof(fc.constant("*"), hostileString(targets.overHttp)),
          bearer: fc.boolean(),
          key,
        },
        { requiredKeys: ["bearer", "key"] },
      )
      .map((h) => {
        const headers: Record<string, string> = {};
        if (h.contentType !== undefined) headers["content-type"] = h.contentType;
        if (h.ifMatch !== undefined) headers["if-match"] = h.ifMatch;
        if (h.idempotencyKey !== undefined) headers["idempotency-key"] = h.idempotencyKey;
        if (h.ifNoneMatch !== undefined) headers["if-none-match"] = h.ifNoneMatch;
        if (auth !== "none") {
          if (h.bearer) headers.authorization = `Bearer ${h.key}`;
          else headers["x-api-key"] = h.key;
        }
        return headers;
      });
    return fc.record({
      method: fc.constant(route.method),
      pathParameters,
      query: queryArbitrary(targets.overHttp),
      headers,
      body,
      isBase64Encoded: targets.overHttp ? fc.constant(false) : fc.boolean(),
      auth: fc.constant(auth),
    });
  };
  return fc.oneof(
    { weight: 1, arbitrary: forAuth("none") },
    { weight: 1, arbitrary: forAuth("wrong") },
    { weight: 2, arbitrary: forAuth("real") },
  );
}

/** What every answer must be: no 5xx (501 from a route still being built excepted), and problem+json for every 4xx. */
export function checkAnswer(status: number, contentType: string | undefined, body: string | undefined): string[] {
  const problems: string[] = [];
  if (status >= 500 && status !== 501) problems.push(`answered ${status}`);
  if (status >= 400) {
    if (!/^application\/problem\+json/.test(contentType ?? ""))
      problems.push(`${status} with content-type ${contentType}`);
    else {
      try {
        const problem = JSON.parse(body ?? "") as { status?: unknown; title?: unknown; type?: unknown };
        if (problem.status !== status) problems.push(`problem status ${String(problem.status)} on a ${status}`);
        if (typeof problem.title !== "string" || typeof problem.type !== "string")
          problems.push("problem without title/type");
      } catch {
        problems.push(`${status} problem body is not JSON`);
      }
    }
  }
  return problems;
}
