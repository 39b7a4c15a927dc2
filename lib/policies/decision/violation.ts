/**
 * How recorded evaluations read back: which action a row enforced and the worst of several, the
 * one rule behind task lists, runbook rows, dashboards and banners.
 */
import type { PolicyOutcome, ViolationAction } from "@/lib/db/enums";

/** No violation, or the worst action enforced. */
export type ViolationState = "none" | ViolationAction;

/** The outcomes that enforce something: rows worth loading for a violation marker. */
export const ENFORCING_OUTCOMES = ["warn", "block", "error"] as const satisfies readonly PolicyOutcome[];

/** A recorded row's enforced action: a violation's own outcome, an error's policy action (anything but "warn" blocks). */
export function enforcedAction(outcome: string, policyAction: string): ViolationAction | null {
  if (outcome === "warn" || outcome === "block") return outcome;
  if (outcome === "error") return policyAction === "warn" ? "warn" : "block";
  return null;
}

export function worstViolation(actions: Iterable<ViolationAction | null>): ViolationState {
  let worst: ViolationState = "none";
  for (const a of actions) {
    if (a === "block") return "block";
    if (a === "warn") worst = "warn";
  }
  return worst;
}

/** How logs, audit messages and banners say an outcome. */
export const OUTCOME_VERB = { pass: "passed", warn: "warned", block: "blocked", error: "errored", exempted: "exempted" } as const satisfies Record<PolicyOutcome, string>;
