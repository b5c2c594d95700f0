/** The treaty the load benches write to: INF's six-month clause, two parties, one source. */
export function benchTreatyInput(id: string, name: string) {
  return {
    id,
    name,
    shortName: "Bench",
    parties: [
      { code: "US", name: "United States" },
      { code: "RU", name: "Russia" },
    ],
    signedOn: "1987-12-08",
    withdrawal: { article: "Article XV(2)", text: "Six months' notice.", noticePeriod: { months: 6 } },
    sources: [{ url: "https://example.org/bench" }],
  };
}
