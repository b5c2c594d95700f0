/**
 * npm run remind [-- --now 2019-07-26T06:00:00Z]: runs the scheduled sendReminders function once
 * inside the running `npm start`, through serverless-offline's Lambda invoke endpoint, as of
 * `--now` (default: this moment), and prints its summary.
 */
import process from "node:process";
import { readArguments, UsageError } from "./local/args.ts";
import { LOCAL_STAGE, SERVICE } from "./local/stack.ts";

const lambdaPort = Number(process.env.LAMBDA_PORT ?? 3002);
const functionName = `${SERVICE}-${LOCAL_STAGE}-sendReminders`;

let now: string | undefined;
try {
  now = readArguments(process.argv.slice(2), { now: { type: "string" } }).values.now;
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  console.error(`${error.message}\n--now needs an ISO 8601 instant, such as --now 2019-07-26T06:00:00Z`);
  process.exit(2);
}

const url = `http://localhost:${lambdaPort}/2015-03-31/functions/${functionName}/invocations`;
let response: Response;
try {
  response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(now ? { now } : {}),
    signal: AbortSignal.timeout(310_000),
  });
} catch (error) {
  const cause = (error as Error & { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
  console.error(
    `Could not reach serverless-offline's Lambda endpoint at ${url} (${cause}).\n` +
      "Is `npm start` running? Set LAMBDA_PORT if it uses another port.",
  );
  process.exit(1);
}
const text = await response.text();
const failed = !response.ok || response.headers.get("x-amz-function-error") !== null;
let output = text;
try {
  output = JSON.stringify(JSON.parse(text), null, 2);
} catch {
  // not JSON: print as it came
}
(failed ? console.error : console.log)(output);
process.exit(failed ? 1 : 0);
