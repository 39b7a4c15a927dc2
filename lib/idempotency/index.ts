// Idempotency-Key support for POSTs that start work: one answer per caller and key.
export { requestFingerprint } from "./fingerprint";
export { IDEMPOTENCY_HEADER, readIdempotencyKey } from "./key";
export { runIdempotent, IDEMPOTENCY_TTL_MS, REPLAYED_HEADER, type IdempotentRequest, type IdempotentOutcome, type IdempotencyOptions } from "./run";
export type { IdempotencyError, IdempotencyErrorCode } from "./errors";
