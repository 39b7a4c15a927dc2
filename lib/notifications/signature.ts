/**
 * Webhook signatures: HMAC-SHA256 over "<timestamp>.<body>" with the subscription's secret, sent
 * as `X-PolicyHub-Signature: t=<unix seconds>,v1=<hex>`. The timestamp is inside the signed text,
 * so a receiver that rejects old timestamps also rejects replays.
 */
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

export const SIGNATURE_HEADER = "x-policyhub-signature";

export function sign(secret: string, timestamp: number, body: string): string {
  return createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex");
}

export function signatureHeader(secret: string, timestamp: number, body: string): string {
  return `t=${timestamp},v1=${sign(secret, timestamp, body)}`;
}

/**
 * Whether a header signs the body with the secret, and its timestamp is within `toleranceS` of
 * `now`: what a receiver checks (documented, and used by the tests' receiver).
 */
export function verifySignature(secret: string, header: string | null, body: string, now: Date, toleranceS = 300): boolean {
  const parts = Object.fromEntries((header ?? "").split(",").map((p) => p.split("=", 2) as [string, string]));
  const t = Number(parts.t);
  if (!Number.isInteger(t) || !parts.v1 || Math.abs(now.getTime() / 1000 - t) > toleranceS) return false;
  const expected = Buffer.from(sign(secret, t, body), "hex");
  const given = Buffer.from(parts.v1, "hex");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** A new subscription's secret: 32 random bytes, shown once. */
export function newSecret(): string {
  return `whsec_${randomBytes(32).toString("base64url")}`;
}
