import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

/**
 * serverless-offline rebuilds every function when a file its watcher matches changes. The plugin's default
 * pattern (every .js and .ts below the service) also matched the folders the tests, the benches and
 * `npm run package` build into (.esbuild-test, .esbuild-package-<stage>, ...), so one build set off the
 * next until the local API ran out of memory mid-run. The watcher must see the sources and nothing else.
 */
const serverless = parse(readFileSync(new URL("../../serverless.yml", import.meta.url), "utf8"), {
  logLevel: "error",
}) as { custom: { esbuild: { watch?: { pattern?: string[] } } } };
const SOURCES = ["functions/", "lib/"];

/** The folder a glob starts from: everything before its first wildcard. */
const baseOf = (pattern: string) => pattern.slice(0, pattern.search(/[*?[{]/));

describe("the local API's rebuild watcher", () => {
  const patterns = serverless.custom.esbuild.watch?.pattern ?? [];

  it("is given its own patterns (the plugin's default watches the build folders too)", () => {
    expect(patterns.length).toBeGreaterThan(0);
  });

  it.each(patterns)("%s watches only the sources", (pattern) => {
    expect(SOURCES).toContain(baseOf(pattern));
  });
});
