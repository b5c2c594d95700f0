import { timingSafeEqual } from "node:crypto";
import { UnauthorizedError } from "#http/errors";
import type { HttpEvent } from "#http/request";
import { header } from "#http/request";
import { type ApiKeyRecord, apiKeyHash, findApiKey } from "#store/api-keys";

function presentedKey(event: HttpEvent): string | undefined {
  const direct = header(event, "x-api-key");
  if (direct) return direct.trim();
  const authorization = header(event, "authorization");
  const bearer = authorization && /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  return bearer ? bearer[1] : undefined;
}

/**
 * The writer behind a request, or 401. Runs before the route reads anything else.
 * Only the key's hash is looked up; the stored hash is compared in constant time.
 */
export async function requireWriter(event: HttpEvent): Promise<ApiKeyRecord> {
  const key = presentedKey(event);
  if (!key || key.length > 256) throw new UnauthorizedError();
  const hash = apiKeyHash(key);
  const record = await findApiKey(hash);
  const matches = record !== undefined && timingSafeEqual(Buffer.from(record.hash, "hex"), Buffer.from(hash, "hex"));
  if (!record || !matches) throw new UnauthorizedError("The API key is not recognised.");
  if (record.revokedAt) throw new UnauthorizedError("The API key has been revoked.");
  return record;
}
