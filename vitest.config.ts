import { defineConfig } from "vitest/config";

/**
 * Two projects. `unit`: the pure domain and the formats, no Java, no API, no network; seconds
 * (`npm run test:unit`). `stack`: integration (handlers in-process against DynamoDB Local),
 * end-to-end over HTTP against serverless-offline, faults, fuzzing and the deploy template, with
 * one DynamoDB Local and one API started for the run. `npm test` runs both.
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["test/unit/**/*.test.ts"],
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: "stack",
          include: ["test/**/*.test.ts"],
          exclude: ["test/unit/**"],
          globalSetup: ["test/support/global-setup.ts"],
          setupFiles: ["test/support/env.ts"],
          testTimeout: 20_000,
          hookTimeout: 180_000,
          pool: "forks",
        },
      },
    ],
  },
});
