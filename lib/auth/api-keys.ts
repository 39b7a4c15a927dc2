/**
 * API keys for automation. A key is "API-" + 8 lookup characters + a secret; the database keeps
 * the lookup prefix and the sha256 of the whole key, so the key itself is shown only once.
 */
import type { DbOrTx } from "@/lib/db/client";
import { allocateId } from "@/lib/db/ids";
import { randomToken, sameHash, sha256Hex } from "./tokens";

export const API_KEY_HEADER = "x-octopus-apikey";
const PREFIX_LENGTH = 8;

function newKey(): { key: string; prefix: string } {
  const body = randomToken(30).replace(/[-_]/g, "").toUpperCase();
  const key = `API-${body}`;
  return { key, prefix: key.slice(0, 4 + PREFIX_LENGTH) };
}

export async function createApiKey(db: DbOrTx, userId: string, name: string): Promise<{ id: string; key: string; prefix: string }> {
  const { key, prefix } = newKey();
  const id = await allocateId(db, "ApiKeys");
  await db.apiKey.create({ data: { id, userId, name, prefix, keyHash: sha256Hex(key) } });
  return { id, key, prefix };
}

export type ApiKeyOwner = { apiKeyId: string; apiKeyName: string; userId: string };

/** The live key's owner, or null for an unknown, revoked or malformed key or a disabled user. */
export async function apiKeyOwner(db: DbOrTx, key: string, now = new Date()): Promise<ApiKeyOwner | null> {
  if (!key.startsWith("API-") || key.length < 4 + PREFIX_LENGTH + 16) return null;
  const row = await db.apiKey.findUnique({
    where: { prefix: key.slice(0, 4 + PREFIX_LENGTH) },
    select: { id: true, name: true, userId: true, keyHash: true, revokedAt: true, user: { select: { isDisabled: true } } },
  });
  if (!row || row.revokedAt || row.user.isDisabled || !sameHash(row.keyHash, sha256Hex(key))) return null;
  await db.apiKey.update({ where: { id: row.id }, data: { lastUsedAt: now } });
  return { apiKeyId: row.id, apiKeyName: row.name, userId: row.userId };
}

/** The key a request carries: `X-Octopus-ApiKey` as Octopus clients send it, or a Bearer token. */
export function apiKeyFrom(request: Request): string | null {
  const header = request.headers.get(API_KEY_HEADER)?.trim();
  if (header) return header;
  const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.get("authorization") ?? "");
  return bearer ? bearer[1] : null;
}

export async function revokeApiKey(db: DbOrTx, id: string, now = new Date()): Promise<boolean> {
  const { count } = await db.apiKey.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: now } });
  return count > 0;
}
