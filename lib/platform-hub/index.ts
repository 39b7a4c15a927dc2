export { platformHub, platformHubPath, PlatformHub, DEFAULT_BRANCH } from "./repository";
export type { PolicyFile, RepositoryFile, FileChange, CommitAuthor, CommitOptions, LogEntry } from "./repository";
export { branchNameProblem } from "./branch-name";
export { quickCommitMessage } from "./commit-message";
export type { HubError, HubErrorCode, HubResult } from "./result";
export { listPolicies, readPolicy, savePolicy, createPolicy, type StoredPolicy, type NewPolicy } from "./policy-store";
