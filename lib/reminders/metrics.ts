/**
 * CloudWatch Embedded Metric Format: one JSON line that CloudWatch Logs turns into metrics,
 * with no API call. The ReminderDeliveryFailures alarm in infra/alarms.cjs reads namespace
 * TreatyClock, dimension Stage.
 */
export const METRICS_NAMESPACE = "TreatyClock";

export interface ReminderCounts {
  due: number;
  delivered: number;
  late: number;
  failed: number;
  skipped: number;
}

export function reminderMetricsLine(counts: ReminderCounts, stage: string, at: Date): string {
  const metrics = {
    ReminderDeliveryFailures: counts.failed,
    RemindersDelivered: counts.delivered,
    RemindersLate: counts.late,
    RemindersDue: counts.due,
  };
  return JSON.stringify({
    _aws: {
      Timestamp: at.getTime(),
      CloudWatchMetrics: [
        {
          Namespace: METRICS_NAMESPACE,
          Dimensions: [["Stage"]],
          Metrics: Object.keys(metrics).map((name) => ({ Name: name, Unit: "Count" })),
        },
      ],
    },
    Stage: stage,
    ...metrics,
  });
}

/**
 * STAGE when set; otherwise read from the Lambda's name (`treaty-clock-<stage>-sendReminders`),
 * so the alarm's dimension matches even before STAGE is configured; "local" off AWS.
 */
export function stageName(env: { STAGE?: string; AWS_LAMBDA_FUNCTION_NAME?: string }): string {
  if (env.STAGE?.trim()) return env.STAGE.trim();
  const fromName = env.AWS_LAMBDA_FUNCTION_NAME?.match(/^treaty-clock-(.+)-sendReminders$/)?.[1];
  return fromName ?? "local";
}
