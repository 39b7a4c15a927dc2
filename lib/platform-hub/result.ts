export type HubErrorCode =
  | "invalid_branch_name"
  | "invalid_path"
  | "invalid_commit"
  | "branch_exists"
  | "branch_not_found"
  | "ref_not_found"
  | "file_not_found"
  | "stale_branch"
  | "nothing_to_commit"
  | "invalid_repository"
  | "invalid_slug"
  | "invalid_policy"
  | "policy_exists"
  | "starter_not_found"
  | "edit_conflict"
  | "repository_corrupt"
  | "remote_unavailable"
  | "git_error";

export type HubError = { code: HubErrorCode; message: string; details?: unknown };
export type HubResult<T> = { ok: true; value: T } | { ok: false; error: HubError };

export const ok = <T>(value: T): HubResult<T> => ({ ok: true, value });
export const fail = <T = never>(code: HubErrorCode, message: string, details?: unknown): HubResult<T> => ({
  ok: false,
  error: details === undefined ? { code, message } : { code, message, details },
});
