import type { EvalLimits } from "../../rego";
import { fromJSON } from "../../rego/value";
import type { PolicyInput } from "../../policy-input/schema";
import type { ActivePolicy } from "./active-policies";
import type { CompiledPolicyCache } from "./compiled-cache";
import { decideConditions, decideScope, failClosed, type Decision, type RuleAnswer } from "./outcome";

export const DEFAULT_EVAL_LIMITS: EvalLimits = { timeoutMs: 1000 };

export interface PolicyEvaluationResult {
  policy: ActivePolicy;
  /** What `evaluate` returned (undefined when it was undefined or failed). */
  scopeValue?: unknown;
  /** What `result` returned, when it was evaluated and defined. */
  rawResult?: unknown;
  /** Null when the policy is out of scope. */
  decision: Decision | null;
  durationMs: number;
}

/**
 * Evaluates every active policy against one input (spec section 3, steps 2-5): scope first, then
 * conditions for the policies in scope. Failures to compile or evaluate fail closed.
 */
export function evaluatePolicies(
  policies: readonly ActivePolicy[],
  input: PolicyInput,
  cache: CompiledPolicyCache,
  limits: EvalLimits = DEFAULT_EVAL_LIMITS,
): PolicyEvaluationResult[] {
  // Converted once here instead of once per rule by the engine.
  const value = fromJSON(input);
  return policies.map((policy) => {
    const started = performance.now();
    const result = evaluateOne(policy, value, cache, limits);
    return { ...result, policy, durationMs: performance.now() - started };
  });
}

function evaluateOne(
  policy: ActivePolicy,
  input: unknown,
  cache: CompiledPolicyCache,
  limits: EvalLimits,
): Omit<PolicyEvaluationResult, "policy" | "durationMs"> {
  const compiled = cache.get(policy);
  if (!compiled.ok) return { decision: failClosed(policy, compiled.message) };

  const ask = (rule: "evaluate" | "result"): RuleAnswer => {
    const r = compiled.policy.evalRule(`data.${policy.slug}.${rule}`, { input, limits });
    if (!r.ok) return { kind: "error", message: `${r.error.code}: ${r.error.message}` };
    return r.defined ? { kind: "value", value: r.value } : { kind: "undefined" };
  };

  const scopeAnswer = ask("evaluate");
  const scopeValue = scopeAnswer.kind === "value" ? { scopeValue: scopeAnswer.value } : {};
  const scope = decideScope(scopeAnswer);
  if (scope.inScope === "error") return { ...scopeValue, decision: failClosed(policy, `scope: ${scope.message}`) };
  if (!scope.inScope) return { ...scopeValue, decision: null };

  const resultAnswer = ask("result");
  return {
    ...scopeValue,
    ...(resultAnswer.kind === "value" ? { rawResult: resultAnswer.value } : {}),
    decision: decideConditions(resultAnswer, policy),
  };
}
