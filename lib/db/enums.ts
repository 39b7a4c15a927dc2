// Closed sets of values stored as text (SQLite has no enums). Validate with z.enum(...) at the
// boundaries that write them.

export const TASK_STATES = ["Queued", "Executing", "Success", "SuccessWithWarnings", "Failed", "Canceled"] as const;
export type TaskState = (typeof TASK_STATES)[number];
/** The states a task ends in: nothing changes after them. */
export const FINAL_TASK_STATES: readonly TaskState[] = ["Success", "SuccessWithWarnings", "Failed", "Canceled"];

export const TASK_KINDS = ["Deploy", "RunbookRun"] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

export const LOG_LEVELS = ["Verbose", "Info", "Warning", "Error", "Fatal"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const TENANTED_MODES = ["Untenanted", "Tenanted", "TenantedOrUntenanted"] as const;
export type TenantedMode = (typeof TENANTED_MODES)[number];

export const PROCESS_KINDS = ["Deployment", "Runbook"] as const;
export type ProcessKind = (typeof PROCESS_KINDS)[number];

export const START_TRIGGERS = ["StartAfterPrevious", "StartWithPrevious"] as const;
export type StartTrigger = (typeof START_TRIGGERS)[number];

export const STEP_SOURCE_TYPES = ["Step", "Step Template", "Process Template"] as const;
export type StepSourceType = (typeof STEP_SOURCE_TYPES)[number];

// "exempted": a violation covered by an active exemption (lib/exemptions); the execution runs.
export const POLICY_OUTCOMES = ["pass", "warn", "block", "error", "exempted"] as const;
export type PolicyOutcome = (typeof POLICY_OUTCOMES)[number];

export const VIOLATION_ACTIONS = ["block", "warn"] as const;
export type ViolationAction = (typeof VIOLATION_ACTIONS)[number];

export const AUDIT_EVENT_GROUPS = {
  policyEvaluated: "Compliance Policy Evaluated",
  deploymentQueued: "Deployment queued",
  deploymentSucceeded: "Deployment succeeded",
  deploymentFailed: "Deployment failed",
  runbookRunQueued: "Runbook run queued",
  runbookRunSucceeded: "Runbook run succeeded",
  runbookRunFailed: "Runbook run failed",
  releaseCreated: "Release created",
  documentCreated: "Document created",
} as const;
