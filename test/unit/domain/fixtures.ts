/** Real treaties, trimmed to what the deadline rules read. */
import type { TimelineEvent, Treaty } from "#domain/types";
import { infTreaty } from "../../support/inf.ts";

/** The INF Treaty as the seed has it (data/treaties/inf.json). */
export const inf: Treaty = infTreaty();

export const abm: Treaty = {
  ...inf,
  id: "abm",
  name: "Treaty on the Limitation of Anti-Ballistic Missile Systems",
  shortName: "ABM Treaty",
  signedOn: "1972-05-26",
  inForceOn: "1972-10-03",
};

export const ottawa: Treaty = {
  id: "ottawa",
  name: "Convention on the Prohibition of the Use, Stockpiling, Production and Transfer of Anti-Personnel Mines and on their Destruction",
  shortName: "Ottawa Convention",
  parties: [
    { code: "LV", name: "Latvia" },
    { code: "NO", name: "Norway" },
  ],
  signedOn: "1997-12-03",
  inForceOn: "1999-03-01",
  withdrawal: {
    article: "Article 20(3)",
    text: "Such withdrawal shall only take effect six months after the receipt of the instrument of withdrawal by the Depositary.",
    noticePeriod: { months: 6 },
    noticeTo: "the Depositary",
    conditions: [
      "If, on the expiry of the six-month period, the withdrawing State Party is engaged in an armed conflict, the withdrawal shall not take effect before the end of the armed conflict.",
    ],
  },
  sources: [{ url: "https://www.apminebanconvention.org/" }],
};

export const newStart: Treaty = {
  id: "new-start",
  name: "Treaty on Measures for the Further Reduction and Limitation of Strategic Offensive Arms",
  shortName: "New START",
  parties: inf.parties,
  signedOn: "2010-04-08",
  inForceOn: "2011-02-05",
  withdrawal: {
    article: "Article XIV(3)",
    text: "Withdrawal shall take effect three months from the date of receipt by the other Party of the notification.",
    noticePeriod: { months: 3 },
  },
  term: { years: 10 },
  sources: [{ url: "https://www.state.gov/new-start/" }],
};

export const nato: Treaty = {
  id: "nato",
  name: "North Atlantic Treaty",
  shortName: "North Atlantic Treaty",
  parties: [
    { code: "US", name: "United States" },
    { code: "FR", name: "France" },
  ],
  signedOn: "1949-04-04",
  inForceOn: "1949-08-24",
  withdrawal: {
    article: "Article 13",
    text: "After the Treaty has been in force for twenty years, any Party may cease to be a Party one year after its notice of denunciation has been given.",
    noticePeriod: { years: 1 },
    earliestNotice: { years: 20 },
  },
  sources: [{ url: "https://www.nato.int/cps/en/natolive/official_texts_17120.htm" }],
};

/** The ICCPR has no withdrawal clause. */
export const iccpr: Treaty = {
  id: "iccpr",
  name: "International Covenant on Civil and Political Rights",
  shortName: "ICCPR",
  parties: [{ code: "KP", name: "Democratic People's Republic of Korea" }],
  signedOn: "1966-12-16",
  inForceOn: "1976-03-23",
  sources: [{ url: "https://treaties.un.org/" }],
};

export const romeStatute: Treaty = {
  id: "rome-statute",
  name: "Rome Statute of the International Criminal Court",
  shortName: "Rome Statute",
  parties: [
    { code: "GM", name: "Gambia" },
    { code: "ZA", name: "South Africa" },
    { code: "BI", name: "Burundi" },
  ],
  signedOn: "1998-07-17",
  inForceOn: "2002-07-01",
  withdrawal: {
    article: "Article 127(1)",
    text: "The withdrawal shall take effect one year after the date of receipt of the notification.",
    noticePeriod: { years: 1 },
  },
  sources: [{ url: "https://www.icc-cpi.int/" }],
};

let counter = 0;

export function event(fields: Pick<TimelineEvent, "date" | "type"> & Partial<TimelineEvent>): TimelineEvent {
  counter += 1;
  return {
    id: `ev-${String(counter).padStart(4, "0")}`,
    treatyId: "test",
    title: fields.type.replaceAll("_", " "),
    sources: [],
    ...fields,
  };
}
