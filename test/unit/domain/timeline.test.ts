import { describe, expect, it } from "vitest";
import { sortTimeline } from "#domain/timeline";
import { event } from "./fixtures.ts";

describe("a treaty's history in order", () => {
  it("lists a year before its months and its days, and same-day events by id", () => {
    const events = [
      event({ id: "b", date: "2019-02-02", type: "withdrawal_notice" }),
      event({ id: "z", date: "2019", type: "statement" }),
      event({ id: "a", date: "2019-02-02", type: "statement" }),
      event({ id: "m", date: "2019-02", type: "statement" }),
      event({ id: "c", date: "2018-12-04", type: "ultimatum" }),
    ];
    expect(sortTimeline(events).map((e) => e.id)).toEqual(["c", "z", "m", "a", "b"]);
  });

  it("leaves the list it was given untouched", () => {
    const events = [event({ id: "2", date: "2020", type: "other" }), event({ id: "1", date: "2019", type: "other" })];
    sortTimeline(events);
    expect(events.map((e) => e.id)).toEqual(["2", "1"]);
  });
});
