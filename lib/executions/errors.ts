import { fail, ok, type Failure, type Result as SharedResult } from "@/lib/result";

/**
 * Errors as values at the boundary of the executions library: the API routes turn them into
 * `{error: {code, message, details}}` responses, the UI shows the message as is.
 */
export const EXECUTION_ERROR_STATUS = {
  invalid_request: 400,
  not_found: 404,
  project_not_found: 404,
  release_not_found: 404,
  runbook_not_found: 404,
  snapshot_not_found: 404,
  task_not_found: 404,
  user_not_found: 404,
  unknown_environment: 422,
  unknown_tenant: 422,
  unknown_step: 422,
  unknown_package: 422,
  release_of_another_project: 422,
  runbook_of_another_project: 422,
  snapshot_of_another_runbook: 422,
  project_disabled: 422,
  tenant_required: 422,
  tenant_not_allowed: 422,
  tenant_not_connected: 422,
  step_required: 422,
  package_version_missing: 422,
  release_exists: 409,
  runbook_not_published: 409,
  task_finished: 409,
} as const;

export type ExecutionErrorCode = keyof typeof EXECUTION_ERROR_STATUS;

export type ExecutionError = Failure<ExecutionErrorCode>;

export type Result<T> = SharedResult<T, ExecutionErrorCode>;

export { ok, fail };
