/**
 * The catalogue in data/treaties cannot drift from its own rules: every recorded exit is checked against the date the
 * treaty's clause gives, as the record stood the day the exit took effect, and any difference must be a warning
 * that names both dates.
 */
import { describe, expect, it } from "vitest";
import { firstDayOf, formatLongDate, isCivilDate, lastDayOf } from "#domain/calendar";
import { deriveDeadlines, withdrawalDeadline } from "#domain/deadlines";
import { partyStatuses } from "#domain/parties";
import type { TimelineEvent, Treaty } from "#domain/types";
import { readSeedFiles } from "../../../scripts/local/seed-data.ts";

const files = readSeedFiles();
const catalogue = files.map(({ treaty, events }) => ({
  treaty: treaty as Treaty,
  events: events.map((event) => ({ ...event, treatyId: treaty.id }) as TimelineEvent),
}));

/** Recorded exits: a party's withdrawal taking effect, or a bilateral treaty's own end under a renewing term. */
const recordedExits = catalogue.flatMap(({ treaty, events }) =>
  events
    .filter(
      (event) =>
        (event.type === "withdrawal_effective" && event.party !== undefined) ||
        (event.type === "expired" && treaty.renewal !== undefined),
    )
    .map((event) => ({ treaty, events, recorded: event })),
);

describe("the seeded catalogue", () => {
  it("holds at least 20 treaties and 40 sourced notices, exits and suspensions", () => {
    expect(catalogue.length).toBeGreaterThanOrEqual(20);
    const counted = catalogue
      .flatMap(({ events }) => events)
      .filter((event) =>
        ["withdrawal_notice", "withdrawal_effective", "suspension", "expelled", "notice_retracted"].includes(
          event.type,
        ),
      );
    expect(counted.length).toBeGreaterThanOrEqual(40);
    for (const event of catalogue.flatMap(({ events }) => events)) {
      expect(event.sources.length, event.id).toBeGreaterThan(0);
    }
  });

  it.each(
    recordedExits.map(({ treaty, events, recorded }) => [
      `${treaty.shortName}: ${recorded.party ?? "the treaty"} on ${recorded.date}`,
      treaty,
      events,
      recorded,
    ]),
  )("derives %s, or warns naming both dates", (_name, treaty, events, recorded) => {
    const asItStood = events.filter((event) => event.date <= recorded.date && event.id !== recorded.id);
    const exits = deriveDeadlines(treaty, asItStood).filter(
      (d) => d.kind === "withdrawal_effective" && (recorded.party === undefined || d.party === recorded.party),
    );
    if (exits.length === 0) {
      // Only a notice known to the month, whose days give different dates, may leave no exit derived; the
      // recorded date must then be one of those dates (data/README.md flags the missing day).
      const notice = asItStood.filter((e) => e.type === "withdrawal_notice" && e.party === recorded.party).at(-1);
      expect(notice?.date, `no exit derived for ${recorded.id}`).toMatch(/^\d{4}-\d{2}$/);
      const range = [firstDayOf(notice?.date ?? ""), lastDayOf(notice?.date ?? "")].map(
        (noticeOn) => withdrawalDeadline(treaty, { noticeOn, party: recorded.party as string }).date,
      );
      expect(recorded.date >= (range[0] as string) && recorded.date <= (range[1] as string)).toBe(true);
      return;
    }
    const exit = exits.at(-1);
    if (exit === undefined || exit.date.startsWith(recorded.date)) return;
    // A difference is allowed only with a warning that names both dates, once the recorded date is known.
    const withRecord = deriveDeadlines(
      treaty,
      events.filter((event) => event.date <= recorded.date),
    ).find((d) => d.kind === "withdrawal_effective" && d.party === exit.party);
    const warnings = (withRecord?.basis.warnings ?? []).join(" ");
    expect(warnings).toContain(formatLongDate(exit.date));
    expect(warnings).toContain(isCivilDate(recorded.date) ? formatLongDate(recorded.date) : recorded.date);
  });

  it("gives every party of every treaty a status today, with a basis", () => {
    for (const { treaty, events } of catalogue) {
      const rows = partyStatuses(treaty, deriveDeadlines(treaty, events), events, "2026-11-30");
      expect(rows.map((row) => row.party)).toEqual(treaty.parties.map((party) => party.code));
      for (const row of rows) expect(row.basis.explanation.length, `${treaty.id} ${row.party}`).toBeGreaterThan(0);
    }
  });
});

describe("each party's status", () => {
  const find = (id: string) => catalogue.find(({ treaty }) => treaty.id === id) as (typeof catalogue)[number];

  it("names Estonia, Latvia and Lithuania as leaving the Ottawa Convention on 27 December 2025, as of 1 August 2025", () => {
    const { treaty, events } = find("ottawa");
    const rows = partyStatuses(treaty, deriveDeadlines(treaty, events), events, "2025-08-01");
    const leaving = rows.filter((row) => row.status === "notice_given");
    expect(leaving.map((row) => [row.party, row.date])).toEqual(
      expect.arrayContaining([
        ["EE", "2025-12-27"],
        ["LV", "2025-12-27"],
        ["LT", "2025-12-27"],
        ["FI", "2026-01-10"],
      ]),
    );
    expect(rows.find((row) => row.party === "UA")?.status).toBe("suspended");
  });

  it("shows the US out of UNESCO in 2020, back in 2024 and leaving again at the end of 2026", () => {
    const { treaty, events } = find("unesco");
    const deadlines = deriveDeadlines(treaty, events);
    const us = (asOf: string) => partyStatuses(treaty, deadlines, events, asOf).find((row) => row.party === "US");
    expect(us("2020-06-01")).toMatchObject({ status: "withdrawn", date: "2018-12-31" });
    expect(us("2024-06-01")).toMatchObject({ status: "party" });
    expect(us("2025-08-01")).toMatchObject({ status: "notice_given", date: "2026-12-31" });
  });

  it("ends the INF Treaty for both parties on 2 August 2019", () => {
    const { treaty, events } = find("inf");
    const rows = partyStatuses(treaty, deriveDeadlines(treaty, events), events, "2020-01-01");
    expect(rows.find((row) => row.party === "US")).toMatchObject({ status: "withdrawn", date: "2019-08-02" });
    expect(rows.find((row) => row.party === "RU")).toMatchObject({ status: "ended", date: "2019-08-02" });
    expect(rows.find((row) => row.party === "RU")?.basis.explanation).toContain(
      "The INF Treaty ended on 2 August 2019, when United States' withdrawal took effect",
    );
  });
});
