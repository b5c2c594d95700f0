/**
 * Configuration, read once at module load. A missing variable fails the cold start with
 * a message that names it, instead of an `undefined` surfacing later in a request.
 */
export class MissingConfigurationError extends Error {
  constructor(name: string, hint: string) {
    super(`Environment variable ${name} is not set: ${hint}`);
    this.name = "MissingConfigurationError";
  }
}

export function requiredEnv(name: string, hint: string): string {
  const value = process.env[name];
  if (value === undefined || value.trim() === "" || value === "unset") throw new MissingConfigurationError(name, hint);
  return value;
}

export function optionalEnv(name: string): string | undefined {
  const value = process.env[name];
  return value === undefined || value.trim() === "" ? undefined : value;
}

/** serverless-offline sets IS_OFFLINE; the tests set TREATY_CLOCK_LOCAL. Never true on AWS. */
export function runningLocally(): boolean {
  return process.env.IS_OFFLINE === "true" || process.env.TREATY_CLOCK_LOCAL === "true";
}
