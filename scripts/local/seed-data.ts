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
  /** Treaties whose definition in data/ changed: deadlines derived again from the same history. */
  treatiesRedefined: number;
  eventsCreated: number;
  /** Events whose facts in data/ changed: corrected with a revision, reason "catalogue update". */
  eventsCorrected: number;
  /** Events a newsroom has corrected or retracted since the seed wrote them: the newsroom's version stays. */
  eventsKeptAsEdited: number;
  unchanged: number;
}

/** The reason every revision the catalogue makes carries. */
export const CATALOGUE_UPDATE = "catalogue update";
const SEED_AUTHOR = "seed";

/**
 * Loads the catalogue. Loading it twice changes nothing. A treaty or event already stored is compared with
 * data/: a changed event is corrected through the corrections path (a revision, reason "catalogue update"),
 * a changed treaty definition has its deadlines derived again; an event a newsroom has corrected or retracted
 * since is left as the newsroom has it, and counted.
 */
export async function loadSeed(files = readSeedFiles(), now = new Date()): Promise<SeedReport> {
  // Imported here: the store reads TABLE_NAME when it loads, after the caller set it.
  const { EventExistsError, TreatyExistsError } = await import("#domain/errors");
  const { EDITABLE_EVENT_FIELDS } = await import("#domain/records");
  const { parseWith } = await import("#http/request");
  const { eventInput, treatyInput } = await import("#http/schemas");
  const { createTreaty, redefineTreaty } = await import("#app/treaties");
  const { addEvent, correctEvent } = await import("#app/events");
  const { getEvent } = await import("#store/events");

  const report: SeedReport = {
    treatiesCreated: 0,
    treatiesRedefined: 0,
    eventsCreated: 0,
    eventsCorrected: 0,
    eventsKeptAsEdited: 0,
    unchanged: 0,
  };
  for (const file of files) {
    const treaty = parseWith(treatyInput, file.treaty, `seed treaty ${file.treaty.id}`);
    try {
      await createTreaty(treaty, SEED_AUTHOR, now);
      report.treatiesCreated++;
    } catch (error) {
      if (!(error instanceof TreatyExistsError)) throw error;
      if (await redefineTreaty(treaty, now)) report.treatiesRedefined++;
      else report.unchanged++;
    }
    for (const { id, ...fields } of file.events) {
      const input = parseWith(eventInput, fields, `seed event ${id}`);
      try {
        await addEvent(
          { ...input, id, treatyId: treaty.id, createdAt: now.toISOString(), version: 1, createdBy: SEED_AUTHOR },
          now,
        );
        report.eventsCreated++;
      } catch (error) {
        if (!(error instanceof EventExistsError)) throw error;
        const stored = await getEvent(treaty.id, id, { consistent: true });
        const differs = EDITABLE_EVENT_FIELDS.some(
          (field) => JSON.stringify(stored[field] ?? null) !== JSON.stringify(input[field] ?? null),
        );
        if (!differs) {
          report.unchanged++;
        } else if (stored.retracted || (stored.updatedBy ?? SEED_AUTHOR) !== SEED_AUTHOR) {
          report.eventsKeptAsEdited++;
        } else {
          await correctEvent(
            { treatyId: treaty.id, eventId: id, by: SEED_AUTHOR, reason: CATALOGUE_UPDATE },
            () => input,
            now,
          );
          report.eventsCorrected++;
        }
      }
    }
  }
  return report;
}
