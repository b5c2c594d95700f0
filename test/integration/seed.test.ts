import { describe, expect, it } from "vitest";
import { loadSeed, readSeedFiles } from "../../scripts/local/seed-data.ts";

describe("the seed data", () => {
  it("changes nothing when loaded a second time", async () => {
    // The global setup loaded it once already.
    const files = readSeedFiles();
    const report = await loadSeed(files);
    expect(report.treatiesCreated).toBe(0);
    expect(report.eventsCreated).toBe(0);
    expect(report.unchanged).toBe(files.length + files.reduce((sum, file) => sum + file.events.length, 0));
  });

  it("gives every event at least one http(s) source and a unique, stable id", () => {
    const ids = new Set<string>();
    for (const { treaty, events } of readSeedFiles()) {
      for (const event of events) {
        expect(event.sources.length, event.id).toBeGreaterThan(0);
        for (const source of event.sources) expect(source.url, event.id).toMatch(/^https?:\/\//);
        expect(event.id.startsWith(`${treaty.id}-`), event.id).toBe(true);
        expect(ids.has(event.id), event.id).toBe(false);
        ids.add(event.id);
      }
    }
  });
});
