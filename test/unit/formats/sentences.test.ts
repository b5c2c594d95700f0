import { describe, expect, it } from "vitest";
import { LANGUAGES, phrasebook, STYLES } from "#formats/sentence";

/**
 * Each language checked against sentences written the way its news agency writes them: AP and British English,
 * AFP French ("le 2 août 2019", "des États-Unis"), dpa German ("am 2. August 2019", "der USA"), EFE Spanish
 * ("el 2 de agosto de 2019", "de Estados Unidos").
 */
const inf = { id: "inf", shortName: "INF Treaty", nameTakesArticle: true };
const newStart = { id: "new-start", shortName: "New START", nameTakesArticle: false };
const ottawa = { id: "ottawa", shortName: "Ottawa Convention (Mine Ban Treaty)", nameTakesArticle: true };
const baltics = [
  { code: "EE", name: "Estonia" },
  { code: "LV", name: "Latvia" },
  { code: "LT", name: "Lithuania" },
];
const us = { code: "US", name: "United States" };
const russia = { code: "RU", name: "Russia" };
const infEnd = { date: "2019-08-02", reason: "withdrawal", party: us } as const;
const ap = await phrasebook("ap", "en");
const uk = await phrasebook("uk", "en");
const fr = await phrasebook("ap", "fr");
const de = await phrasebook("ap", "de");
const es = await phrasebook("ap", "es");

