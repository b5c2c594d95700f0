/**
 * Each clause form must hold for every date from 1900 to 2200, leap years and month ends included. The oracles are
 * plain arithmetic on JavaScript's own UTC day numbers, independent of the code under test.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { deriveDeadlines } from "#domain/deadlines";
import type { Deadline, TimelineEvent, Treaty, WithdrawalClause } from "#domain/types";

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const ms = (d: string) => Date.parse(`${d}T00:00:00Z`);
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** A civil date in 1900-2200, month ends and 29 February well represented. */
const civilDate = fc.oneof(
  fc.integer({ min: ms("1900-01-01"), max: ms("2200-12-31") }).map((t) => iso(Math.floor(t / DAY) * DAY)),
  fc
    .record({ y: fc.integer({ min: 1900, max: 2200 }), m: fc.integer({ min: 1, max: 12 }) })
    .map(({ y, m }) => `${y}-${String(m).padStart(2, "0")}-${String(lastDay(y, m)).padStart(2, "0")}`),
);

/** Oracle: `d` + `months` calendar months, on the month's last day when too short. */
function plusMonths(d: string, months: number): string {
  const [y, m, day] = d.split("-").map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const ty = Math.floor(index / 12);
  const tm = (index % 12) + 1;
  return `${ty}-${String(tm).padStart(2, "0")}-${String(Math.min(day, lastDay(ty, tm))).padStart(2, "0")}`;
}

const base: Treaty = {
  id: "t",
  name: "A treaty",
  shortName: "Treaty",
  parties: [
    { code: "AA", name: "Aland" },
    { code: "BB", name: "Bland" },
  ],
  signedOn: "1899-01-01",
  inForceOn: "1899-06-01",
  sources: [{ url: "https://example.org" }],
};

function treatyWith(withdrawal: WithdrawalClause, extra: Partial<Treaty> = {}): Treaty {
  return { ...base, withdrawal, ...extra };
}

function notice(date: string, extra: Partial<TimelineEvent> = {}): TimelineEvent {
  return {
    id: "n",
    treatyId: "t",
    date,
    type: "withdrawal_notice",
    party: "AA",
    title: "Notice",
    sources: [],
    ...extra,
  };
}

function exitOf(treaty: Treaty, events: TimelineEvent[]): Deadline {
  const exit = deriveDeadlines(treaty, events).find((d) => d.kind === "withdrawal_effective");
  if (exit === undefined) throw new Error("no exit");
  return exit;
}

const clause = (fields: Partial<WithdrawalClause>): WithdrawalClause => ({ article: "Art. 1", text: "…", ...fields });

