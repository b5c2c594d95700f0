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

  it("gives every function that builds links to the API the public URL, the CDN's", async () => {
    const built = await bundles();
    const linkBuilders = Object.keys(built).filter((name) => built[name]?.includes("PUBLIC_API_URL"));
    expect(linkBuilders.sort()).toEqual([
      "allCalendar",
      "allFeed",
      "embed",
      "oembed",
      "openapi",
      "sendReminders",
      "treatyCalendar",
      "treatyFeed",
    ]);
    for (const name of linkBuilders) {
      const fn = resources[`${name.charAt(0).toUpperCase()}${name.slice(1)}LambdaFunction`];
      expect(fn?.Properties.Environment, name).toMatchObject({
        Variables: { PUBLIC_API_URL: { "Fn::Join": ["", ["https://", { "Fn::GetAtt": ["Cdn", "DomainName"] }]] } },
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

  describe("the CDN in front of the API", () => {
    type Behavior = {
      PathPattern?: string;
      TargetOriginId: string;
      ViewerProtocolPolicy: string;
      AllowedMethods: string[];
      CachedMethods: string[];
      CachePolicyId: unknown;
      OriginRequestPolicyId: unknown;
    };
    const distribution = () => {
      const found = ofType("AWS::CloudFront::Distribution");
      expect(found).toHaveLength(1);
      return found[0]?.[1].Properties.DistributionConfig as {
        Origins: Array<Record<string, unknown>>;
        DefaultCacheBehavior: Behavior;
        CacheBehaviors: Behavior[];
        CustomErrorResponses: Array<{ ErrorCode: number; ErrorCachingMinTTL: number }>;
      };
    };
    const cachePolicy = (id: unknown) => {
      const name = (id as { Ref?: string }).Ref;
      return name ? (resources[name]?.Properties.CachePolicyConfig as Record<string, unknown>) : undefined;
    };
    const requestPolicy = (id: unknown) =>
      resources[(id as { Ref: string }).Ref]?.Properties.OriginRequestPolicyConfig as {
        QueryStringsConfig: unknown;
        HeadersConfig: { HeaderBehavior: string; Headers: string[] };
        CookiesConfig: unknown;
      };
    /** Which behaviour CloudFront picks for a path: the first pattern that matches, else the default. */
    const behaviorFor = (path: string): Behavior => {
      const { CacheBehaviors, DefaultCacheBehavior } = distribution();
      const matches = (pattern: string) =>
        new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*")}$`).test(path);
      return CacheBehaviors.find((b) => b.PathPattern && matches(b.PathPattern)) ?? DefaultCacheBehavior;
    };
    // Every HTTP route serverless.yml declares, and whether its function asks for a key.
    const routes = Object.entries(
      declared.functions as Record<
        string,
        { handler: string; events?: Array<{ httpApi?: { method: string; path: string } | "*" }> }
      >,
    ).flatMap(([name, fn]) =>
      (fn.events ?? []).flatMap((event) =>
        // The catch-all ("*", functions/no-route.ts) is no route of its own.
        typeof event.httpApi === "object"
          ? [
              {
                name,
                ...event.httpApi,
                // A sample path: CloudFront matches what readers ask for, not templates.
                sample: event.httpApi.path.replace(/\{[^}]+\}/g, "x1"),
                keyed: readFileSync(
                  new URL(`../../${fn.handler.replace(/\.handler$/, ".ts")}`, import.meta.url),
                  "utf8",
                ).includes("requireWriter("),
              },
            ]
          : [],
      ),
    );
    const CACHING_DISABLED = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad";

    it("fetches from the HTTP API over HTTPS only, through one origin shield in the API's region", () => {
      const [origin] = distribution().Origins;
      expect(origin).toMatchObject({
        DomainName: { "Fn::Select": [2, { "Fn::Split": ["/", { "Fn::GetAtt": ["HttpApi", "ApiEndpoint"] }] }] },
        CustomOriginConfig: { OriginProtocolPolicy: "https-only" },
        OriginShield: { Enabled: true, OriginShieldRegion: "eu-west-1" },
      });
      for (const behavior of [distribution().DefaultCacheBehavior, ...distribution().CacheBehaviors]) {
        expect(behavior.ViewerProtocolPolicy).toBe("https-only");
        expect(behavior.TargetOriginId).toBe(origin?.Id);
      }
    });

    it("caches public reads by path and full query string, for as long as the API's Cache-Control says", () => {
      const reads = routes.filter((route) => route.method === "GET" && !route.keyed);
      expect(reads.map((route) => route.path)).toEqual(
        expect.arrayContaining([
          "/treaties/{treatyId}/embed",
          "/treaties/{treatyId}/days-until-exit",
          "/treaties/{treatyId}/calendar.ics",
          "/calendar.ics",
          "/deadlines",
          "/openapi.json",
        ]),
      );
      for (const route of reads) {
        const behavior = behaviorFor(route.sample);
        expect(behavior.CachedMethods.sort(), route.path).toEqual(["GET", "HEAD"]);
        expect(cachePolicy(behavior.CachePolicyId), route.path).toMatchObject({
          // No answer is kept unless the API says so, and then only as long as it says.
          MinTTL: 0,
          DefaultTTL: 0,
          ParametersInCacheKeyAndForwardedToOrigin: {
            QueryStringsConfig: { QueryStringBehavior: "all" },
            HeadersConfig: { HeaderBehavior: "none" },
            CookiesConfig: { CookieBehavior: "none" },
          },
        });
      }
    });

    it("passes keyed reads through uncached, and lets every write through to the API", () => {
      for (const route of routes.filter((r) => r.keyed && r.method === "GET")) {
        expect(behaviorFor(route.sample).CachePolicyId, route.path).toBe(CACHING_DISABLED);
      }
      for (const route of routes.filter((r) => r.method !== "GET")) {
        expect(behaviorFor(route.sample).AllowedMethods, route.path).toContain(route.method);
        // CloudFront never caches a method outside CachedMethods.
        expect(behaviorFor(route.sample).CachedMethods, route.path).not.toContain(route.method);
      }
    });

    it("forwards the headers writes need, and none of them is part of a cache key", () => {
      const forwarded = new Set<string>();
      for (const behavior of [distribution().DefaultCacheBehavior, ...distribution().CacheBehaviors]) {
        const policy = requestPolicy(behavior.OriginRequestPolicyId);
        expect(policy.QueryStringsConfig).toEqual({ QueryStringBehavior: "all" });
        expect(policy.CookiesConfig).toEqual({ CookieBehavior: "none" });
        for (const header of policy.HeadersConfig.Headers) forwarded.add(header.toLowerCase());
      }
      expect([...forwarded]).toEqual(
        expect.arrayContaining(["x-api-key", "content-type", "if-match", "idempotency-key"]),
      );
      // CloudFront refuses Authorization in an origin request policy; keys travel in x-api-key.
      expect(forwarded.has("authorization")).toBe(false);
      for (const [name, policy] of ofType("AWS::CloudFront::CachePolicy")) {
        const headers = policy.Properties.CachePolicyConfig as {
          ParametersInCacheKeyAndForwardedToOrigin: { HeadersConfig: { HeaderBehavior: string } };
        };
        expect(headers.ParametersInCacheKeyAndForwardedToOrigin.HeadersConfig.HeaderBehavior, name).toBe("none");
      }
    });

    it("never keeps a 5xx, so readers get the last good answer instead", () => {
      expect(distribution().CustomErrorResponses).toEqual(
        [500, 502, 503, 504].map((code) => ({ ErrorCode: code, ErrorCachingMinTTL: 0 })),
      );
    });

    it("publishes the CDN's URL, and the links the API writes point at it", () => {
      const cdnUrl = { "Fn::Join": ["", ["https://", { "Fn::GetAtt": ["Cdn", "DomainName"] }]] };
      expect(outputs.CdnUrl).toMatchObject({ Value: cdnUrl });
      expect(outputs.CdnDistributionId).toMatchObject({ Value: { Ref: "Cdn" } });
      for (const fn of ["sendReminders", "treatyCalendar", "allCalendar"]) {
        const lambda = Object.values(resources).find(
          (r) => r.Type === "AWS::Lambda::Function" && r.Properties.FunctionName === `treaty-clock-prod-${fn}`,
        );
        expect(lambda?.Properties.Environment, fn).toMatchObject({ Variables: { PUBLIC_API_URL: cdnUrl } });
      }
    });

    it("limits writes apart from reads: 20 burst and 10 a second per write route in prod, 5 copies of each write function", () => {
      const writes = routes.filter((route) => route.method !== "GET");
      expect(writes.length).toBeGreaterThanOrEqual(6);
      for (const [template, burst, rate, reserved] of [
        [resources, 20, 10, 5],
        [dev.Resources, 10, 5, undefined],
      ] as const) {
        const stage = template.HttpApiStage;
        const settings = stage?.Properties.RouteSettings as Record<string, unknown>;
        const routeResources = Object.entries(template).filter(([, r]) => r.Type === "AWS::ApiGatewayV2::Route");
        for (const route of writes) {
          const key = `${route.method} ${route.path}`;
          expect(settings[key], key).toEqual({ ThrottlingBurstLimit: burst, ThrottlingRateLimit: rate });
          const routeResource = routeResources.find(([, r]) => r.Properties.RouteKey === key)?.[0];
          expect(stage?.DependsOn, key).toContain(routeResource);
          const fn = Object.values(template).find(
            (r) => r.Type === "AWS::Lambda::Function" && String(r.Properties.FunctionName).endsWith(`-${route.name}`),
          );
          expect(fn?.Properties.ReservedConcurrentExecutions, route.name).toBe(reserved);
        }
      }
    });

    it("never moves a deployed function's clock: the bench's clock offset exists only locally", () => {
      for (const [name, fn] of ofType("AWS::Lambda::Function")) {
        const variables = (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
        expect(Object.keys(variables), name).not.toContain("TREATY_CLOCK_OFFSET_MS");
      }
    });

    it("has no circular dependency between resources, so CloudFormation can create it", () => {
      const references = (value: unknown, into: Set<string>): Set<string> => {
        if (Array.isArray(value)) for (const item of value) references(item, into);
        else if (value && typeof value === "object") {
          for (const [key, inner] of Object.entries(value)) {
            if (key === "Ref" && typeof inner === "string") into.add(inner);
            else if (key === "Fn::GetAtt")
              into.add(Array.isArray(inner) ? String(inner[0]) : (String(inner).split(".")[0] ?? ""));
            else if (key === "Fn::Sub") {
              const text = Array.isArray(inner) ? inner[0] : inner;
              for (const match of String(text).matchAll(/\$\{([A-Za-z0-9]+)/g)) into.add(match[1] ?? "");
              references(inner, into);
            } else references(inner, into);
          }
        }
        return into;
      };
      for (const template of [resources, dev.Resources]) {
        const edges = new Map(
          Object.entries(template).map(([name, r]) => [
            name,
            [...references(r.Properties, new Set(r.DependsOn ?? []))].filter((target) => target in template),
          ]),
        );
        const state = new Map<string, "visiting" | "done">();
        const visit = (name: string, path: string[]) => {
          if (state.get(name) === "done") return;
          expect(state.get(name), `cycle: ${[...path, name].join(" -> ")}`).not.toBe("visiting");
          state.set(name, "visiting");
          for (const next of edges.get(name) ?? []) visit(next, [...path, name]);
          state.set(name, "done");
        };
        for (const name of edges.keys()) visit(name, []);
      }
    });
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
