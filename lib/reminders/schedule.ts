import { dayNumber, daysBetween, fromDayNumber } from "#domain/calendar";
import type { CivilDateString } from "#domain/types";

/**
 * Which reminder of a deadline is due today. Pure.
 *
 * A subscription's offsets say "remind me N days before". The reminder for offset N falls due
 * on the deadline date minus N days. On any day, of the offsets already due, only the smallest
 * one counts: the reminders for larger offsets are superseded by it. So a daily run sends each
 * offset on its day, and a run after a missed day sends the overdue reminder once, marked late,
 * with the actual days remaining. The ledger makes each (deadline, offset) go out once.
 */
export const DEFAULT_OFFSETS_DAYS = [30, 7, 1, 0] as const;

/** A deadline more than this many days past is not caught up on any more. */
export const CATCH_UP_DAYS = 7;

export interface DueReminder {
  offsetDays: number;
  /** The day the reminder was meant for. */
  dueOn: CivilDateString;
  /** Days from today to the deadline: 0 on the day, negative after. */
  daysUntil: number;
  /** True when today is later than `dueOn` (a run was missed). */
  late: boolean;
}

export function dueReminder(
  deadlineDate: CivilDateString,
  offsetsDays: readonly number[],
  today: CivilDateString,
): DueReminder | undefined {
  const daysUntil = daysBetween(today, deadlineDate);
  if (daysUntil < -CATCH_UP_DAYS) return undefined;
  const due = offsetsDays.filter((offset) => offset >= daysUntil);
  if (due.length === 0) return undefined;
  const offsetDays = Math.min(...due);
  return {
    offsetDays,
    dueOn: fromDayNumber(dayNumber(deadlineDate) - offsetDays),
    daysUntil,
    late: offsetDays !== daysUntil,
  };
}

/** The deadline dates a run on `today` must look at, given the largest offset of any subscription. */
export function reminderWindow(today: CivilDateString, maxOffsetDays: number): { from: string; to: string } {
  const day = dayNumber(today);
  return { from: fromDayNumber(day - CATCH_UP_DAYS), to: fromDayNumber(day + maxOffsetDays) };
}
