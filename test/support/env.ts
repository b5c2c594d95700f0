import { inject } from "vitest";

// Runs before each test file imports the store, which reads its configuration at load.
Object.assign(process.env, {
  AWS_ENDPOINT_URL_DYNAMODB: inject("dynamoEndpoint"),
  AWS_REGION: "eu-west-1",
  AWS_ACCESS_KEY_ID: "local",
  AWS_SECRET_ACCESS_KEY: "local",
  TABLE_NAME: inject("tableName"),
  CURSOR_SECRET: inject("cursorSecret"),
  TREATY_CLOCK_LOCAL: "true",
  TREATY_CLOCK_QUIET: "true",
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
  DYNAMODB_REQUEST_TIMEOUT_MS: "5000",
});
