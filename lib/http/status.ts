/**
 * Which HTTP status a failure is answered with: its own `status` when it carries one, else its
 * domain's table by code. The tables stay with their domains; this is where the boundary reads them.
 */
import { EXECUTION_ERROR_STATUS } from "@/lib/executions/errors";
import { POLICY_ERROR_STATUS } from "@/lib/policy-service/errors";
import type { Failure } from "@/lib/result";

const STATUS_BY_CODE: Record<string, number> = {
  ...EXECUTION_ERROR_STATUS,
  ...POLICY_ERROR_STATUS,
  invalid_request: 400,
  unknown_user: 400,
  not_found: 404,
  conflict: 409,
  internal_error: 500,
};

export function statusOf(error: Failure): number {
  return error.status ?? STATUS_BY_CODE[error.code] ?? 500;
}
