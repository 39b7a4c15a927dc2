import { createHash } from "node:crypto";

/**
 * What makes two requests "the same" for one Idempotency-Key: method, path and the body's exact
 * bytes (a retry sends what the first attempt sent). The query is part of the path.
 */
export function requestFingerprint(method: string, pathAndQuery: string, body: string): string {
  return createHash("sha256").update(method.toUpperCase()).update("\n").update(pathAndQuery).update("\n").update(body).digest("hex");
}
