/** Patterns shared by the schemas and by code paths that must not load the schemas. */
export const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;
