/** Patterns shared by the schemas and by code paths that must not load the schemas. */

/** A treaty id: lowercase letters, digits and hyphens, at most 64, not starting or ending with a hyphen. */
export const SLUG = "[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?";
export const SLUG_PATTERN = new RegExp(`^${SLUG}$`);
