/**
 * The routes serverless.yml deploys, as one table: `npm run openapi` writes routes.json from the
 * `httpApi` events in serverless.yml, and test/integration/openapi.test.ts fails when they differ.
 * The catch-all route reads it to tell an unknown path (404) from a method the path does not answer (405).
 */
import routes from "./routes.json" with { type: "json" };

/** Path template (`/treaties/{treatyId}`) → each method it answers (upper case) → the function that answers it. */
export type RouteTable = Readonly<Record<string, Readonly<Record<string, string>>>>;

export const ROUTES: RouteTable = routes;

const templates = Object.entries(ROUTES).map(([template, methods]) => ({
  pattern: new RegExp(
    `^${template
      .split(/(\{[^}]+\})/)
      .map((part) => (part.startsWith("{") ? "[^/]+" : part.replace(/[.*+?^$()|[\]\\]/g, "\\$&")))
      .join("")}$`,
  ),
  methods: Object.keys(methods).sort(),
}));

/** The methods a concrete path (`/treaties/inf`) answers; undefined when no route has that path. */
export function allowedMethods(path: string): readonly string[] | undefined {
  return templates.find(({ pattern }) => pattern.test(path))?.methods;
}

/** The `httpApi` events of serverless.yml's functions, as a route table; the catch-all (`'*'`) is not a route. */
export function routeTable(functions: Record<string, { events?: Array<{ httpApi?: unknown }> }>): RouteTable {
  const table: Record<string, Record<string, string>> = {};
  for (const [name, fn] of Object.entries(functions)) {
    for (const { httpApi } of fn.events ?? []) {
      if (typeof httpApi !== "object" || httpApi === null) continue;
      const { method, path } = httpApi as { method: string; path: string };
      table[path] = { ...table[path], [method.toUpperCase()]: name };
    }
  }
  return Object.fromEntries(
    Object.entries(table)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([path, methods]) => [path, Object.fromEntries(Object.entries(methods).sort())]),
  );
}
