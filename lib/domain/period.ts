/**
 * Kept while branches that import it merge: periods live in lib/domain/calendar.ts. Import
 * `#domain/calendar` in new code; this file goes once nothing imports it.
 */
export {
  addPeriod,
  assertPeriod,
  clampNote,
  describePeriod,
  describePeriodInFigures,
  type PeriodSum,
} from "#domain/calendar";
