import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { CreateTableCommandInput, UpdateTimeToLiveCommandInput } from "@aws-sdk/client-dynamodb";
import { parse } from "yaml";

/**
 * The table exactly as serverless.yml deploys it. The local run and the tests create
 * their table from this, so local and deployed tables cannot drift: there is no second
 * definition to keep in sync.
 */
const SERVERLESS_YML = fileURLToPath(new URL("../../serverless.yml", import.meta.url));
const LOGICAL_ID = "TreatyClockTable";

interface CloudFormationTable {
  Type: string;
  Properties: Pick<CreateTableCommandInput, "AttributeDefinitions" | "KeySchema" | "GlobalSecondaryIndexes"> & {
    BillingMode?: string;
    [property: string]: unknown;
  };
}

export function deployedTableResource(file = SERVERLESS_YML): CloudFormationTable {
  // Unknown CloudFormation short tags (!Ref, !Sub, ...) are read as plain values.
  const config = parse(readFileSync(file, "utf8"), { logLevel: "error" }) as {
    resources?: Array<{ Resources?: Record<string, unknown> }> | { Resources?: Record<string, unknown> };
  };
  const blocks = Array.isArray(config.resources) ? config.resources : [config.resources ?? {}];
  for (const block of blocks) {
    const resource = block.Resources?.[LOGICAL_ID];
    if (resource && typeof resource === "object") return resource as CloudFormationTable;
  }
  throw new Error(`serverless.yml declares no ${LOGICAL_ID} resource`);
}

export function createTableInput(tableName: string, file = SERVERLESS_YML): CreateTableCommandInput {
  const { Properties: table } = deployedTableResource(file);
  return {
    TableName: tableName,
    BillingMode: "PAY_PER_REQUEST",
    AttributeDefinitions: table.AttributeDefinitions,
    KeySchema: table.KeySchema,
    GlobalSecondaryIndexes: table.GlobalSecondaryIndexes,
  };
}

/** The table's time-to-live setting as deployed, if it has one. */
export function timeToLiveInput(tableName: string, file = SERVERLESS_YML): UpdateTimeToLiveCommandInput | undefined {
  const spec = deployedTableResource(file).Properties.TimeToLiveSpecification as
    | { AttributeName: string; Enabled: boolean }
    | undefined;
  return spec ? { TableName: tableName, TimeToLiveSpecification: spec } : undefined;
}
