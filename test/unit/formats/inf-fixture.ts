import type { Deadline, TimelineEvent, Treaty } from "#domain/types";

/** An INF-like treaty and a few of its events, one of them known only to the month. */
export function infTreaty(): Treaty {
  return {
    id: "inf",
    name: "Treaty Between the United States of America and the Union of Soviet Socialist Republics on the Elimination of Their Intermediate-Range and Shorter-Range Missiles",
    shortName: "INF Treaty",
    parties: [
      { code: "US", name: "United States" },
      { code: "RU", name: "Russia" },
    ],
    signedOn: "1987-12-08",
    inForceOn: "1988-06-01",
    bilateral: true,
    withdrawal: {
      article: "Article XV(2)",
      text: "Each Party shall, in exercising its national sovereignty, have the right to withdraw from this Treaty ...",
      noticePeriod: { months: 6 },
      noticeTo: "the other Party",
    },
    sources: [
      {
        url: "https://2009-2017.state.gov/t/avc/trty/102360.htm",
        title: "INF Treaty text",
        publisher: "U.S. State Department",
      },
    ],
  };
}

export function infEvents(): TimelineEvent[] {
  return [
    {
      id: "ev-notice",
      treatyId: "inf",
      date: "2019-02-02",
      type: "withdrawal_notice",
      party: "US",
      title: "U.S. gives notice of withdrawal",
      description: "The United States gives six months' notice under Article XV.",
      sources: [
        { url: "https://www.example.org/news/inf-notice?a=1&b=2", publisher: "Example News" },
        { url: "javascript:alert(1)", title: "Not a link" },
        { url: "https://www.state.gov/inf" },
      ],
    },
    {
      id: "ev-elimination",
      treatyId: "inf",
      date: "1991-05",
      type: "other",
      title: "Last missiles eliminated",
      sources: [],
    },
    {
      id: "ev-force",
      treatyId: "inf",
      date: "1988-06-01",
      type: "entered_into_force",
      title: "Treaty enters into force",
      sources: [],
    },
    {
      id: "ev-effective",
      treatyId: "inf",
      date: "2019-08-02",
      type: "withdrawal_effective",
      party: "US",
      title: "U.S. withdrawal takes effect",
      sources: [],
    },
  ];
}

export function usWithdrawalDeadline(): Deadline {
  return {
    kind: "withdrawal_effective",
    date: "2019-08-02",
    party: "US",
    basis: {
      rule: "Withdrawal takes effect six months after notice.",
      article: "INF Treaty, Article XV(2)",
      triggerEventId: "ev-notice",
      triggerDate: "2019-02-02",
      explanation: "Notice given on Feb. 2, 2019, plus six months is Aug. 2, 2019.",
      warnings: ["The treaty requires a statement of extraordinary events with the notice."],
    },
  };
}
