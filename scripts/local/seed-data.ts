import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { TimelineEvent, Treaty } from "#domain/types";

/**
 * Loads the seed data in data/treaties into the table the environment points at.
 * Idempotent: treaties and events have stable ids and are written only when absent, so
 * loading twice changes nothing. Everything goes through the same schemas and store
 * functions as the API, so the seed cannot hold what the API would refuse.
 */
const DATA_DIR = fileURLToPath(new URL("../../data/treaties/", import.meta.url));

export interface SeedFile {
  treaty: Treaty;
  events: Array<Omit<TimelineEvent, "treatyId">>;
}

export function readSeedFiles(dir = DATA_DIR): SeedFile[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith(".json"))
    .sort()
    .map((name) => JSON.parse(readFileSync(`${dir}${name}`, "utf8")) as SeedFile);
}

export interface SeedReport {
  treatiesCreated: number;
  eventsCreated: number;
  unchanged: number;
}

export async function loadSeed(files = readSeedFiles(), now = new Date()): Promise<SeedReport> {
  // Imported here: the store reads TABLE_NAME when it loads, after the caller set it.
  const { EventExistsError, TreatyExistsError } = await import("#domain/errors");
  const { parseWith } = await import("#http/request");
  const { eventInput, treatyInput } = await import("#http/schemas");
  const { createTreaty } = await import("#app/treaties");
  const { addEvent } = await import("#app/events");

  const report: SeedReport = { treatiesCreated: 0, eventsCreated: 0, unchanged: 0 };
  for (const file of files) {
    const treaty = parseWith(treatyInput, file.treaty, `seed treaty ${file.treaty.id}`);
    try {
      await createTreaty(treaty, "seed", now);
      report.treatiesCreated++;
    } catch (error) {
      if (!(error instanceof TreatyExistsError)) throw error;
      report.unchanged++;
    }
    for (const { id, ...fields } of file.events) {
      const input = parseWith(eventInput, fields, `seed event ${id}`);
      try {
        await addEvent(
          { ...input, id, treatyId: treaty.id, createdAt: now.toISOString(), version: 1, createdBy: "seed" },
          now,
        );
        report.eventsCreated++;
      } catch (error) {
        if (!(error instanceof EventExistsError)) throw error;
        report.unchanged++;
      }
    }
  }
  return report;
}
