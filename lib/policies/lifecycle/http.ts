import { errorResponse, jsonResponse, type ApiError } from "@/lib/http";
import { POLICY_ERROR_STATUS, type PolicyError, type Result } from "./errors";

export function policyErrorResponse(error: PolicyError | (ApiError & { code: "invalid_request" })): Response {
  return errorResponse(error, POLICY_ERROR_STATUS[error.code]);
}

/** A lifecycle result as a response: its value as JSON, or its error with the status of its code. */
export function respond<T>(result: Result<T>, status = 200): Response {
  return result.ok ? jsonResponse(result.value, status) : policyErrorResponse(result.error);
}
