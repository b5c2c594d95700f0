import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { optionalEnv, requiredEnv } from "#lib/config";

/**
 * How long this process waits for DynamoDB. A Lambda has 10 s and a request makes two or
 * three calls, so a dead or silent endpoint must fail within a couple of seconds and
 * become a 503, not hang until the function times out.
 *
 * - attempts: the SDK's standard retry strategy retries throttling, timeouts, 5xx and
 *   refused or reset connections with full-jitter exponential backoff (50 ms base,
 *   1 s for throttling), and stops early when its retry budget is spent.
 * - connect: a TCP connection to DynamoDB takes single-digit milliseconds.
 * - request: DynamoDB answers in milliseconds; a transaction under contention well
 *   within a second. A timed-out TransactWriteItems is safe to retry: the SDK fills in
 *   its ClientRequestToken once per call, so a retry after a lost answer is idempotent.
 *   DynamoDB Local on a busy laptop or CI box can take seconds on its first transactions
 *   (the JVM warming up), so the local stack raises it with DYNAMODB_REQUEST_TIMEOUT_MS.
 */
export const DYNAMO_MAX_ATTEMPTS = 3;
export const DYNAMO_CONNECT_TIMEOUT_MS = 1_000;
export const DYNAMO_REQUEST_TIMEOUT_MS = Number(optionalEnv("DYNAMODB_REQUEST_TIMEOUT_MS") ?? 1_500);

/**
 * The one DynamoDB client of this process. The endpoint comes from the SDK's own
 * `AWS_ENDPOINT_URL_DYNAMODB` when running against DynamoDB Local, so no code path
 * differs between local and AWS.
 */
export const dynamo = new DynamoDBClient({
  maxAttempts: DYNAMO_MAX_ATTEMPTS,
  retryMode: "standard",
  requestHandler: new NodeHttpHandler({
    connectionTimeout: DYNAMO_CONNECT_TIMEOUT_MS,
    requestTimeout: DYNAMO_REQUEST_TIMEOUT_MS,
    // Without this the SDK only logs a warning when requestTimeout passes, and keeps waiting.
    throwOnRequestTimeout: true,
    httpAgent: { keepAlive: true, maxSockets: 50 },
    httpsAgent: { keepAlive: true, maxSockets: 50 },
  }),
});

export const tableName = requiredEnv("TABLE_NAME", "set it to the DynamoDB table (serverless.yml does this).");
