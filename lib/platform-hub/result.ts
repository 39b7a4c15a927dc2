import { fail, ok, type Failure, type Result } from "@/lib/result";

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

export type HubError = Failure<HubErrorCode>;
export type HubResult<T> = Result<T, HubErrorCode>;

export { ok, fail };
