import type { HubError, HubErrorCode } from "@/lib/platform-hub";
import { fail, mapResult, ok, type Failure, type Result as SharedResult } from "@/lib/result";

/**
 * Errors as values at the boundary of the policy lifecycle: the API routes turn them into
 * `{error: {code, message, details}}` responses with the status of this table, the one place
 * that decides which HTTP status each failure gets.
 */
export const POLICY_ERROR_STATUS = {
  // Repository errors, passed through from lib/platform-hub.
  invalid_branch_name: 400,
  invalid_path: 400,
  invalid_commit: 400,
  invalid_slug: 400,
  invalid_policy: 400,
  starter_not_found: 400,
  branch_not_found: 404,
  ref_not_found: 404,
  file_not_found: 404,
  branch_exists: 409,
  policy_exists: 409,
  stale_branch: 409,
  nothing_to_commit: 409,
  edit_conflict: 409,
  invalid_repository: 500,
  // The repository cannot serve until repaired, or its Git server cannot be reached: retry later.
  repository_corrupt: 503,
  remote_unavailable: 503,
  git_error: 500,
  // The lifecycle's own.
  invalid_request: 400,
  unknown_user: 400,
  policy_not_found: 404,
  version_not_found: 404,
  task_not_found: 404,
  not_default_branch: 409,
  first_version_must_be_major: 409,
  nothing_to_publish: 409,
  version_conflict: 409,
  four_eyes: 403,
  validation_failed: 422,
  tests_failed: 422,
  not_implemented: 501,
} as const satisfies Record<HubErrorCode, number> & Record<string, number>;

export type PolicyErrorCode = keyof typeof POLICY_ERROR_STATUS;

export type PolicyError = Failure<PolicyErrorCode>;

export type Result<T> = SharedResult<T, PolicyErrorCode>;

export { ok, fail, mapResult };

/** Repository failures keep their code: every HubErrorCode has a status above. */
export function fromHub<T>(result: { ok: true; value: T } | { ok: false; error: HubError }): Result<T> {
  return result;
}
