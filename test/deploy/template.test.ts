import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTableInput } from "../../scripts/local/table-definition.ts";

/** Reads the CloudFormation that `npm run package` generates, as AWS would receive it. */
type Resource = { Type: string; Properties: Record<string, unknown>; DependsOn?: string[] };
let resources: Record<string, Resource>;
let outputs: Record<string, unknown>;
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "treaty-clock-package-"));
  const run = spawnSync(process.execPath, ["--import", "tsx", "scripts/package.ts", "--stage", "prod"], {
    env: { ...process.env, PACKAGE_DIR: dir },
    encoding: "utf8",
  });
  if (run.status !== 0) throw new Error(`npm run package failed:\n${run.stdout}\n${run.stderr}`);
  const template = JSON.parse(readFileSync(join(dir, "cloudformation-template-update-stack.json"), "utf8"));
  resources = template.Resources;
  outputs = template.Outputs;
}, 240_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);

type Statement = { Effect: string; Action: string | string[]; Resource: unknown };

describe("the packaged CloudFormation template", () => {
  it("keeps the table safe: point-in-time recovery, deletion protection, on-demand billing", () => {
    const table = resources.TreatyClockTable;
    expect(table?.Properties).toMatchObject({
      BillingMode: "PAY_PER_REQUEST",
      DeletionProtectionEnabled: true,
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      TableName: "treaty-clock-prod",
    });
  });

  it("deploys the same keys and indexes the local table is created with", () => {
    const local = createTableInput("treaty-clock-prod");
    expect(resources.TreatyClockTable?.Properties).toMatchObject({
      KeySchema: local.KeySchema,
      AttributeDefinitions: local.AttributeDefinitions,
      GlobalSecondaryIndexes: local.GlobalSecondaryIndexes,
    });
  });

  it("gives every function its own role, and no role an action on *", () => {
    const functions = ofType("AWS::Lambda::Function");
    expect(functions.length).toBeGreaterThan(5);
    const roles = functions.map(([, fn]) => JSON.stringify(fn.Properties.Role));
    expect(new Set(roles).size).toBe(functions.length);
    for (const [name, role] of ofType("AWS::IAM::Role")) {
      const policies = role.Properties.Policies as Array<{ PolicyDocument: { Statement: Statement[] } }>;
      for (const statement of policies.flatMap((p) => p.PolicyDocument.Statement)) {
        const actions = [statement.Action].flat();
        expect(
          actions.every((a) => !a.includes("*")),
          `${name} grants ${actions}`,
        ).toBe(true);
        expect(JSON.stringify(statement.Resource), `${name} on *`).not.toMatch(/^"\*"$|"\*"/);
      }
    }
  });

  it("scopes DynamoDB grants to the table and its indexes", () => {
    for (const [name, role] of ofType("AWS::IAM::Role")) {
      const policies = role.Properties.Policies as Array<{ PolicyDocument: { Statement: Statement[] } }>;
      for (const statement of policies.flatMap((p) => p.PolicyDocument.Statement)) {
        if (![statement.Action].flat().some((a) => a.startsWith("dynamodb:"))) continue;
        expect(JSON.stringify(statement.Resource), name).toContain("TreatyClockTable");
      }
    }
  });

  it("runs every function on nodejs22.x with the table name in its environment", () => {
    for (const [, fn] of ofType("AWS::Lambda::Function")) {
      expect(fn.Properties.Runtime).toBe("nodejs22.x");
      expect(fn.Properties.Environment).toMatchObject({ Variables: { TABLE_NAME: "treaty-clock-prod" } });
    }
  });

  it("keeps logs for a year in prod and publishes the API URL", () => {
    for (const [, group] of ofType("AWS::Logs::LogGroup")) expect(group.Properties.RetentionInDays).toBe(365);
    expect(outputs).toHaveProperty("HttpApiUrl");
  });
});
