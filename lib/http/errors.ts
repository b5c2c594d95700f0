/**
 * Errors of the HTTP edge: the request itself is wrong. Domain errors live in
 * lib/domain/errors.ts; lib/http/problem.ts maps both kinds to problem+json.
 */
export interface FieldError {
  path: string;
  message: string;
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    detail: string,
    readonly errors?: FieldError[],
    readonly headers?: Record<string, string>,
  ) {
    super(detail);
    this.name = new.target.name;
  }
}

export class BadRequestError extends HttpError {
  constructor(detail: string, errors?: FieldError[]) {
    super(400, "Bad request", detail, errors);
  }
}

export class UnauthorizedError extends HttpError {
  constructor(
    detail = "This request changes data and needs an API key in the x-api-key header (or Authorization: Bearer <key>).",
  ) {
    super(401, "API key required", detail, undefined, { "www-authenticate": 'Bearer realm="treaty-clock"' });
  }
}

export class RouteNotFoundError extends HttpError {
  constructor(method: string, path: string) {
    super(404, "Not found", `There is no route ${method} ${path}. The routes are listed in GET /openapi.json.`);
  }
}

export class MethodNotAllowedError extends HttpError {
  constructor(method: string, path: string, allowed: readonly string[]) {
    super(
      405,
      "Method not allowed",
      `${path} does not answer ${method}; it answers ${allowed.join(", ")}.`,
      undefined,
      { allow: allowed.join(", ") },
    );
  }
}

export class PayloadTooLargeError extends HttpError {
  constructor(limit: number) {
    super(413, "Request body too large", `The request body is larger than ${limit} bytes.`);
  }
}

export class UnsupportedMediaTypeError extends HttpError {
  constructor() {
    super(415, "Unsupported media type", "Send the request body as JSON with Content-Type: application/json.");
  }
}

export class ServiceUnavailableError extends HttpError {
  constructor(retryAfterSeconds: number) {
    super(
      503,
      "Service temporarily unavailable",
      "The database is busy or unreachable. Nothing was changed; try again shortly.",
      undefined,
      { "retry-after": String(retryAfterSeconds) },
    );
  }
}
