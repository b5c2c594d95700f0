import { describe, expect, it } from "vitest";
import { correctEvent } from "#app/events";
import { getEvent } from "#store/events";
import { getTreaty } from "#store/treaties";
import { CATALOGUE_UPDATE, loadSeed, readSeedFiles, type SeedFile } from "../../scripts/local/seed-data.ts";
import { uniqueId } from "../support/lambda.ts";

/** A catalogue file under a fresh treaty id, so the test owns every record it touches. */
function privateCopy(id: string, name = "abm.json"): SeedFile {
  const file = readSeedFiles().find((f) => `${f.treaty.id}.json` === name) as SeedFile;
  const copy = structuredClone(file);
  copy.treaty.id = id;
  copy.events = copy.events.map((event) => ({ ...event, id: event.id.replace(file.treaty.id, id) }));
  return copy;
}

describe("the seed data", () => {
  it("changes nothing when loaded a second time", async () => {
    // The global setup loaded it once already.
    const files = readSeedFiles();
    const report = await loadSeed(files);
    expect(report.treatiesCreated).toBe(0);
    expect(report.treatiesRedefined).toBe(0);
    expect(report.eventsCreated).toBe(0);
    expect(report.eventsCorrected).toBe(0);
  });

  it("refreshes a changed fact through the corrections path, keeps a newsroom's own correction, and re-derives a changed clause", async () => {
    const id = uniqueId();
    const file = privateCopy(id);
    expect((await loadSeed([file])).treatiesCreated).toBe(1);
    const notice = file.events.find((event) => event.type === "withdrawal_notice");
    const other = file.events.find((event) => event.type === "signed");
    if (!notice || !other) throw new Error("the ABM file has a notice and a signing");

    // The newsroom corrects one seeded event itself.
    await correctEvent(
      { treatyId: id, eventId: other.id, by: "key-desk", reason: "Checked the archive." },
      (current) => ({ ...current, description: "The desk's own wording." }),
      new Date(),
    );
    // data/ then changes: a notice's description, the signing's title, and the clause's notice period.
    const changed = structuredClone(file);
    for (const event of changed.events) {
      if (event.id === notice.id) event.description = "Delivered to Russia's embassy (checked against the note).";
      if (event.id === other.id) event.title = "A catalogue retitle";
    }
    if (!changed.treaty.withdrawal) throw new Error("the ABM file has a clause");
    changed.treaty.withdrawal = { ...changed.treaty.withdrawal, noticePeriod: { months: 7 } };

    const report = await loadSeed([changed]);
    expect(report).toMatchObject({ treatiesRedefined: 1, eventsCorrected: 1, eventsKeptAsEdited: 1, eventsCreated: 0 });
    const corrected = await getEvent(id, notice.id);
    expect(corrected).toMatchObject({ version: 2, updatedBy: "seed", description: expect.stringContaining("checked") });
    const { listRevisions } = await import("#store/revisions");
    const revisions = await listRevisions(id, notice.id);
    expect(revisions.map((revision) => revision.reason)).toEqual([CATALOGUE_UPDATE]);
    expect((await getEvent(id, other.id)).description).toBe("The desk's own wording.");
    const exit = (await getTreaty(id)).deadlines.find((d) => d.kind === "withdrawal_effective");
    expect(exit?.date).toBe("2002-07-13");

    // And loading the same data again changes nothing more.
    expect(await loadSeed([changed])).toMatchObject({ treatiesRedefined: 0, eventsCorrected: 0, eventsCreated: 0 });
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
