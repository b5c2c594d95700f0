import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { createTableInput } from "../../scripts/local/table-definition.ts";
import { bundles } from "./bundles.ts";

/** Reads the CloudFormation that `npm run package` generates, as AWS would receive it, for dev and prod. */
type Resource = { Type: string; Properties: Record<string, unknown>; DependsOn?: string[] };
interface Template {
  Resources: Record<string, Resource>;
  Outputs: Record<string, unknown>;
}
let resources: Record<string, Resource>;
let outputs: Record<string, unknown>;
let dev: Template;
const dirs: string[] = [];

/** What serverless.yml itself declares: the functions, and each one's DynamoDB access. */
interface Access {
  table?: string[];
  indexes?: Record<string, string[]>;
}
const declared = parse(readFileSync(new URL("../../serverless.yml", import.meta.url), "utf8"), {
  logLevel: "error",
}) as { functions: Record<string, unknown>; custom: { access: Record<string, Access> } };
const functionNames = Object.keys(declared.functions);

function packageStage(stage: string): Promise<Template> {
  const dir = mkdtempSync(join(tmpdir(), `treaty-clock-package-${stage}-`));
  dirs.push(dir);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/package.ts", "--stage", stage], {
      env: { ...process.env, PACKAGE_DIR: dir },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0) return reject(new Error(`npm run package -- --stage ${stage} failed:\n${output}`));
      resolve(JSON.parse(readFileSync(join(dir, "cloudformation-template-update-stack.json"), "utf8")));
    });
  });
}