describe("AP English", () => {
  it("names Estonia, Latvia and Lithuania together and counts the pending withdrawals", () => {
    expect(
      ap.exit(ottawa, {
        kind: "withdrawal_effective",
        date: "2025-12-27",
        daysUntil: 148,
        parties: baltics,
        pendingWithdrawals: 4,
      }),
    ).toBe(
      "Estonia, Latvia and Lithuania's withdrawals from the Ottawa Convention (Mine Ban Treaty) take effect in 148 days, on Dec. 27, 2025, the first three of four pending withdrawals.",
    );
    expect(
      ap.exit(ottawa, {
        kind: "withdrawal_effective",
        date: "2025-12-27",
        daysUntil: 148,
        parties: baltics,
        pendingWithdrawals: 3,
      }),
    ).toBe(
      "Estonia, Latvia and Lithuania's withdrawals from the Ottawa Convention (Mine Ban Treaty) take effect in 148 days, on Dec. 27, 2025.",
    );
  });

  it("says the INF Treaty ended when the U.S. withdrawal took effect", () => {
    expect(ap.ended(inf, infEnd)).toBe("The INF Treaty ended on Aug. 2, 2019, when the U.S. withdrawal took effect.");
  });

  it('writes "New START" without "The"', () => {
    const exit = { kind: "term_expiry", date: "2026-02-05", parties: [], pendingWithdrawals: 0 } as const;
    expect(ap.exit(newStart, { ...exit, daysUntil: 67 })).toBe("New START expires in 67 days, on Feb. 5, 2026.");
    expect(ap.ended(newStart, { date: "2026-02-05", reason: "term_expiry" })).toBe(
      "New START expired on Feb. 5, 2026.",
    );
  });

  it("uses Russia's, Finland's and the U.S. as AP does", () => {
    const one = (party: { code: string; name: string }) =>
      ap.exit(ottawa, {
        kind: "withdrawal_effective",
        date: "2026-01-10",
        daysUntil: 10,
        parties: [party],
        pendingWithdrawals: 0,
      });
    expect(one({ code: "FI", name: "Finland" })).toMatch(/^Finland's withdrawal/);
    expect(one({ code: "US", name: "United States" })).toMatch(/^The U\.S\. withdrawal/);
    expect(one({ code: "CA", name: "Canada (Depositary)" })).toMatch(/^Canada's withdrawal/);
    expect(one({ code: "NL", name: "Netherlands (Depositary)" })).toMatch(/^The Netherlands' withdrawal/);
    expect(ap.whatIf(inf, { noticeOn: "2026-11-30", date: "2027-05-30", daysUntil: 181, party: russia })).toBe(
      "If notice of Russia's withdrawal from the INF Treaty were given on Nov. 30, 2026, it would take effect in 181 days, on May 30, 2027.",
    );
  });

  it("says a what-if after the end is conditional on a treaty no longer in force", () => {
    expect(ap.whatIf(inf, { noticeOn: "2026-11-30", date: "2027-05-30", daysUntil: 181, endedOn: "2019-08-02" })).toBe(
      "The INF Treaty ended on Aug. 2, 2019, and is no longer in force; if it were, notice of withdrawal from the INF Treaty given on Nov. 30, 2026, would take effect in 181 days, on May 30, 2027.",
    );
  });
});

describe("British English", () => {
  it('writes "2 August 2019" and "the US"', () => {
    expect(uk.ended(inf, infEnd)).toBe("The INF Treaty ended on 2 August 2019, when the US withdrawal took effect.");
    expect(
      uk.exit(inf, {
        kind: "withdrawal_effective",
        date: "2019-08-02",
        daysUntil: 1,
        parties: [us],
        pendingWithdrawals: 0,
      }),
    ).toBe("The US withdrawal from the INF Treaty takes effect tomorrow, 2 August 2019.");
  });
});

describe("French, as AFP writes it", () => {
  it('writes "le 2 août 2019", "des États-Unis", "de la Russie" and "le 1er"', () => {
    expect(fr.ended(inf, infEnd)).toBe(
      "Le traité sur les forces nucléaires intermédiaires (FNI) a pris fin le 2 août 2019, lorsque le retrait des États-Unis a pris effet.",
    );
    expect(
      fr.exit(inf, {
        kind: "withdrawal_effective",
        date: "2019-08-01",
        daysUntil: 0,
        parties: [russia],
        pendingWithdrawals: 0,
      }),
    ).toBe(
      "Le retrait de la Russie du traité sur les forces nucléaires intermédiaires (FNI) prend effet aujourd'hui, le 1er août 2019.",
    );
    expect(
      fr.exit(ottawa, {
        kind: "withdrawal_effective",
        date: "2025-12-27",
        daysUntil: 148,
        parties: baltics,
        pendingWithdrawals: 4,
      }),
    ).toBe(
      "Les retraits de l'Estonie, de la Lettonie et de la Lituanie de la convention d'Ottawa sur les mines antipersonnel prendront effet dans 148 jours, le 27 décembre 2025, les trois premiers de quatre retraits en attente.",
    );
    expect(
      fr.exit(inf, {
        kind: "withdrawal_effective",
        date: "2019-08-02",
        daysUntil: -3,
        parties: [{ code: "IL" }],
        pendingWithdrawals: 0,
      }),
    ).toBe(
      "Le retrait d'Israël du traité sur les forces nucléaires intermédiaires (FNI) a pris effet il y a trois jours, le 2 août 2019.",
    );
  });

  it("says a what-if after the end is conditional", () => {
    expect(
      fr.whatIf(inf, { noticeOn: "2026-11-30", date: "2027-05-30", daysUntil: 181, party: us, endedOn: "2019-08-02" }),
    ).toBe(
      "Le traité sur les forces nucléaires intermédiaires (FNI) n'est plus en vigueur depuis le 2 août 2019. S'il l'était encore, un retrait des États-Unis du traité sur les forces nucléaires intermédiaires (FNI) notifié le 30 novembre 2026 prendrait effet dans 181 jours, le 30 mai 2027.",
    );
  });
});

describe("German, as dpa writes it", () => {
  it('writes "am 2. August 2019", "der USA" and "Estlands, Lettlands und Litauens"', () => {
    expect(de.ended(inf, infEnd)).toBe(
      "Der INF-Vertrag endete am 2. August 2019, als der Austritt der USA wirksam wurde.",
    );
    expect(
      de.exit(ottawa, {
        kind: "withdrawal_effective",
        date: "2025-12-27",
        daysUntil: 148,
        parties: baltics,
        pendingWithdrawals: 3,
      }),
    ).toBe(
      "Die Austritte Estlands, Lettlands und Litauens aus der Ottawa-Konvention zum Verbot von Antipersonenminen werden in 148 Tagen, am 27. Dezember 2025, wirksam.",
    );
    expect(
      de.exit(newStart, { kind: "term_expiry", date: "2026-02-05", daysUntil: 12, parties: [], pendingWithdrawals: 0 }),
    ).toBe("Der New-Start-Vertrag läuft in zwölf Tagen, am 5. Februar 2026, aus.");
    expect(
      de.exit(inf, {
        kind: "withdrawal_effective",
        date: "2019-08-02",
        daysUntil: 2,
        parties: [{ code: "BY", name: "Belarus" }],
        pendingWithdrawals: 0,
      }),
    ).toBe("Der Austritt von Belarus aus dem INF-Vertrag wird in zwei Tagen, am 2. August 2019, wirksam.");
  });

  it("says a what-if after the end is conditional", () => {
    expect(
      de.whatIf(inf, { noticeOn: "2026-11-30", date: "2027-05-30", daysUntil: 181, party: us, endedOn: "2019-08-02" }),
    ).toBe(
      "Der INF-Vertrag ist seit dem 2. August 2019 nicht mehr in Kraft. Wäre er noch in Kraft, würde eine Austrittserklärung der USA am 30. November 2026 in 181 Tagen, am 30. Mai 2027, wirksam werden.",
    );
  });
});

describe("Spanish, as EFE writes it", () => {
  it('writes "el 2 de agosto de 2019", "de Estados Unidos" and "y" before "e"', () => {
    expect(es.ended(inf, infEnd)).toBe(
      "El Tratado INF dejó de estar en vigor el 2 de agosto de 2019, cuando se hizo efectiva la retirada de Estados Unidos.",
    );
    expect(
      es.exit(ottawa, {
        kind: "withdrawal_effective",
        date: "2025-12-27",
        daysUntil: 1,
        parties: [baltics[0] ?? us, { code: "IT", name: "Italy" }],
        pendingWithdrawals: 0,
      }),
    ).toBe(
      "Las retiradas de Estonia e Italia de la Convención de Ottawa sobre minas antipersona se harán efectivas mañana, el 27 de diciembre de 2025.",
    );
    expect(es.whatIf(inf, { noticeOn: "2026-11-30", date: "2027-05-30", daysUntil: 181, party: us })).toBe(
      "Si Estados Unidos notificara su retirada del Tratado INF el 30 de noviembre de 2026, esta se haría efectiva dentro de 181 días, el 30 de mayo de 2027.",
    );
    expect(
      es.exit(inf, {
        kind: "withdrawal_effective",
        date: "2019-08-02",
        daysUntil: 5,
        parties: [{ code: "GB", name: "United Kingdom" }],
        pendingWithdrawals: 0,
      }),
    ).toBe(
      "La retirada del Reino Unido del Tratado INF se hará efectiva dentro de cinco días, el 2 de agosto de 2019.",
    );
  });
});

describe("supported styles and languages", () => {
  it("has a phrasebook for every style and language it names", async () => {
    for (const style of STYLES) {
      for (const lang of LANGUAGES) expect((await phrasebook(style, lang)).tag).toMatch(/^[a-z]{2}/);
    }
  });
});
