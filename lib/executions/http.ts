/** Turning library results into JSON responses, so every executions route answers errors alike. */
import { EXECUTION_ERROR_STATUS, fail, ok, type ExecutionError, type Result } from "./errors";

export function errorResponse(error: ExecutionError): Response {
  return Response.json({ error: { code: error.code, message: error.message, details: error.details ?? {} } }, { status: EXECUTION_ERROR_STATUS[error.code] });
}

export function resultResponse<T>(result: Result<T>, status = 200): Response {
  return result.ok ? Response.json(result.value, { status }) : errorResponse(result.error);
}

/** The request body as JSON; an empty body reads as `{}` so optional-only bodies may be left out. */
export async function readJsonBody(request: Request): Promise<Result<unknown>> {
  const text = await request.text();
  if (text.trim() === "") return ok({});
  try {
    return ok(JSON.parse(text));
  } catch (e) {
    return fail("invalid_request", "The request body is not valid JSON", { parseError: (e as Error).message });
  }
}

export function searchParamsObject(request: Request): Record<string, string> {
  return Object.fromEntries(new URL(request.url).searchParams);
}

/** A POST handler that feeds the JSON body to one library function, which checks it with its zod schema. */
export function jsonPost<T>(run: (body: unknown) => Promise<Result<T>>, status: number) {
  return async (request: Request): Promise<Response> => {
    const body = await readJsonBody(request);
    if (!body.ok) return errorResponse(body.error);
    return resultResponse(await run(body.value), status);
  };
}
