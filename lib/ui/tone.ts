import type { PolicyOutcome, TaskState } from "@/lib/db/enums";

/** One colour language for every status: success green, warning amber, failure red, in-flight blue. */
export type Tone = "success" | "warning" | "danger" | "info" | "neutral";

const TASK_STATE_TONES: Record<TaskState, Tone> = {
  Queued: "info",
  Executing: "info",
  Success: "success",
  SuccessWithWarnings: "warning",
  Failed: "danger",
  Canceled: "neutral",
};

const OUTCOME_TONES: Record<PolicyOutcome, Tone> = {
  pass: "success",
  warn: "warning",
  block: "danger",
  error: "danger",
  exempted: "info",
};

// Rows come from the database as plain strings; an unknown value is shown, just without colour.
export function taskStateTone(state: string): Tone {
  return TASK_STATE_TONES[state as TaskState] ?? "neutral";
}

export function outcomeTone(outcome: string): Tone {
  return OUTCOME_TONES[outcome as PolicyOutcome] ?? "neutral";
}

/** "SuccessWithWarnings" -> "Success with warnings". */
export function humanize(value: string): string {
  const words = value.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
