import { describe, expect, it } from "vitest";
import { handler as embed } from "../../functions/embed.ts";
import { handler as listHistory } from "../../functions/list-history.ts";
import { handler as retractEvent } from "../../functions/retract-event.ts";
import { givenEvent, givenTreaty } from "../support/fixtures.ts";
import { call, sampleEvent } from "../support/lambda.ts";

describe("a retracted event in the publication formats", () => {
  it("stays visible in the JSON history but is never printed in TimelineJS, CSV or the embed", async () => {
    const treatyId = await givenTreaty();
    await givenEvent(treatyId, { date: "2019-02-02", title: "Notice that stands" });
    const wrong = await givenEvent(treatyId, {
      date: "2019-03-01",
      type: "statement",
      title: "A statement never made",
    });
    const retracted = await call(
      retractEvent,
      sampleEvent("retract-event.json", {
        path: { treatyId, eventId: wrong.id },
        body: { reason: "No such statement." },
      }),
    );
    expect(retracted.status).toBe(200);

    const history = await call(listHistory, sampleEvent("list-history.json", { path: { treatyId }, query: {} }));
    expect(history.body.events.find((e: { id: string }) => e.id === wrong.id)?.retracted).toMatchObject({
      reason: "No such statement.",
    });

    const timeline = await call(
      listHistory,
      sampleEvent("list-history.json", { path: { treatyId }, query: { format: "timelinejs" } }),
    );
    const headlines = JSON.stringify(timeline.body);
    expect(headlines).toContain("Notice that stands");
    expect(headlines).not.toContain("A statement never made");

    const csv = await call(
      listHistory,
      sampleEvent("list-history.json", { path: { treatyId }, query: { format: "csv" } }),
    );
    expect(csv.text).not.toContain("A statement never made");

    const page = await call(embed, sampleEvent("embed.json", { path: { treatyId }, query: { asOf: "2019-03-02" } }));
    expect(page.text).toContain("Notice that stands");
    expect(page.text).not.toContain("A statement never made");
  });
});
