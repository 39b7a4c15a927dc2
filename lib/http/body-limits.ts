/**
 * Bounds on a JSON request body, checked before it is parsed: a body bigger than any the app needs
 * (the test panel's policy and input are a few hundred kilobytes at most) is refused with 413,
 * and nesting deeper than any real document with 400, so no body can exhaust memory or the stack
 * of the code that walks it (zod, the Rego value conversion).
 */
import { intFromEnv } from "@/lib/env/int";
import { fail, ok, type Result } from "@/lib/result";

export interface BodyLimits {
  /** POLICY_HUB_MAX_BODY_BYTES: largest request body read, in bytes. */
  maxBytes: number;
  /** POLICY_HUB_MAX_BODY_DEPTH: deepest nesting of arrays and objects in a JSON body. */
  maxDepth: number;
}

export const DEFAULT_BODY_LIMITS: BodyLimits = Object.freeze({ maxBytes: 1024 * 1024, maxDepth: 512 });

export function bodyLimitsFromEnv(env: Readonly<Record<string, string | undefined>> = process.env): BodyLimits {
  return {
    maxBytes: intFromEnv(env.POLICY_HUB_MAX_BODY_BYTES, DEFAULT_BODY_LIMITS.maxBytes, 1),
    maxDepth: intFromEnv(env.POLICY_HUB_MAX_BODY_DEPTH, DEFAULT_BODY_LIMITS.maxDepth, 1),
  };
}

function tooLarge(maxBytes: number): Result<never, "payload_too_large"> {
  return fail("payload_too_large", `The request body is larger than ${maxBytes} bytes`, { maxBytes }, 413);
}

/** The body as text, read no further than `maxBytes` (a declared length over it is refused unread). */
export async function readBodyText(request: Request, maxBytes: number): Promise<Result<string, "payload_too_large">> {
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) return tooLarge(maxBytes);
  if (!request.body) return ok("");
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return ok(Buffer.concat(chunks).toString("utf8"));
}

/**
 * The deepest nesting of `[` and `{` in a JSON text, counting only outside strings; it stops
 * counting past `limit`. A plain scan, so a 10,000-deep body costs no recursion at all.
 */
export function jsonDepthExceeds(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // a backslash escapes the next character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > limit) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}
