/**
 * Structured logs: one JSON line each, for CloudWatch Logs Insights. Callers pass
 * only what is safe to keep: never a key, a secret or a request body.
 */
type Level = "info" | "warn" | "error";

export function log(level: Level, message: string, fields: Record<string, unknown> = {}): void {
  const line = JSON.stringify({ level, message, time: new Date().toISOString(), ...fields });
  if (level === "error") console.error(line);
  else if (process.env.TREATY_CLOCK_QUIET !== "true" || level === "warn") console.log(line);
}
