/**
 * Kept while branches that import it merge: the calendar lives in lib/domain/calendar.ts. Import
 * `#domain/calendar` in new code; this file goes once nothing imports it.
 */
export {
  assertTimeZone,
  type CivilDateParts,
  civilDateAt,
  civilDateParts,
  compareTimelineDates,
  dayNumber,
  daysBetween,
  daysInMonth,
  formatCivilDate,
  formatLongDate,
  formatPartialDate,
  fromDayNumber,
  isCivilDate,
  isLeapYear,
  isoWeekday,
  monthName,
  type ParsedPartialDate,
  parseCivilDate,
  parsePartialDate,
  todayIn,
} from "#domain/calendar";
