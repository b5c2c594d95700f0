/**
 * The cold-start floor the design sets for a function that talks to DynamoDB: a handler that
 * constructs the client and loads luxon (the calendar) and zod/mini (the edge). The bench bundles it
 * with the deployment options and measures it round-robin with every function.
 */
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DateTime } from "luxon";
import * as z from "zod/mini";

const client = new DynamoDBClient({});
const query = z.strictObject({ asOf: z.optional(z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/))) });

export const handler = async (event: { queryStringParameters?: unknown }) => ({
  statusCode: 200,
  body: `${client.config.serviceId} ${DateTime.utc(2019, 8, 2).toISODate()} ${JSON.stringify(query.parse(event.queryStringParameters ?? {}))}`,
});
