import type { PolicyOutcome } from "@/lib/db/enums";

type Flagged = { taskId: string; name: string; violations: { policyName: string; policySlug: string; outcome: Exclude<PolicyOutcome, "pass">; reason: string | null }[] };

/** Worst first: what stopped executions before what only warned (exempted ones have a banner of their own). */
const ORDER = ["block", "error", "warn"] as const;
type Outcome = (typeof ORDER)[number];

export type PolicyLine = { policyName: string; policySlug: string; reasons: string[]; executions: { taskId: string; name: string }[] };
export type OutcomeGroup = { outcome: Outcome; policies: PolicyLine[] };

/**
 * A banner's violations as one line per policy, grouped by outcome: with several policies a line
 * per execution repeats every policy's reason once per execution and stops being readable.
 */
export function groupViolations(executions: readonly Flagged[]): OutcomeGroup[] {
  const groups = new Map<PolicyOutcome, Map<string, PolicyLine>>();
  for (const execution of executions) {
    for (const v of execution.violations) {
      const lines = groups.get(v.outcome) ?? new Map<string, PolicyLine>();
      groups.set(v.outcome, lines);
      // By slug: two policies may share a name, never a slug.
      const line = lines.get(v.policySlug) ?? { policyName: v.policyName, policySlug: v.policySlug, reasons: [], executions: [] };
      lines.set(v.policySlug, line);
      if (v.reason && !line.reasons.includes(v.reason)) line.reasons.push(v.reason);
      if (!line.executions.some((e) => e.taskId === execution.taskId)) line.executions.push({ taskId: execution.taskId, name: execution.name });
    }
  }
  return ORDER.filter((o) => groups.has(o)).map((outcome) => ({
    outcome,
    policies: [...groups.get(outcome)!.values()].sort((a, b) => a.policyName.localeCompare(b.policyName)),
  }));
}
