// The boundary kit for route handlers: `route(...)` and the responses it builds.
export { route, type RouteContext, type RouteSpec } from "./route";
export { jsonResponse, errorResponse, resultResponse, NO_STORE, type ApiError } from "./response";
export { readJsonBody, readSearchParams } from "./parse";
export { ndjsonResponse } from "./ndjson";
export { ok, fail, mapResult, withStatus, type Result, type Failure } from "@/lib/result";
