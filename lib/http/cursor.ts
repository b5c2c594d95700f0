import { createHmac, timingSafeEqual } from "node:crypto";
import { BadRequestError } from "#http/errors";

/**
 * Opaque, tamper-evident page cursors: the position and a fingerprint of the query it
 * belongs to, signed with HMAC-SHA256. A forged, altered or foreign cursor is a 400.
 */
const encode = (value: string) => Buffer.from(value, "utf8").toString("base64url");

function sign(secret: string, payload: string): string {
  return createHmac("sha256", secret).update(payload).digest("base64url");
}

export function sealCursor(secret: string, query: string, position: string): string {
  const payload = encode(JSON.stringify({ q: query, p: position }));
  return `${payload}.${sign(secret, payload)}`;
}

export function openCursor(secret: string, query: string, cursor: string): string {
  const invalid = new BadRequestError(
    "The cursor is not valid for this query. Use nextCursor exactly as returned, with the same filters.",
  );
  const [payload, signature, extra] = cursor.split(".");
  if (!payload || !signature || extra !== undefined) throw invalid;
  const expected = Buffer.from(sign(secret, payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw invalid;
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
  } catch {
    throw invalid;
  }
  const { q, p } = (decoded ?? {}) as { q?: unknown; p?: unknown };
  if (q !== query || typeof p !== "string") throw invalid;
  return p;
}
