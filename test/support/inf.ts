/**
 * The INF Treaty as the seed has it (data/treaties/inf.json), for the format tests: the treaty, four of
 * its events out of order (one known only to the month), and the U.S. exit the domain derives from its
 * notice. Tests that need hostile or messy data make it from these.
 */
import { deriveDeadlines } from "#domain/deadlines";
import type { Deadline, TimelineEvent, Treaty } from "#domain/types";
import seed from "../../data/treaties/inf.json" with { type: "json" };

const SEED = seed as unknown as { treaty: Treaty; events: Array<Omit<TimelineEvent, "treatyId">> };

/** The ids of the four events infEvents() holds. */
export const INF = {
  force: "inf-1988-06-01-entered-into-force",
  elimination: "inf-1991-05-eliminations-completed",
  notice: "inf-2019-02-02-us-withdrawal-notice",
  effective: "inf-2019-08-02-us-withdrawal-effective",
} as const;

export function infTreaty(): Treaty {
  return structuredClone(SEED.treaty);
}

function seedEvent(id: string): TimelineEvent {
  const event = SEED.events.find((candidate) => candidate.id === id);
  if (!event) throw new Error(`data/treaties/inf.json has no event ${id}`);
  return { ...structuredClone(event), treatyId: "inf" };
}

/** The notice, the 1991 eliminations (known to the month), entry into force and the exit: not in date order. */
export function infEvents(): TimelineEvent[] {
  return [INF.notice, INF.elimination, INF.force, INF.effective].map(seedEvent);
}

/** Sources a careless record might hold: a link with a query string, a javascript: URL, a bare host. */
export const MESSY_SOURCES = [
  { url: "https://www.example.org/news/inf-notice?a=1&b=2", publisher: "Example News" },
  { url: "javascript:alert(1)", title: "Not a link" },
  { url: "https://www.state.gov/inf" },
];

/** infEvents() with the notice's sources replaced by MESSY_SOURCES. */
export function infEventsWithMessySources(): TimelineEvent[] {
  return infEvents().map((event) => (event.id === INF.notice ? { ...event, sources: MESSY_SOURCES } : event));
}

/** The U.S. exit, as the domain derives it from the notice. */
export function usWithdrawalDeadline(): Deadline {
  const exit = deriveDeadlines(infTreaty(), [seedEvent(INF.notice)]).find(
    (deadline) => deadline.kind === "withdrawal_effective" && deadline.party === "US",
  );
  if (!exit) throw new Error("the INF notice derives no U.S. exit");
  return exit;
}
