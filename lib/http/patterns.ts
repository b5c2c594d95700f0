/** Patterns shared by the schemas and by code paths that must not load the schemas. */

/** A treaty id: lowercase letters, digits and hyphens, at most 64, not starting or ending with a hyphen. */
export const SLUG = "[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?";
export const SLUG_PATTERN = new RegExp(`^${SLUG}$`);

/**
 * A regular expression source that matches exactly the whole numbers `min`..`max` written without
 * leading zeros, so a JSON Schema `pattern` can say what the server accepts (`limit` 1..200).
 */
export function wholeNumberSource(min: number, max: number): string {
  if (!Number.isInteger(min) || !Number.isInteger(max) || min < 0 || min > 9 || max < min) {
    throw new RangeError(`wholeNumberSource needs 0 <= min <= 9 and max >= min, not ${min}..${max}`);
  }
  const top = String(max);
  const alternatives: string[] = [];
  // Shorter numbers than max: every one of them, from min.
  for (let length = 1; length < top.length; length++) {
    alternatives.push(length === 1 ? `[${min}-9]` : `[1-9]\\d${length === 2 ? "" : `{${length - 1}}`}`);
  }
  // Numbers as long as max: below it at the first digit where they differ, or max itself.
  for (let i = 0; i < top.length; i++) {
    const digit = Number(top[i]);
    const low = i === 0 ? (top.length === 1 ? min : 1) : 0;
    if (digit > low) {
      const rest = top.length - i - 1;
      const range = digit - 1 === low ? `${low}` : `[${low}-${digit - 1}]`;
      alternatives.push(`${top.slice(0, i)}${range}${rest === 0 ? "" : rest === 1 ? "\\d" : `\\d{${rest}}`}`);
    }
  }
  alternatives.push(top);
  return `(?:${alternatives.join("|")})`;
}

/**
 * An IANA time zone name as the database writes them (`UTC`, `Europe/Brussels`,
 * `America/Argentina/Buenos_Aires`, `Etc/GMT+5`), in any case. The database itself decides past the pattern.
 */
export const TIME_ZONE_PATTERN = /^[A-Za-z][A-Za-z0-9_+-]{0,30}(?:\/[A-Za-z0-9_+-]{1,30}){0,2}$/;
