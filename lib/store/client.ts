import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { requiredEnv } from "#lib/config";

/**
 * The one DynamoDB client of this process. The endpoint comes from the SDK's own
 * `AWS_ENDPOINT_URL_DYNAMODB` when running against DynamoDB Local, so no code path
 * differs between local and AWS.
 */
export const dynamo = new DynamoDBClient({
  maxAttempts: 4,
  retryMode: "standard",
});

export const tableName = requiredEnv("TABLE_NAME", "set it to the DynamoDB table (serverless.yml does this).");
