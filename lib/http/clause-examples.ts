/**
 * Real treaties and notices for each form of withdrawal clause, taken from the catalogue in data/treaties so the
 * OpenAPI examples, the README and the tests show the same sourced facts. Used when the OpenAPI document is
 * generated (npm run openapi) and by tests; no function loads it at run time.
 */
import cfe from "../../data/treaties/cfe.json" with { type: "json" };
import echr from "../../data/treaties/echr.json" with { type: "json" };
import ilo from "../../data/treaties/ilo-c158.json" with { type: "json" };
import istanbul from "../../data/treaties/istanbul.json" with { type: "json" };
import npt from "../../data/treaties/npt.json" with { type: "json" };
import paris from "../../data/treaties/paris.json" with { type: "json" };
import rome from "../../data/treaties/rome-statute.json" with { type: "json" };
import friendship from "../../data/treaties/ua-ru-friendship.json" with { type: "json" };
import unesco from "../../data/treaties/unesco.json" with { type: "json" };
import who from "../../data/treaties/who.json" with { type: "json" };

interface CatalogueFile {
  treaty: { id: string; shortName: string };
  events: { id: string }[];
}

export interface ClauseExample {
  /** The clause form, as the README and the issue name it. */
  form: string;
  summary: string;
  file: CatalogueFile;
  /** The real notice (or deposit) that shows the form at work. */
  eventId: string;
}

export const CLAUSE_EXAMPLES: readonly ClauseExample[] = [
  {
    form: "counted-from-receipt",
    summary: "Counted from receipt: Rome Statute Art. 127; the Philippines' note of 15 March 2018, received 17 March",
    file: rome,
    eventId: "rome-statute-2018-03-15-philippines-withdrawal-notice",
  },
  {
    form: "period-then-first-of-month",
    summary: "A period, then the first of the next month: Istanbul Convention Art. 80; Turkey, 2021",
    file: istanbul,
    eventId: "istanbul-2021-03-turkey-withdrawal-notice",
  },
  {
    form: "end-of-year",
    summary: "31 December of the following year: UNESCO Constitution Art. II(6); the US notice of 12 October 2017",
    file: unesco,
    eventId: "unesco-2017-10-12-us-withdrawal-notice",
  },
  {
    form: "later-date-in-notice",
    summary:
      "A later date named in the notice: CFE Treaty Art. XIX(2); Russia's notice of 9 June 2023 naming 7 November",
    file: cfe,
    eventId: "cfe-2023-06-09-russia-withdrawal-notice",
  },
  {
    form: "earliest-notice-per-party",
    summary:
      "Earliest notice per party: Paris Agreement Art. 28(1); the US notice on its first eligible day, 4 November 2019",
    file: paris,
    eventId: "paris-2019-11-04-us-withdrawal-notice",
  },
  {
    form: "denunciation-windows",
    summary: "Denunciation windows: ILO Convention 158 Art. 17; Brazil's denunciation registered 20 November 1996",
    file: ilo,
    eventId: "ilo-c158-1996-11-20-brazil-denunciation-registered",
  },
  {
    form: "renewing-term",
    summary: "A term that renews: Ukraine-Russia Friendship Treaty Art. 40; Ukraine's note of 21 September 2018",
    file: friendship,
    eventId: "ua-ru-friendship-2018-09-21-ukraine-notice-of-non-renewal",
  },
  {
    form: "entry-into-force-for-a-party",
    summary: "Entry into force for a party: Paris Agreement Art. 21(3); the US instrument of 20 January 2021",
    file: paris,
    eventId: "paris-2021-01-20-us-acceptance",
  },
  {
    form: "party-own-terms",
    summary: "A party's own terms: the US reservation to the WHO Constitution (1948); the US notice of 22 January 2025",
    file: who,
    eventId: "who-2025-01-22-us-withdrawal-notice",
  },
  {
    form: "contested-exit",
    summary: "A contested exit: NPT Art. X(1); North Korea's notice of 10 January 2003, claiming effect the next day",
    file: npt,
    eventId: "npt-2003-01-10-north-korea-withdrawal-notice",
  },
  {
    form: "expulsion",
    summary:
      "An expulsion that ends membership: ECHR Art. 58(3); Russia, expelled from the Council of Europe on 16 March 2022",
    file: echr,
    eventId: "echr-2022-03-16-russia-expelled",
  },
];

/** The example's event, as stored in the catalogue. */
export function exampleEvent(example: ClauseExample): Record<string, unknown> & { id: string } {
  const event = example.file.events.find((e) => e.id === example.eventId);
  if (event === undefined)
    throw new Error(`No event ${example.eventId} in the ${example.file.treaty.id} catalogue file`);
  return event as Record<string, unknown> & { id: string };
}
