import { lookup } from "node:dns/promises";
import ipaddr from "ipaddr.js";
import { optionalEnv, runningLocally } from "#lib/config";

/**
 * Where a reminder may be posted, decided on addresses rather than on spellings: the URL's
 * host is an IP literal (which WHATWG URL parsing has already normalised: 0x7f000001,
 * 2130706433, 0177.0.0.1 and 127.1 all arrive here as 127.0.0.1) or a name, and every address
 * the name resolves to must be public. One non-public address refuses the whole name, so a
 * name cannot smuggle an inward address in beside a public one.
 *
 * The check runs when a subscription is made and again before every delivery; the delivery
 * then connects to the very address checked here (lib/reminders/delivery.ts), so a name
 * that is rebound between the two lookups cannot aim a reminder inward.
 *
 * Public means: IPv4 in ipaddr.js's "unicast" range (not loopback, RFC 1918, link-local,
 * shared 100.64/10, multicast, unspecified, broadcast, reserved or documentation ranges);
 * IPv6 in global unicast 2000::/3 and ipaddr.js's "unicast" range (so no 6to4, Teredo, NAT64,
 * documentation or ORCHID prefixes either); IPv4-mapped IPv6 is judged as the IPv4 it maps.
 */
export interface WebhookPolicy {
  /** Local runs and tests only: loopback receivers on any port, plain http included. */
  allowLoopback: boolean;
  /** Ports a webhook may use besides 443 (from WEBHOOK_ALLOWED_PORTS in the stage's configuration). */
  allowedPorts: readonly number[];
}

export type ResolvedAddress = { address: string; family: 4 | 6 };
export type ResolveHost = (hostname: string) => Promise<ResolvedAddress[]>;

/** A checked webhook: the URL, and the address a delivery must connect to. */
export interface WebhookTarget {
  url: URL;
  /** The host name, or the IP literal without brackets. */
  host: string;
  address: string;
  family: 4 | 6;
}

export type TargetCheck = { ok: true; target: WebhookTarget } | { ok: false; problem: string };

export const DEFAULT_WEBHOOK_PORT = 443;

/** WEBHOOK_ALLOWED_PORTS: a comma-separated list of ports (443 is always allowed). */
export function parseAllowedPorts(text: string | undefined): number[] {
  if (text === undefined) return [DEFAULT_WEBHOOK_PORT];
  const ports = text
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);
  for (const port of ports) {
    if (!/^\d{1,5}$/.test(port) || Number(port) < 1 || Number(port) > 65535) {
      throw new Error(`WEBHOOK_ALLOWED_PORTS must be a comma-separated list of ports from 1 to 65535, not "${text}".`);
    }
  }
  return [...new Set([DEFAULT_WEBHOOK_PORT, ...ports.map(Number)])].sort((a, b) => a - b);
}

const GLOBAL_UNICAST_V6 = ipaddr.IPv6.parseCIDR("2000::/3");

/** The address as judged (IPv4-mapped shown as IPv4) and what makes it non-public, or undefined when it is public. */
function nonPublic(
  address: string,
  policy: Pick<WebhookPolicy, "allowLoopback">,
): { shown: string; why: string } | undefined {
  if (!ipaddr.isValid(address)) return { shown: address, why: "not an IP address" };
  let ip = ipaddr.parse(address);
  if (ip.kind() === "ipv6" && (ip as ipaddr.IPv6).isIPv4MappedAddress()) ip = (ip as ipaddr.IPv6).toIPv4Address();
  const range = ip.range();
  const shown = ip.toString();
  if (range === "loopback" && policy.allowLoopback) return undefined;
  if (ip.kind() === "ipv6" && range === "unicast" && !(ip as ipaddr.IPv6).match(GLOBAL_UNICAST_V6)) {
    return { shown, why: "outside the global unicast range 2000::/3" };
  }
  if (range === "unicast") return undefined;
  return { shown, why: RANGE_WORDS[range] ?? `in the special-purpose range "${range}"` };
}

/** Why `address` may not receive reminders (its range, in words), or undefined when it is public. */
export function addressProblem(address: string, policy: Pick<WebhookPolicy, "allowLoopback">): string | undefined {
  const found = nonPublic(address, policy);
  return found && `${found.shown} is ${found.why}`;
}

const RANGE_WORDS: Record<string, string> = {
  loopback: "a loopback address",
  private: "a private (RFC 1918) address",
  linkLocal: "a link-local address",
  carrierGradeNat: "a shared (100.64.0.0/10) address",
  uniqueLocal: "a unique-local (fc00::/7) address",
  multicast: "a multicast address",
  unspecified: "the unspecified address",
  broadcast: "the broadcast address",
  reserved: "a reserved address",
  rfc6052: "a NAT64 (64:ff9b::/96) address",
  "6to4": "a 6to4 (2002::/16) address",
  teredo: "a Teredo (2001::/32) address",
};

