import { afterEach, describe, expect, it, vi } from "vitest";

/** lib/clock.ts reads its offset once, at load: each case loads it afresh. */
async function clockWith(env: Record<string, string | undefined>) {
  vi.resetModules();
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
  return import("../../lib/clock.ts");
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("the clock", () => {
  it("runs a day ahead locally when TREATY_CLOCK_OFFSET_MS says so", async () => {
    const clock = await clockWith({ TREATY_CLOCK_LOCAL: "true", TREATY_CLOCK_OFFSET_MS: String(86_400_000) });
    expect(clock.now().getTime() - Date.now()).toBeGreaterThan(86_400_000 - 1_000);
    expect(clock.now().getTime() - Date.now()).toBeLessThanOrEqual(86_400_000);
  });

  it("ignores the offset on AWS, where neither serverless-offline nor the tests run", async () => {
    const clock = await clockWith({ TREATY_CLOCK_LOCAL: "", IS_OFFLINE: "", TREATY_CLOCK_OFFSET_MS: "86400000" });
    expect(Math.abs(clock.now().getTime() - Date.now())).toBeLessThan(1_000);
  });

  it("refuses an offset that is not a whole number of milliseconds", async () => {
    await expect(clockWith({ TREATY_CLOCK_LOCAL: "true", TREATY_CLOCK_OFFSET_MS: "soon" })).rejects.toThrow(
      /TREATY_CLOCK_OFFSET_MS/,
    );
  });
});
