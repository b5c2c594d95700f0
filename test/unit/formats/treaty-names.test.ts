import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { TREATY_NAMES } from "#formats/sentences/treaty-names";

/**
 * treaty-names.json is read with a type cast (JSON imports widen every string): this holds it to the types it
 * is cast to, and to the catalogue, so a new treaty cannot reach French, German or Spanish copy nameless.
 */
const catalogue = readdirSync(new URL("../../../data/treaties/", import.meta.url))
  .filter((file) => file.endsWith(".json"))
  .map((file) => file.replace(/\.json$/, ""));

describe("treaty names in each language", () => {
  it("names every treaty in the catalogue, and no other", () => {
    expect(Object.keys(TREATY_NAMES).sort()).toEqual(catalogue.sort());
  });

  it.each(Object.entries(TREATY_NAMES))("%s: a name and a known gender per language", (_id, names) => {
    expect(names?.fr.name).toMatch(/\S/);
    expect(["m", "f", "pl", "none"]).toContain(names?.fr.gender);
    expect(names?.es.name).toMatch(/\S/);
    expect(["m", "f", "none"]).toContain(names?.es.gender);
    expect(names?.de.name).toMatch(/\S/);
    expect(["m", "f", "n"]).toContain(names?.de.gender);
    expect(Object.keys(names ?? {}).sort()).toEqual(["de", "es", "fr"]);
  });
});
