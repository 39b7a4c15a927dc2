import type { z } from "zod";
import { fail, ok, type Result } from "@/lib/result";
import { bodyLimitsFromEnv, jsonDepthExceeds, readBodyText, type BodyLimits } from "./body-limits";

function invalid(message: string, error?: z.ZodError): Result<never, "invalid_request"> {
  if (!error) return fail("invalid_request", message, 400);
  const issues = error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
  return fail("invalid_request", `${message}: ${describe(error)}`, { issues }, 400);
}

function describe(error: z.ZodError): string {
  return error.issues.map((i) => (i.path.length ? `${i.path.join(".")}: ${i.message}` : i.message)).join("; ");
}

/** The request's JSON body checked against a schema, within `limits` (see `body-limits.ts`). */
export async function readJsonBody<T>(
  request: Request,
  schema: z.ZodType<T>,
  limits: BodyLimits = bodyLimitsFromEnv(),
): Promise<Result<T, "invalid_request" | "payload_too_large">> {
  const text = await readBodyText(request, limits.maxBytes);
  return text.ok ? parseJsonBody(text.value, schema, limits.maxDepth) : text;
}

/** A body's text as JSON checked against a schema; an empty body reads as `{}`, so optional-only bodies may be left out. */
export function parseJsonBody<T>(text: string, schema: z.ZodType<T>, maxDepth = bodyLimitsFromEnv().maxDepth): Result<T, "invalid_request"> {
  let body: unknown = {};
  if (text.trim() !== "") {
    if (jsonDepthExceeds(text, maxDepth)) return fail("invalid_request", `The request body nests arrays or objects more than ${maxDepth} deep`, { maxDepth }, 400);
    try {
      body = JSON.parse(text);
    } catch {
      return invalid("The request body is not valid JSON");
    }
  }
  const parsed = schema.safeParse(body);
  return parsed.success ? ok(parsed.data) : invalid("Invalid request body", parsed.error);
}

/** The URL's query parameters checked against a schema (absent parameters are undefined). */
export function readSearchParams<T>(request: Request, schema: z.ZodType<T>): Result<T, "invalid_request"> {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const parsed = schema.safeParse(params);
  return parsed.success ? ok(parsed.data) : invalid("Invalid query parameters", parsed.error);
}
