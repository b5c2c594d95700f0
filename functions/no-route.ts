import { MethodNotAllowedError, RouteNotFoundError } from "#http/errors";
import { httpHandler } from "#http/handler";
import { allowedMethods } from "#http/routes";

/**
 * The catch-all route (`$default`): every request no other route matches gets problem+json, a 405
 * with `Allow` when the path exists under another method, else a 404.
 */
export const handler = httpHandler(async (event) => {
  const method = event.requestContext?.http?.method ?? "GET";
  const path = event.rawPath ?? event.requestContext?.http?.path ?? "/";
  const allowed = allowedMethods(path);
  throw allowed ? new MethodNotAllowedError(method, path, allowed) : new RouteNotFoundError(method, path);
});
