/** Command-line arguments for the scripts, read with node:util's parseArgs; a mistake is a UsageError. */
import { type ParseArgsConfig, parseArgs } from "node:util";

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

type Options = NonNullable<ParseArgsConfig["options"]>;

/** The options of every tool that targets a table (see tableTarget in ./backup.ts). */
export const TABLE_OPTIONS = {
  stage: { type: "string" },
  endpoint: { type: "string" },
  table: { type: "string" },
  region: { type: "string" },
} as const satisfies Options;

/** `argv` read against `options` (strictly: an unknown option or a missing value is a UsageError). */
export function readArguments<const O extends Options>(argv: readonly string[], options: O) {
  try {
    return parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}
