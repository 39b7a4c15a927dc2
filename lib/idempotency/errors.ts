export type IdempotencyErrorCode = "invalid_idempotency_key" | "idempotency_key_reused" | "idempotency_request_in_progress";

/** In the route kit's error shape: the kit answers it as `{ error: { code, message, details? } }`. */
export interface IdempotencyError {
  code: IdempotencyErrorCode;
  message: string;
  status: 400 | 409;
  details?: Record<string, unknown>;
}
