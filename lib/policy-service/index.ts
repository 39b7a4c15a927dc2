// The publish/activate lifecycle of policies and what the policies API needs around it.
export { commitAuthor } from "./actor";
export { activateVersion, deactivatePolicy } from "./activation";
export { listBranches, createBranch, type BranchView } from "./branches";
export { policyContext, type PolicyContext } from "./context";
export { POLICY_ERROR_STATUS, mapResult, type PolicyError, type PolicyErrorCode, type Result } from "./errors";
export { listBranchPolicies, readBranchPolicy, createBranchPolicy, commitBranchPolicy, BLANK_STARTER, type PolicyListItem, type PolicyDetail } from "./policies";
export { checkPolicyDocument, type Problem } from "./problems";
export { publishPolicy } from "./publish";
export { runCommittedTests, runDraftTests, type PolicyTestsView } from "./policy-tests";
export { outcomesOfLastWeek, type OutcomeCounts } from "./stats";
export { testPolicy, type PolicyTestResult } from "./test-policy";
export { recentExecutions, inputOfTask, type TestInputItem } from "./test-inputs";
export { BUMPS, nextVersion, policyVersions, type Bump, type VersionView } from "./versions";
