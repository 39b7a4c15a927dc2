import type { PolicyInput } from "@/lib/policy-input/schema";
import { decidePolicy, type Decision, type Explanation, type PolicyEvaluator } from "@/lib/policies/decision";
import type { ActivePolicy } from "./active-policies";

export interface PolicyEvaluationResult {
  policy: ActivePolicy;
  /** What `evaluate` returned (undefined when it was undefined or failed). */
  scopeValue?: unknown;
  /** What `result` returned, when it was evaluated and defined. */
  rawResult?: unknown;
  /** Null when the policy is out of scope. */
  decision: Decision | null;
  /** Why: the bodies that decided `evaluate` and `result` and what failed (out of scope too). */
  explanation?: Explanation;
  durationMs: number;
}

/**
 * Evaluates every active policy against one input with `evaluator` and decides each with
 * `decidePolicy` (docs/policies.md, "Evaluation"): scope first, then `result` for the policies in
 * scope; anything that cannot be evaluated is the error outcome.
 */
export async function evaluatePolicies(policies: readonly ActivePolicy[], input: PolicyInput, evaluator: PolicyEvaluator): Promise<PolicyEvaluationResult[]> {
  const started = performance.now();
  const answers = await evaluator(policies.map((p) => ({ id: p.versionId, slug: p.slug, ocl: p.ocl })), input);
  // An evaluator that does not time each policy shares the batch's time out evenly.
  const share = (performance.now() - started) / Math.max(policies.length, 1);
  return policies.map((policy, i) => {
    const a = answers[i] ?? { compileError: "the evaluator gave no answer for this policy" };
    const scope = "scope" in a ? a.scope : undefined;
    const result = "result" in a ? a.result : undefined;
    return {
      policy,
      ...(scope?.kind === "value" ? { scopeValue: scope.value } : {}),
      ...(result?.kind === "value" ? { rawResult: result.value } : {}),
      decision: decidePolicy(policy, a),
      ...(a.explanation ? { explanation: a.explanation } : {}),
      durationMs: a.durationMs ?? share,
    };
  });
}
