import { runningLocally } from "#lib/config";

/**
 * The spelling of a webhook URL, checked at the edge with no lookup: an absolute https URL
 * without credentials; plain http only to this machine and only when running locally
 * (serverless-offline, tests). Where the URL points (public addresses only, allowed ports)
 * is decided by lib/reminders/webhook-target.ts, at subscription and again at delivery.
 */
export const MAX_WEBHOOK_URL_LENGTH = 2048;

const LOOPBACK_HOSTS = new Set(["localhost", "[::1]"]);

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return LOOPBACK_HOSTS.has(host) || host.endsWith(".localhost") || /^127(?:\.\d{1,3}){3}$/.test(host);
}

/** Why `text` cannot receive reminders, in words for the client; undefined when it can. */
export function webhookUrlProblem(text: string): string | undefined {
  if (text.length > MAX_WEBHOOK_URL_LENGTH) return `must be at most ${MAX_WEBHOOK_URL_LENGTH} characters`;
  if (!URL.canParse(text)) return "must be an absolute URL such as https://hooks.slack.com/services/...";
  const url = new URL(text);
  if (url.username || url.password) return "must not carry a user name or password; put secrets in the path";
  const loopback = isLoopbackHost(url.hostname);
  if (url.protocol === "https:") return undefined;
  if (url.protocol === "http:") {
    if (loopback && runningLocally()) return undefined;
    return loopback
      ? "must use https (plain http to this machine is allowed only when running locally)"
      : "must use https (plain http is allowed only to localhost, when running locally)";
  }
  return `must use https, not ${url.protocol.replace(/:$/, "")}`;
}

/** The URL as listings show it: a Slack webhook's path is its secret, so only scheme and host. */
export function maskWebhookUrl(text: string): string {
  if (!URL.canParse(text)) return "…";
  const url = new URL(text);
  return `${url.protocol}//${url.host}/…`;
}
