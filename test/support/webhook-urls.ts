import type { ResolvedAddress, ResolveHost, WebhookPolicy } from "../../lib/reminders/webhook-target.ts";

/**
 * The webhook URLs a deployed stage refuses and accepts, shared by the unit test of the rule,
 * the subscription handler's test and the delivery job's test. Names resolve through
 * `fakeDns` (tests cannot reach public DNS); everything else is an IP literal in one of its
 * spellings, which URL parsing normalises before the rule sees it.
 */
export const DEPLOYED_POLICY: WebhookPolicy = { allowLoopback: false, allowedPorts: [443, 8443] };

export const PUBLIC_V4 = "93.184.216.34";
export const PUBLIC_V6 = "2606:2800:220:1:248:1893:25c8:1946";

/** Names and what they resolve to; any other name does not resolve. */
export const DNS: Record<string, string[]> = {
  "hooks.newsroom.test": [PUBLIC_V4],
  "v6.newsroom.test": [PUBLIC_V6],
  "both.newsroom.test": [PUBLIC_V4, PUBLIC_V6],
  "internal.newsroom.test": ["10.0.0.5"],
  "metadata.newsroom.test": ["169.254.169.254"],
  "loopback.newsroom.test": ["127.0.0.1"],
  "mixed.newsroom.test": [PUBLIC_V4, "10.0.0.5"],
  "mixed6.newsroom.test": [PUBLIC_V6, "fd00::1"],
  "mapped.newsroom.test": ["::ffff:127.0.0.1"],
  "cgnat.newsroom.test": ["100.64.0.7"],
};

export function fakeDns(table: Record<string, string[]> = DNS): ResolveHost {
  return async (hostname: string): Promise<ResolvedAddress[]> => {
    const addresses = table[hostname.replace(/\.$/, "").toLowerCase()];
    if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND" });
    return addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
  };
}

/** [URL, what it is] — every one refused by a deployed stage, at subscription and at delivery. */
export const REFUSED_URLS: Array<[string, string]> = [
  ["https://127.0.0.1/x", "loopback"],
  ["https://127.255.255.254/x", "loopback, end of 127/8"],
  ["https://0x7f000001/x", "loopback as one hex number"],
  ["https://2130706433/x", "loopback as one decimal number"],
  ["https://0177.0.0.1/x", "loopback in octal"],
  ["https://127.1/x", "loopback in two parts"],
  ["https://0x7f.0.0.1/x", "loopback with a hex part"],
  ["https://[::1]/x", "IPv6 loopback"],
  ["https://[::ffff:127.0.0.1]/x", "IPv4-mapped loopback, dotted"],
  ["https://[::ffff:7f00:1]/x", "IPv4-mapped loopback, hex"],
  ["https://[::127.0.0.1]/x", "IPv4-compatible loopback (outside 2000::/3)"],
  ["https://localhost/x", "localhost"],
  ["https://desk.localhost/x", "a .localhost name"],
  ["https://10.0.0.5/hook", "RFC 1918 10/8"],
  ["https://172.16.0.1/x", "RFC 1918 172.16/12"],
  ["https://172.31.255.254/x", "RFC 1918 172.16/12, top"],
  ["https://192.168.1.1/x", "RFC 1918 192.168/16"],
  ["https://169.254.169.254/latest", "link-local: cloud metadata"],
  ["https://2852039166/latest", "cloud metadata as one decimal number"],
  ["https://0xa9.0xfe.0xa9.0xfe/latest", "cloud metadata in hex parts"],
  ["https://[::ffff:169.254.169.254]/latest", "IPv4-mapped cloud metadata"],
  ["https://[fe80::]/x", "IPv6 link-local"],
  ["https://[fe80::1]/x", "IPv6 link-local host"],
  ["https://[fc00::]/x", "unique-local fc00::/7"],
  ["https://[fd12:3456::1]/x", "unique-local fd00::/8"],
  ["https://100.64.0.1/x", "shared 100.64/10"],
  ["https://100.127.255.254/x", "shared 100.64/10, top"],
  ["https://0.0.0.0/x", "unspecified"],
  ["https://0/x", "unspecified as one number"],
  ["https://[::]/x", "IPv6 unspecified"],
  ["https://224.0.0.1/x", "multicast 224/4"],
  ["https://239.255.255.250/x", "multicast SSDP"],
  ["https://[ff02::1]/x", "IPv6 multicast ff02::"],
  ["https://240.0.0.1/x", "reserved 240/4"],
  ["https://255.255.255.255/x", "broadcast"],
  ["https://192.0.2.1/x", "documentation TEST-NET-1"],
  ["https://198.18.0.1/x", "benchmarking 198.18/15"],
  ["https://[2001:db8::1]/x", "IPv6 documentation"],
  ["https://[64:ff9b::a00:5]/x", "NAT64 of 10.0.0.5"],
  ["https://[2002:a00:5::1]/x", "6to4 of 10.0.0.5"],
  ["https://[2001::1]/x", "Teredo"],
  ["https://example.org:22/x", "port 22"],
  ["https://example.org:80/x", "port 80 under https"],
  ["https://example.org:8080/x", "a port the stage does not list"],
  ["https://93.184.216.34:6379/x", "a public address on a port the stage does not list"],
  ["https://metadata/x", "a single-label name"],
  ["https://internal.newsroom.test/x", "a name resolving to 10.0.0.5"],
  ["https://metadata.newsroom.test/latest", "a name resolving to 169.254.169.254"],
  ["https://loopback.newsroom.test/x", "a name resolving to 127.0.0.1"],
  ["https://mixed.newsroom.test/x", "a name resolving to a public and a private address"],
  ["https://mixed6.newsroom.test/x", "a name resolving to a public and a unique-local IPv6 address"],
  ["https://mapped.newsroom.test/x", "a name resolving to IPv4-mapped loopback"],
  ["https://cgnat.newsroom.test/x", "a name resolving to 100.64/10"],
  ["https://nowhere.newsroom.test/x", "a name that does not resolve"],
];

/** [URL, what it is, the address a delivery connects to] — every one accepted by a deployed stage. */
export const ACCEPTED_URLS: Array<[string, string, string]> = [
  ["https://hooks.newsroom.test/services/T1/B2/X", "a name resolving to a public address", PUBLIC_V4],
  ["https://v6.newsroom.test/hook", "a name resolving to a public IPv6 address", PUBLIC_V6],
  ["https://both.newsroom.test/hook", "a name resolving to public IPv4 and IPv6", PUBLIC_V4],
  ["https://hooks.newsroom.test.:443/x", "a fully qualified name on the explicit default port", PUBLIC_V4],
  ["https://hooks.newsroom.test:8443/x", "a port the stage lists", PUBLIC_V4],
  [`https://${PUBLIC_V4}/hook`, "a public IPv4 literal", PUBLIC_V4],
  [`https://[${PUBLIC_V6}]/hook`, "a public IPv6 literal", PUBLIC_V6],
  [`https://[::ffff:${PUBLIC_V4}]/hook`, "an IPv4-mapped public address", `::ffff:5db8:d822`],
];
