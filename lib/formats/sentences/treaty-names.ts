/**
 * Each seeded treaty's name as the French, Spanish and German agencies write it, one entry per treaty in
 * treaty-names.json so that adding a treaty touches one place. English uses the treaty's own short name.
 * A unit test holds the file to these types and to the catalogue (every treaty in data/treaties has an entry).
 */
import names from "./treaty-names.json" with { type: "json" };

interface LocalName<Gender extends string> {
  name: string;
  gender: Gender;
}

export interface TreatyNames {
  /** m, f: singulier; pl: pluriel; none: sans article. */
  fr: LocalName<"m" | "f" | "pl" | "none">;
  /** none: sin artículo. */
  es: LocalName<"m" | "f" | "none">;
  /** Nominativ ohne Artikel; `dative` where an adjective declines („Europäischen …“). */
  de: LocalName<"m" | "f" | "n"> & { dative?: string };
}

export const TREATY_NAMES = names as Readonly<Record<string, TreatyNames | undefined>>;
