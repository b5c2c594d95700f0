import { describe, expect, it } from "vitest";
import {
  addressProblem,
  checkWebhookTarget,
  parseAllowedPorts,
  useResolver,
} from "../../../lib/reminders/webhook-target.ts";
import { webhookUrlProblem } from "../../../lib/reminders/webhook-url.ts";
import { ACCEPTED_URLS, DEPLOYED_POLICY, fakeDns, REFUSED_URLS } from "../../support/webhook-urls.ts";

describe("where a deployed stage posts reminders", () => {
  useResolver(fakeDns());

  it("has a table of at least 30 refused URLs covering every range and spelling", () => {
    expect(REFUSED_URLS.length).toBeGreaterThanOrEqual(30);
  });

  it.each(REFUSED_URLS)("refuses %s (%s)", async (url) => {
    expect(webhookUrlProblem(url)).toBeUndefined();
    const check = await checkWebhookTarget(url, DEPLOYED_POLICY);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.problem).toMatch(/^(must|names)/);
  });

  it.each(ACCEPTED_URLS)("accepts %s (%s) and connects to %s", async (url, _what, address) => {
    const check = await checkWebhookTarget(url, DEPLOYED_POLICY);
    expect(check).toMatchObject({ ok: true, target: { address } });
  });

  it("says which range an address is in", async () => {
    expect(addressProblem("10.0.0.5", DEPLOYED_POLICY)).toBe("10.0.0.5 is a private (RFC 1918) address");
    expect(addressProblem("::ffff:169.254.169.254", DEPLOYED_POLICY)).toBe("169.254.169.254 is a link-local address");
    const check = await checkWebhookTarget("https://mixed.newsroom.test/x", DEPLOYED_POLICY);
    expect(check).toEqual({
      ok: false,
      problem: "must point at a public address: mixed.newsroom.test resolves to 10.0.0.5, a private (RFC 1918) address",
    });
  });

  it("lets local runs and tests post to loopback on any port, and nowhere else inward", async () => {
    const local = { allowLoopback: true, allowedPorts: [443] };
    expect((await checkWebhookTarget("http://127.0.0.1:9/hook", local)).ok).toBe(true);
    expect((await checkWebhookTarget("http://localhost:3000/hook", local)).ok).toBe(false); // not in the fake DNS
    expect((await checkWebhookTarget("https://[::1]:8080/hook", local)).ok).toBe(true);
    expect((await checkWebhookTarget("https://loopback.newsroom.test/x", local)).ok).toBe(true);
    expect((await checkWebhookTarget("https://10.0.0.5/x", local)).ok).toBe(false);
    expect((await checkWebhookTarget("http://93.184.216.34/x", local)).ok).toBe(false);
  });

  it("reads the stage's extra ports, always keeping 443, and refuses a list it cannot read", () => {
    expect(parseAllowedPorts(undefined)).toEqual([443]);
    expect(parseAllowedPorts("443")).toEqual([443]);
    expect(parseAllowedPorts("8443, 9443")).toEqual([443, 8443, 9443]);
    expect(() => parseAllowedPorts("22,abc")).toThrow(/WEBHOOK_ALLOWED_PORTS/);
    expect(() => parseAllowedPorts("70000")).toThrow(/WEBHOOK_ALLOWED_PORTS/);
  });
});