/** Host names that name this machine whatever DNS says. */
const isLocalName = (host: string) => host === "localhost" || host.endsWith(".localhost");

/** The port a URL connects to, the scheme's default included. */
export const portOf = (url: URL): number => (url.port ? Number(url.port) : url.protocol === "https:" ? 443 : 80);

/** The syntactic half of the check: host spelling and port, with no lookup. */
function hostAndPortProblem(url: URL, policy: WebhookPolicy): string | undefined {
  const host = url.hostname
    .replace(/^\[|\]$/g, "")
    .replace(/\.$/, "")
    .toLowerCase();
  if (isLocalName(host) && !policy.allowLoopback) return "must not point at this machine (localhost)";
  if (!ipaddr.isValid(host) && !host.includes(".") && !isLocalName(host)) {
    return `must name a public host with a domain (${host} is a single-label name)`;
  }
  const loopbackTarget = isLocalName(host) || (ipaddr.isValid(host) && ipaddr.process(host).range() === "loopback");
  if (policy.allowLoopback && loopbackTarget) return undefined;
  if (url.protocol !== "https:") return "must use https";
  const port = portOf(url);
  if (!policy.allowedPorts.includes(port)) {
    return `must use port ${policy.allowedPorts.join(" or ")}, not ${port}`;
  }
  return undefined;
}

async function systemResolve(hostname: string): Promise<ResolvedAddress[]> {
  const addresses = await lookup(hostname, { all: true, verbatim: true });
  return addresses.map(({ address, family }) => ({ address, family: family === 6 ? 6 : 4 }));
}

/** Test seam: the resolver this module uses (node:dns lookup, all addresses, unless a test replaces it). */
let resolveHost: ResolveHost = systemResolve;
let policy: WebhookPolicy = {
  allowLoopback: runningLocally(),
  allowedPorts: parseAllowedPorts(optionalEnv("WEBHOOK_ALLOWED_PORTS")),
};

/** Replaces the resolver (tests cannot reach public DNS); returns the function that puts it back. */
export function useResolver(resolver: ResolveHost): () => void {
  const previous = resolveHost;
  resolveHost = resolver;
  return () => {
    resolveHost = previous;
  };
}

/** Replaces the policy read from the configuration (tests of a deployed stage's rules); returns the undo. */
export function useWebhookPolicy(next: WebhookPolicy): () => void {
  const previous = policy;
  policy = next;
  return () => {
    policy = previous;
  };
}

export const currentWebhookPolicy = (): WebhookPolicy => policy;

/** How long a subscription or a delivery waits for DNS before calling the name unresolvable. */
const LOOKUP_TIMEOUT_MS = 3_000;

async function resolveWithin(hostname: string, ms: number): Promise<ResolvedAddress[]> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error("DNS lookup timed out"), { code: "ETIMEOUT" })), ms);
  });
  try {
    return await Promise.race([resolveHost(hostname), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Checks a URL that already passed the syntactic rules (lib/reminders/webhook-url.ts):
 * its port, its host, and every address its host resolves to now. On success, the address
 * to connect to: the first one the resolver gave, all of them having passed.
 */
export async function checkWebhookTarget(text: string, rules: WebhookPolicy = policy): Promise<TargetCheck> {
  if (!URL.canParse(text)) return { ok: false, problem: "must be an absolute URL" };
  const url = new URL(text);
  const spelled = hostAndPortProblem(url, rules);
  if (spelled) return { ok: false, problem: spelled };
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (ipaddr.isValid(host)) {
    const problem = addressProblem(host, rules);
    if (problem) return { ok: false, problem: `must point at a public address: ${problem}` };
    return { ok: true, target: { url, host, address: host, family: host.includes(":") ? 6 : 4 } };
  }
  let addresses: ResolvedAddress[];
  try {
    addresses = await resolveWithin(host, LOOKUP_TIMEOUT_MS);
  } catch (error) {
    const code = (error as { code?: string }).code ?? "no answer";
    return { ok: false, problem: `names a host that could not be resolved (${code}); use a public host name` };
  }
  if (addresses.length === 0) return { ok: false, problem: "names a host with no addresses" };
  for (const { address } of addresses) {
    const found = nonPublic(address, rules);
    if (found) {
      return { ok: false, problem: `must point at a public address: ${host} resolves to ${found.shown}, ${found.why}` };
    }
  }
  const [first] = addresses as [ResolvedAddress, ...ResolvedAddress[]];
  return { ok: true, target: { url, host, address: first.address, family: first.family } };
}
