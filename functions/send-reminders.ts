import * as z from "zod/mini";
import { instant } from "#http/schemas";
import { optionalEnv, requiredEnv, runningLocally } from "#lib/config";
import { log } from "#lib/log";
import { reminderMetricsLine, stageName } from "#lib/reminders/metrics";
import { type RunSummary, sendDueReminders } from "#lib/reminders/run";

/**
 * sendReminders: daily at 06:00 UTC (EventBridge), or invoked with {"now": "<ISO instant>"} to run
 * as of that moment (tests, backfills, `npm run remind`). Returns the summary and logs it once,
 * plus one Embedded Metric Format line for the ReminderDeliveryFailures alarm.
 */
const apiUrl = runningLocally()
  ? (optionalEnv("PUBLIC_API_URL") ?? "http://localhost:3000")
  : requiredEnv("PUBLIC_API_URL", "set it to the public API's base URL (serverless.yml does this).");
const stage = stageName({
  STAGE: optionalEnv("STAGE"),
  AWS_LAMBDA_FUNCTION_NAME: optionalEnv("AWS_LAMBDA_FUNCTION_NAME"),
});

/** A manual {"now"}, or EventBridge's scheduled `time` (stable across Lambda's retries of one run). */
const runEvent = z.lazy(() => z.looseObject({ now: z.optional(instant), time: z.optional(instant) }));

export async function handler(event: unknown = {}): Promise<RunSummary> {
  const parsed = runEvent.safeParse(event ?? {});
  if (!parsed.success) {
    throw new Error(
      `send-reminders expects {"now": "<ISO 8601 instant with offset>"}: ${parsed.error.issues[0]?.message}`,
    );
  }
  const now = new Date(parsed.data.now ?? parsed.data.time ?? Date.now());
  const summary = await sendDueReminders(now, { apiUrl });
  log("info", "reminders", { ...summary });
  // Quiet only in the test suite, like lib/log.ts; on AWS this line is the alarm's metric.
  if (optionalEnv("TREATY_CLOCK_QUIET") !== "true")
    process.stdout.write(`${reminderMetricsLine(summary, stage, new Date())}\n`);
  return summary;
}
