import type { AttributeValue } from "@aws-sdk/client-dynamodb";

/**
 * Items keep their keys and the attributes conditions and filters need as native
 * attributes, and the entity itself as one JSON document in `data`. That keeps the
 * marshalling code tiny (no util-dynamodb in the bundles) and an item's shape obvious.
 */
export type Item = Record<string, AttributeValue>;

export const S = (value: string): AttributeValue => ({ S: value });
export const N = (value: number): AttributeValue => ({ N: String(value) });

export function stringAttributes(values: Record<string, string | undefined>): Item {
  const item: Item = {};
  for (const [name, value] of Object.entries(values)) if (value !== undefined) item[name] = S(value);
  return item;
}

export function readData<T>(item: Item | undefined): T | undefined {
  const data = item?.data?.S;
  return data === undefined ? undefined : (JSON.parse(data) as T);
}

export function readNumber(item: Item | undefined, name: string): number | undefined {
  const value = item?.[name]?.N;
  return value === undefined ? undefined : Number(value);
}

export function readString(item: Item | undefined, name: string): string | undefined {
  return item?.[name]?.S;
}
