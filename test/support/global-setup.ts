import { randomBytes } from "node:crypto";
import type { TestProject } from "vitest/node";
import { freePort } from "../../scripts/local/ports.ts";
import { startLocalStack } from "../../scripts/local/stack.ts";

/**
 * One DynamoDB Local and one API for the whole run, on free ports, so `npm test` runs
 * beside `npm start`. The table is created from serverless.yml and seeded; each test
 * makes its own treaties on top and never depends on another test's data.
 */
declare module "vitest" {
  export interface ProvidedContext {
    dynamoEndpoint: string;
    tableName: string;
    apiUrl: string;
    apiKey: string;
    cursorSecret: string;
  }
}

export default async function setup(project: TestProject) {
  const apiKey = `test-${randomBytes(12).toString("hex")}`;
  process.env.ESBUILD_WORK_FOLDER = ".esbuild-test";
  process.env.TREATY_CLOCK_QUIET = "true";
  const stack = await startLocalStack({
    apiKey: { key: apiKey, name: "test suite" },
    apiPort: await freePort(),
    quietApi: true,
  });
  project.provide("dynamoEndpoint", stack.dynamo.endpoint);
  project.provide("tableName", stack.tableName);
  project.provide("apiUrl", stack.api?.url ?? "");
  project.provide("apiKey", apiKey);
  project.provide("cursorSecret", process.env.CURSOR_SECRET ?? "");
  return async () => {
    await stack.stop();
  };
}
