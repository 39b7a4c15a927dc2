/** Turning library results into JSON responses, so every executions route answers errors alike. */
import { EXECUTION_ERROR_STATUS, type ExecutionError, type Result } from "./errors";

export function errorResponse(error: ExecutionError): Response {
  return Response.json({ error: { code: error.code, message: error.message, details: error.details ?? {} } }, { status: EXECUTION_ERROR_STATUS[error.code] });
}

export function resultResponse<T>(result: Result<T>, status = 200): Response {
  return result.ok ? Response.json(result.value, { status }) : errorResponse(result.error);
}

/** The request body as JSON; an empty body reads as `{}` so optional-only bodies may be left out. */
export async function readJsonBody(request: Request): Promise<Result<unknown>> {
  const text = await request.text();
  if (text.trim() === "") return { ok: true, value: {} };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (e) {
    return { ok: false, error: { code: "invalid_request", message: "The request body is not valid JSON", details: { parseError: (e as Error).message } } };
  }
}

export function searchParamsObject(request: Request): Record<string, string> {
  return Object.fromEntries(new URL(request.url).searchParams);
}

/** A POST handler that feeds the JSON body to one library function. */
export function jsonPost<T>(run: (body: never) => Promise<Result<T>>, status: number) {
  return async (request: Request): Promise<Response> => {
    const body = await readJsonBody(request);
    if (!body.ok) return errorResponse(body.error);
    // The library function checks the body with its zod schema.
    return resultResponse(await run(body.value as never), status);
  };
}
