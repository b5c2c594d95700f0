import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

/** What each layer of lib/ may import, by subpath alias; anything else is a layer pointing upwards. */
const ALLOWED: Record<string, readonly string[]> = {
  domain: ["#domain"],
  formats: ["#domain", "#formats"],
  store: ["#domain", "#store", "#lib"],
  app: ["#app", "#domain", "#store", "#lib"],
};

function importsOf(layer: string): Array<{ file: string; alias: string }> {
  const dir = new URL(`../../lib/${layer}/`, import.meta.url);
  return readdirSync(dir)
    .filter((name) => name.endsWith(".ts"))
    .flatMap((name) =>
      [...readFileSync(new URL(name, dir), "utf8").matchAll(/from "(#[a-z]+)\//g)].map((match) => ({
        file: `lib/${layer}/${name}`,
        alias: match[1] ?? "",
      })),
    );
}

describe("the layers of lib/", () => {
  for (const [layer, allowed] of Object.entries(ALLOWED)) {
    it(`keeps lib/${layer} to ${allowed.join(", ")}`, () => {
      const upwards = importsOf(layer).filter(({ alias }) => !allowed.includes(alias));
      expect(upwards).toEqual([]);
    });
  }

  it("keeps the domain free of I/O, AWS and the environment", () => {
    const dir = new URL("../../lib/domain/", import.meta.url);
    const files = readdirSync(dir).filter((name) => name.endsWith(".ts"));
    expect(files.length).toBeGreaterThan(5);
    for (const name of files) {
      expect(readFileSync(new URL(name, dir), "utf8"), name).not.toMatch(/@aws-sdk|node:fs|node:http|process\.env/);
    }
  });
});
