/**
 * npm start: the whole service on this machine. DynamoDB Local (in memory, or on disk
 * with --persist), the table from serverless.yml, the seed, an API key, and the API on
 * http://localhost:3000 through serverless-offline. Ctrl-C stops all of it.
 */
import { readArguments } from "./local/args.ts";
import { JavaMissingError } from "./local/dynamodb-local.ts";
import { portIsFree } from "./local/ports.ts";
import { startLocalStack } from "./local/stack.ts";

const port = Number(process.env.PORT ?? 3000);
const apiKey = process.env.API_KEY ?? "local-dev-key";
// `--persist [dir]`: the directory is optional, so it is read as the first positional after the flag.
const { values, positionals } = readArguments(process.argv.slice(2), { persist: { type: "boolean" } });
const dbPath = values.persist ? (positionals[0] ?? ".dynamodb") : process.env.DYNAMODB_DATA_DIR;

// DynamoDB Local on its usual port when free, so `npm run seed` and the AWS CLI find it.
const dynamoPort = (await portIsFree(8000)) ? 8000 : undefined;
// serverless-offline's Lambda endpoint, where `npm run remind` invokes the scheduled function.
const lambdaPort = Number(process.env.LAMBDA_PORT ?? 3002);

try {
  const stack = await startLocalStack({
    dbPath,
    dynamoPort,
    lambdaPort,
    apiKey: { key: apiKey, name: "local development" },
    apiPort: port,
  });
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping the API and DynamoDB Local...`);
    await stack.stop();
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  const base = `http://localhost:${port}`;
  console.log(`
treaty-clock is running
  API             ${base}   (OpenAPI: ${base}/openapi.json)
  Lambda invoke   http://localhost:${lambdaPort}   (scheduled functions; see npm run remind)
  DynamoDB Local  ${stack.dynamo.endpoint}  table ${stack.tableName}, ${dbPath ? `on disk in ${dbPath}` : "in memory"}
  Seed            ${stack.seed?.treatiesCreated ?? 0} treaties and ${stack.seed?.eventsCreated ?? 0} events loaded (${stack.seed?.unchanged ?? 0} already there)
  API key         ${apiKey}   (send as x-api-key; set API_KEY to choose another)

Try:
  curl ${base}/treaties/inf/days-until-exit?asOf=2019-07-04
  curl ${base}/treaties/inf/history?limit=5

Ctrl-C stops everything.`);
} catch (error) {
  if (error instanceof JavaMissingError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
