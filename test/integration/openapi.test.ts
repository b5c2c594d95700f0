import { describe, expect, it } from "vitest";
import { handler } from "../../functions/openapi.ts";
import { call, sampleEvent } from "../support/lambda.ts";

describe("OpenAPI document", () => {
  it("is OpenAPI 3.1 with every route and the request schemas that validate bodies", async () => {
    const answer = await call(handler, sampleEvent("openapi.json"));
    expect(answer.body.openapi).toBe("3.1.0");
    expect(Object.keys(answer.body.paths)).toEqual(
      expect.arrayContaining([
        "/treaties",
        "/treaties/{treatyId}",
        "/treaties/{treatyId}/events",
        "/treaties/{treatyId}/history",
        "/treaties/{treatyId}/deadlines",
        "/treaties/{treatyId}/days-until-exit",
        "/deadlines",
      ]),
    );
    const event = answer.body.components.schemas.EventInput;
    expect(event.required).toEqual(expect.arrayContaining(["date", "type", "title", "sources"]));
    expect(event.additionalProperties).toBe(false);
    expect(event.properties.type.enum).toContain("withdrawal_notice");
  });
});
