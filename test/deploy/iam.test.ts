import { beforeAll, describe, expect, it } from "vitest";
import { bundles, callsIn, granted, serverless } from "./bundles.ts";

/**
 * custom.access becomes one IAM role per function (infra/function-roles.cjs). Each grant must be one the
 * function's own bundle can use, and each DynamoDB action the bundle can call must be granted.
 */
let built: Record<string, string>;

beforeAll(async () => {
  built = await bundles();
}, 120_000);

describe("IAM grants", () => {
  for (const name of Object.keys(serverless.functions)) {
    it(`grants ${name} exactly the DynamoDB actions its bundle calls`, () => {
      expect(granted(name)).toEqual(callsIn(built[name] ?? ""));
    });
  }

  it("finds the calls it compares: a bundle that writes events calls GetItem, PutItem and DeleteItem", () => {
    expect(callsIn(built.addEvent ?? "").table).toEqual(["DeleteItem", "GetItem", "PutItem"]);
  });
});
