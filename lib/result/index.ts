/**
 * Errors as values, for the whole app: a function that can fail for an expected reason returns a
 * `Result` instead of throwing. The route kit (`lib/http`) turns one into a JSON response, an
 * error as `{ error: { code, message, details? } }`.
 */

/** An expected failure: a stable code for programs, a message for people, optional details. */
export interface Failure<C extends string = string> {
  code: C;
  message: string;
  details?: unknown;
  /** The HTTP status when the code alone does not decide it (see `lib/http/status.ts`). */
  status?: number;
}

export type Result<T, C extends string = string> = { ok: true; value: T; status?: number } | { ok: false; error: Failure<C> };

/** A success; `status` is the HTTP status a route answers it with (200 when left out). */
export function ok<T>(value: T, status?: number): Result<T, never> {
  return status === undefined ? { ok: true, value } : { ok: true, value, status };
}

/**
 * A failure. The third argument is either its details or, as `fail(code, message, 403)`, its HTTP
 * status; a status after details goes fourth.
 */
export function fail<C extends string>(code: C, message: string, detailsOrStatus?: unknown, status?: number): Result<never, C> {
  const error: Failure<C> = { code, message };
  if (typeof detailsOrStatus === "number" && status === undefined) error.status = detailsOrStatus;
  else if (detailsOrStatus !== undefined) error.details = detailsOrStatus;
  if (status !== undefined) error.status = status;
  return { ok: false, error };
}

export function mapResult<T, U, C extends string>(result: Result<T, C>, f: (value: T) => U): Result<U, C> {
  return result.ok ? { ok: true, value: f(result.value), ...(result.status === undefined ? {} : { status: result.status }) } : result;
}

/** The same result, answered with this HTTP status when it is a success (201 Created, 202 Accepted). */
export function withStatus<T, C extends string>(result: Result<T, C>, status: number): Result<T, C> {
  return result.ok ? { ...result, status } : result;
}
