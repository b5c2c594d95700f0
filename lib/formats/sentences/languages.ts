/**
 * The languages and house styles a sentence can be written in. Apart from the phrase tables, so the edge can
 * check `lang` and `style` without loading the words of four languages.
 */

/** House styles of English copy; other languages follow their agency's usage (AFP, dpa, EFE). */
export const STYLES = ["ap", "uk"] as const;
export type Style = (typeof STYLES)[number];
export const LANGUAGES = ["en", "fr", "de", "es"] as const;
export type Language = (typeof LANGUAGES)[number];