beforeAll(async () => {
  // One after the other: osls stages its output in the service's own .serverless/ folder.
  const prod = await packageStage("prod");
  const development = await packageStage("dev");
  resources = prod.Resources;
  outputs = prod.Outputs;
  dev = development;
}, 480_000);

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

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

  it("gives every function that builds links to the API the deployed API's URL", async () => {
    const built = await bundles();
    const linkBuilders = Object.keys(built).filter((name) => built[name]?.includes("PUBLIC_API_URL"));
    expect(linkBuilders.sort()).toEqual(["allCalendar", "openapi", "sendReminders", "treatyCalendar"]);
    for (const name of linkBuilders) {
      const fn = resources[`${name.charAt(0).toUpperCase()}${name.slice(1)}LambdaFunction`];
      expect(fn?.Properties.Environment, name).toMatchObject({
        Variables: { PUBLIC_API_URL: { "Fn::GetAtt": ["HttpApi", "ApiEndpoint"] } },
      });
    }
  }, 120_000);

  it("keeps every function's logs for a year in prod and for 30 days in dev", () => {
    for (const [template, stage, days] of [
      [{ Resources: resources, Outputs: outputs }, "prod", 365],
      [dev, "dev", 30],
    ] as const) {
      const groups = Object.values(template.Resources).filter((r) => r.Type === "AWS::Logs::LogGroup");
      const named = groups.map((group) => group.Properties.LogGroupName);
      expect(named.sort()).toEqual(functionNames.map((fn) => `/aws/lambda/treaty-clock-${stage}-${fn}`).sort());
      for (const group of groups)
        expect(group.Properties.RetentionInDays, String(group.Properties.LogGroupName)).toBe(days);
    }
  });

  it("publishes the API URL as the ApiUrl output", () => {
    expect(outputs.ApiUrl).toMatchObject({ Value: { "Fn::GetAtt": ["HttpApi", "ApiEndpoint"] } });
  });

  it("throttles every route: 200 burst and 100 a second in prod, 100 and 50 in dev", () => {
    expect(resources.HttpApiStage?.Properties.DefaultRouteSettings).toEqual({
      ThrottlingBurstLimit: 200,
      ThrottlingRateLimit: 100,
    });
    expect(dev.Resources.HttpApiStage?.Properties.DefaultRouteSettings).toEqual({
      ThrottlingBurstLimit: 100,
      ThrottlingRateLimit: 50,
    });
  });

  it("runs the reminder job daily at 06:00 UTC in prod", () => {
    const rules = ofType("AWS::Events::Rule");
    expect(rules).toHaveLength(1);
    expect(rules[0]?.[1].Properties).toMatchObject({
      ScheduleExpression: "cron(0 6 * * ? *)",
      State: "ENABLED",
      Targets: [{ Arn: { "Fn::GetAtt": ["SendRemindersLambdaFunction", "Arn"] } }],
    });
  });

  it("alarms on every function's errors and on failed reminder deliveries, to the alarm topic", () => {
    const alarms = ofType("AWS::CloudWatch::Alarm").map(([, alarm]) => alarm.Properties);
    for (const alarm of alarms) expect(alarm.AlarmActions, String(alarm.AlarmName)).toEqual([{ Ref: "AlarmTopic" }]);
    expect(resources.AlarmTopic?.Type).toBe("AWS::SNS::Topic");
    const watched = alarms
      .filter((alarm) => alarm.Namespace === "AWS/Lambda" && alarm.MetricName === "Errors")
      .map((alarm) => (alarm.Dimensions as Array<{ Name: string; Value: string }>)[0]?.Value);
    expect(watched.sort()).toEqual(functionNames.map((fn) => `treaty-clock-prod-${fn}`).sort());
    expect(alarms).toContainEqual(
      expect.objectContaining({
        Namespace: "TreatyClock",
        MetricName: "ReminderDeliveryFailures",
        ComparisonOperator: "GreaterThanThreshold",
        Threshold: 0,
      }),
    );
  });

  it("grants each function exactly the DynamoDB actions serverless.yml declares for it, and no more", () => {
    const target = (resource: unknown): string => {
      const text = JSON.stringify(resource);
      if (text === JSON.stringify({ "Fn::GetAtt": ["TreatyClockTable", "Arn"] })) return "table";
      const index = /\/index\/(\w+)"/.exec(text);
      if (index?.[1] && text.includes("TreatyClockTable")) return `index ${index[1]}`;
      return `other ${text}`;
    };
    for (const fn of functionNames) {
      const lambda = Object.entries(resources).find(
        ([, r]) => r.Type === "AWS::Lambda::Function" && r.Properties.FunctionName === `treaty-clock-prod-${fn}`,
      );
      const roleName = (lambda?.[1].Properties.Role as { "Fn::GetAtt"?: [string, string] })?.["Fn::GetAtt"]?.[0];
      const role = roleName ? resources[roleName] : undefined;
      expect(role?.Type, `${fn} has its own role`).toBe("AWS::IAM::Role");
      const policies = (role?.Properties.Policies ?? []) as Array<{ PolicyDocument: { Statement: Statement[] } }>;
      const granted = policies
        .flatMap((p) => p.PolicyDocument.Statement)
        .flatMap((statement) =>
          [statement.Action]
            .flat()
            .filter((action) => action.startsWith("dynamodb:"))
            .map((action) => `${target(statement.Resource)}: ${action}`),
        );
      const access = declared.custom.access[fn] ?? {};
      const expected = [
        ...(access.table ?? []).map((action) => `table: dynamodb:${action}`),
        ...Object.entries(access.indexes ?? {}).flatMap(([index, actions]) =>
          actions.map((action) => `index ${index}: dynamodb:${action}`),
        ),
      ];
      expect(granted.sort(), fn).toEqual(expected.sort());
    }
  });

  it("gives dev and prod their own table and functions", () => {
    expect(dev.Resources.TreatyClockTable?.Properties.TableName).toBe("treaty-clock-dev");
    expect(resources.TreatyClockTable?.Properties.TableName).toBe("treaty-clock-prod");
    const names = (template: Record<string, Resource>) =>
      Object.values(template)
        .filter((r) => r.Type === "AWS::Lambda::Function")
        .map((r) => String(r.Properties.FunctionName))
        .sort();
    expect(names(dev.Resources)).toEqual(functionNames.map((fn) => `treaty-clock-dev-${fn}`).sort());
    expect(names(resources)).toEqual(functionNames.map((fn) => `treaty-clock-prod-${fn}`).sort());
  });
});
