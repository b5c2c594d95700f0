/**
 * npm run package: `osls package` offline, with dummy credentials, into .serverless/.
 * Nothing is sent to AWS; the CloudFormation template can be read and tested.
 * Writes to .serverless-<stage>/ (or PACKAGE_DIR).
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { readArguments } from "./local/args.ts";

const root = fileURLToPath(new URL("../", import.meta.url));
const stage = readArguments(process.argv.slice(2), { stage: { type: "string", default: "dev" } }).values.stage;
const output = process.env.PACKAGE_DIR ?? `.serverless-${stage}`;
const result = spawnSync(
  process.execPath,
  [`${root}node_modules/osls/bin/serverless.js`, "package", "--stage", stage ?? "dev", "--package", output],
  {
    cwd: root,
    stdio: "inherit",
    env: {
      ...process.env,
      AWS_ACCESS_KEY_ID: "dummy",
      AWS_SECRET_ACCESS_KEY: "dummy",
      AWS_REGION: "eu-west-1",
      SLS_TELEMETRY_DISABLED: "1",
      ESBUILD_WORK_FOLDER: `.esbuild-package-${stage}`,
    },
  },
);
process.exit(result.status ?? 1);