describe("every clause form, for every date from 1900 to 2200", () => {
  it("counts from receipt, whatever the date on the note", () => {
    const treaty = treatyWith(clause({ noticePeriod: { months: 6 }, counting: "receipt" }));
    fc.assert(
      fc.property(civilDate, fc.integer({ min: 0, max: 60 }), (noted, delay) => {
        const received = iso(ms(noted) + delay * DAY);
        expect(exitOf(treaty, [notice(noted, { receivedOn: received })]).date).toBe(plusMonths(received, 6));
      }),
    );
  });

  it("lands a period-then-first-of-month clause on the first day of the month after the period ends", () => {
    const treaty = treatyWith(
      clause({ takesEffect: { kind: "period_then_first_of_month", period: { months: 3 } }, counting: "receipt" }),
    );
    fc.assert(
      fc.property(civilDate, (received) => {
        const ends = plusMonths(received, 3);
        const [y, m] = ends.split("-").map(Number) as [number, number];
        const expected = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, "0")}-01`;
        expect(exitOf(treaty, [notice(received, { receivedOn: received })]).date).toBe(expected);
      }),
    );
  });

  it("lands an end-of-year clause on 31 December of the Nth year after notice", () => {
    fc.assert(
      fc.property(civilDate, fc.integer({ min: 0, max: 3 }), (noted, yearsAfter) => {
        const treaty = treatyWith(clause({ takesEffect: { kind: "end_of_year", yearsAfter } }));
        expect(exitOf(treaty, [notice(noted)]).date).toBe(`${Number(noted.slice(0, 4)) + yearsAfter}-12-31`);
      }),
    );
  });

  it("takes a later date named in the notice, and never an earlier one", () => {
    const treaty = treatyWith(clause({ noticePeriod: { days: 150 }, laterDateInNotice: true }));
    fc.assert(
      fc.property(civilDate, fc.integer({ min: 1, max: 400 }), (noted, named) => {
        const effectiveOn = iso(ms(noted) + named * DAY);
        const rule = iso(ms(noted) + 150 * DAY);
        const exit = exitOf(treaty, [notice(noted, { effectiveOn })]);
        expect(exit.date).toBe([effectiveOn, rule].sort().at(-1));
        expect(exit.basis.warnings.some((w) => w.includes("earlier than"))).toBe(effectiveOn < rule);
      }),
    );
  });

  it("flags a notice exactly when it comes before the earliest day for that party", () => {
    fc.assert(
      fc.property(civilDate, civilDate, (partyInForce, noted) => {
        const treaty = treatyWith(clause({ noticePeriod: { years: 1 }, earliestNotice: { years: 3 } }), {
          parties: [{ code: "AA", name: "Aland", inForceOn: partyInForce }],
        });
        const firstAllowed = plusMonths(partyInForce, 36);
        const flagged = exitOf(treaty, [notice(noted)]).basis.warnings.some((w) => w.includes("no earlier than"));
        expect(flagged).toBe(noted < firstAllowed);
      }),
    );
  });

  it("flags a denunciation exactly when it falls outside every ten-year window", () => {
    const treaty = treatyWith(
      clause({
        noticePeriod: { years: 1 },
        windows: { firstAfter: { years: 10 }, every: { years: 10 }, length: { years: 1 } },
      }),
      { inForceOn: "1901-03-31" },
    );
    fc.assert(
      fc.property(civilDate, (noted) => {
        let inside = false;
        for (let n = 1; n <= 20; n += 1) {
          const opens = plusMonths("1901-03-31", 120 * n);
          // Windows are derived up to the horizon (DERIVATION_HORIZON, the end of 2100) and no further.
          if (opens > "2100-12-31") break;
          const closes = iso(ms(plusMonths(opens, 12)) - DAY);
          if (noted >= opens && noted <= closes) inside = true;
        }
        const flagged = exitOf(treaty, [notice(noted)]).basis.warnings.some((w) => w.includes("outside every window"));
        expect(flagged).toBe(!inside);
      }),
    );
  });

  it("ends a renewing term at the first period end that notice reached in time", () => {
    const treaty: Treaty = {
      ...base,
      inForceOn: "1900-04-01",
      bilateral: true,
      renewal: {
        article: "Art. 40",
        text: "…",
        initialTerm: { years: 10 },
        renewFor: { years: 5 },
        noticeBefore: { months: 6 },
      },
    };
    fc.assert(
      fc.property(civilDate, (noted) => {
        const ends: string[] = [plusMonths("1900-04-01", 120)];
        while ((ends.at(-1) as string) <= "2300-01-01") ends.push(plusMonths(ends.at(-1) as string, 60));
        const expected = ends.find((end) => end > noted && noted <= plusMonths(end, -6));
        expect(exitOf(treaty, [notice(noted)]).date).toBe(expected);
      }),
    );
  });

  it("binds a party thirty days after its deposit, or when the treaty itself enters into force if later", () => {
    const treaty: Treaty = {
      ...base,
      inForceOn: "2000-01-01",
      partyEntryIntoForce: { article: "Art. 21(3)", text: "…", takesEffect: { kind: "period", period: { days: 30 } } },
    };
    fc.assert(
      fc.property(civilDate, (deposited) => {
        const deposit: TimelineEvent = { ...notice(deposited), type: "ratified" };
        const bound = deriveDeadlines(treaty, [deposit]).find((d) => d.kind === "party_bound");
        const byRule = iso(ms(deposited) + 30 * DAY);
        expect(bound?.date).toBe(byRule > "2000-01-01" ? byRule : "2000-01-01");
      }),
    );
  });

  it("applies a party's own terms to that party alone", () => {
    const treaty = treatyWith(clause({ noticePeriod: { months: 6 } }), {
      parties: [
        { code: "AA", name: "Aland", withdrawal: clause({ noticePeriod: { years: 1 } }) },
        { code: "BB", name: "Bland" },
      ],
    });
    fc.assert(
      fc.property(civilDate, (noted) => {
        const deadlines = deriveDeadlines(treaty, [notice(noted), { ...notice(noted), id: "m", party: "BB" }]);
        const exits = Object.fromEntries(
          deadlines.filter((d) => d.kind === "withdrawal_effective").map((d) => [d.party, d.date]),
        );
        expect(exits).toEqual({ AA: plusMonths(noted, 12), BB: plusMonths(noted, 6) });
      }),
    );
  });

  it("marks an exit contested exactly when the claimed date differs, and never moves the rule's date", () => {
    const treaty = treatyWith(clause({ noticePeriod: { months: 3 } }));
    fc.assert(
      fc.property(civilDate, fc.integer({ min: -30, max: 200 }), (noted, offset) => {
        const claimedEffectiveOn = iso(ms(noted) + offset * DAY);
        const exit = exitOf(treaty, [notice(noted, { claimedEffectiveOn })]);
        expect(exit.date).toBe(plusMonths(noted, 3));
        expect(exit.contested === true).toBe(claimedEffectiveOn !== exit.date);
        if (exit.contested) expect(exit.claimedDate).toBe(claimedEffectiveOn);
      }),
    );
  });
});
