import { z } from "zod";

/** The error body every JSON API of the app answers with: `{ error: { code, message, details? } }`. */
export type ApiError = { code: string; message: string; details?: unknown };

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: ApiError & { code: "invalid_request" } };

export function jsonResponse(body: unknown, status = 200): Response {
  return Response.json(body, { status, headers: { "cache-control": "no-store" } });
}

export function errorResponse(error: ApiError, status: number): Response {
  return jsonResponse({ error }, status);
}

function invalid(message: string, error?: z.ZodError): Parsed<never> {
  const details = error ? { issues: error.issues.map((i) => ({ path: i.path.join("."), message: i.message })) } : undefined;
  return { ok: false, error: details ? { code: "invalid_request", message, details } : { code: "invalid_request", message } };
}

function describe(error: z.ZodError): string {
  return error.issues.map((i) => (i.path.length ? `${i.path.join(".")}: ${i.message}` : i.message)).join("; ");
}

/** The request's JSON body checked against a schema. */
export async function readJsonBody<T>(request: Request, schema: z.ZodType<T>): Promise<Parsed<T>> {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return invalid("The request body is not valid JSON");
  }
  const parsed = schema.safeParse(body);
  return parsed.success ? { ok: true, value: parsed.data } : invalid(`Invalid request body: ${describe(parsed.error)}`, parsed.error);
}

/** The URL's query parameters checked against a schema (absent parameters are undefined). */
export function readSearchParams<T>(request: Request, schema: z.ZodType<T>): Parsed<T> {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const parsed = schema.safeParse(params);
  return parsed.success ? { ok: true, value: parsed.data } : invalid(`Invalid query parameters: ${describe(parsed.error)}`, parsed.error);
}

/**
 * Wraps a route handler so an unexpected exception still answers in the API's error shape;
 * expected failures are values and never reach this.
 */
export function withErrorBoundary<A extends unknown[]>(handler: (...args: A) => Promise<Response>): (...args: A) => Promise<Response> {
  return async (...args) => {
    try {
      return await handler(...args);
    } catch (e) {
      console.error(e);
      return errorResponse({ code: "internal_error", message: "Something went wrong on the server; the error is in its log" }, 500);
    }
  };
}
