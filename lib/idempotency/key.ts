import type { IdempotencyError } from "./errors";

export const IDEMPOTENCY_HEADER = "idempotency-key";

/** Long enough for a UUID or a client's own scheme, short enough to index. */
const MAX_KEY_LENGTH = 255;
const VISIBLE_ASCII = /^[\x21-\x7e]+$/;

/** The request's Idempotency-Key: null when it sent none, an error when the value is unusable. */
export function readIdempotencyKey(headers: Headers): { ok: true; key: string | null } | { ok: false; error: IdempotencyError } {
  const key = headers.get(IDEMPOTENCY_HEADER);
  if (key === null) return { ok: true, key: null };
  if (key.length === 0 || key.length > MAX_KEY_LENGTH || !VISIBLE_ASCII.test(key)) {
    return {
      ok: false,
      error: {
        code: "invalid_idempotency_key",
        message: `The Idempotency-Key header must be 1 to ${MAX_KEY_LENGTH} visible ASCII characters (a UUID, for example)`,
        status: 400,
      },
    };
  }
  return { ok: true, key };
}
