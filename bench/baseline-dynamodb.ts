/**
 * The cold-start floor of any function that talks to DynamoDB: a handler that only
 * constructs the client. The bench bundles it with the deployment options.
 */
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";

const client = new DynamoDBClient({});

export const handler = async () => ({ statusCode: 200, body: String(client.config.serviceId) });
