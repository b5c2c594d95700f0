import { type HttpEvent, header } from "#http/request";
import { optionalEnv } from "#lib/config";

const stageUrl = optionalEnv("PUBLIC_API_URL");

// Only a loopback Host is taken from the request: anywhere else the Host header is the client's
// to choose, and a cached document must not name a server a stranger made up.
const LOOPBACK_HOST = /^(?:localhost|127\.\d{1,3}\.\d{1,3}\.\d{1,3}|\[::1\])(?::\d{1,5})?$/i;

/** The OpenAPI `servers` entry for the API that received `event`. */
export function serverFor(event: HttpEvent): { url: string; description: string } {
  const host = header(event, "host");
  if (host && LOOPBACK_HOST.test(host)) return { url: `http://${host}`, description: "this local API" };
  if (stageUrl) return { url: stageUrl.replace(/\/+$/, ""), description: "this stage" };
  const domain = event.requestContext?.domainName;
  return { url: `https://${domain ?? "localhost"}`, description: "this API" };
}
