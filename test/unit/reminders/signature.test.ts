import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { newSubscriptionSecret, signedHeaders, signingSecrets } from "../../../lib/reminders/signature.ts";

/** Our signatures, checked by the Standard Webhooks reference library, not by our own code. */
describe("Standard Webhooks signatures", () => {
  const body = JSON.stringify({ text: "Reminder", daysUntil: 7 });

  it("issues whsec_ secrets the reference library reads", () => {
    const secret = newSubscriptionSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(() => new Webhook(secret)).not.toThrow();
  });

  it("signs id.timestamp.body so the reference library verifies it", () => {
    const secret = newSubscriptionSecret();
    const headers = signedHeaders([secret], "dlv_1", body);
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
    expect(headers["webhook-signature"]).toBe(
      new Webhook(secret).sign("dlv_1", new Date(Number(headers["webhook-timestamp"]) * 1000), body),
    );
  });

  it("carries one signature per secret, each verifiable alone", () => {
    const [current, previous] = [newSubscriptionSecret(), newSubscriptionSecret()];
    const headers = signedHeaders([current, previous], "dlv_2", body);
    expect(headers["webhook-signature"]?.split(" ")).toHaveLength(2);
    expect(new Webhook(current).verify(body, headers)).toBeTruthy();
    expect(new Webhook(previous).verify(body, headers)).toBeTruthy();
    expect(() => new Webhook(newSubscriptionSecret()).verify(body, headers)).toThrow(/No matching signature/);
  });

  it("is refused by the reference library when replayed with an old timestamp, or tampered with", () => {
    const secret = newSubscriptionSecret();
    const old = signedHeaders([secret], "dlv_3", body, new Date(Date.now() - 10 * 60 * 1000));
    expect(() => new Webhook(secret).verify(body, old)).toThrow(/timestamp too old/);
    const fresh = signedHeaders([secret], "dlv_3", body);
    expect(() => new Webhook(secret).verify(body.replace("7", "8"), fresh)).toThrow(/No matching signature/);
    expect(() =>
      new Webhook(secret).verify(body, { ...old, "webhook-timestamp": fresh["webhook-timestamp"] ?? "" }),
    ).toThrow(/No matching signature/);
  });

  it("signs with the previous secret too for 24 hours after a rotation, then with the new alone", () => {
    const rotatedAt = Date.parse("2026-11-30T10:00:00Z");
    const subscription = {
      secret: "whsec_new",
      previousSecret: "whsec_old",
      previousSecretExpiresAt: new Date(rotatedAt + 24 * 3600 * 1000).toISOString(),
    };
    expect(signingSecrets(subscription, new Date(rotatedAt + 23 * 3600 * 1000))).toEqual(["whsec_new", "whsec_old"]);
    expect(signingSecrets(subscription, new Date(rotatedAt + 24 * 3600 * 1000))).toEqual(["whsec_new"]);
    expect(signingSecrets({ secret: "whsec_only" })).toEqual(["whsec_only"]);
  });
});
