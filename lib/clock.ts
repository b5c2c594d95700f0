/**
 * "Now", read in one place. Answers that depend on today's date (a countdown without `asOf`,
 * the embed, the coming year's deadlines) and the cache lifetimes that must end at midnight
 * read the time here, so a local run can be set to any moment.
 *
 * Locally only (npm start, the tests, the benches), TREATY_CLOCK_OFFSET_MS moves the clock by a
 * fixed number of milliseconds: every process started with the same value agrees on the time,
 * and the clock keeps running. On AWS the variable is ignored and the clock is the system's.
 */
import { optionalEnv, runningLocally } from "#lib/config";

function readOffset(): number {
  if (!runningLocally()) return 0;
  const text = optionalEnv("TREATY_CLOCK_OFFSET_MS");
  if (text === undefined) return 0;
  const offset = Number(text);
  if (!Number.isSafeInteger(offset)) {
    throw new Error(`TREATY_CLOCK_OFFSET_MS must be a whole number of milliseconds, not ${JSON.stringify(text)}.`);
  }
  return offset;
}

const offsetMs = readOffset();

export function now(): Date {
  return new Date(Date.now() + offsetMs);
}
