import type { Failure, Result } from "@/lib/result";
import { statusOf } from "./status";

/** The error body every JSON API of the app answers with: `{ error: { code, message, details? } }`. */
export type ApiError = { code: string; message: string; details?: unknown };

/** API answers are about live state: never cached by the browser or a proxy. */
export const NO_STORE = { "cache-control": "no-store" } as const;

export function jsonResponse(body: unknown, status = 200): Response {
  return Response.json(body, { status, headers: NO_STORE });
}

export function errorResponse(error: Failure): Response {
  const { code, message, details } = error;
  return jsonResponse({ error: details === undefined ? { code, message } : { code, message, details } }, statusOf(error));
}

export function resultResponse(result: Result<unknown>): Response {
  return result.ok ? jsonResponse(result.value, result.status ?? 200) : errorResponse(result.error);
}
