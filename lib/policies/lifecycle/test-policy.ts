import { decideConditions, decideScope, failClosed, type Decision, type PolicyDefaults, type RuleAnswer } from "@/lib/executions/gate/outcome";
import { compilePolicyModules } from "@/lib/policies/compile";
import { policyFilePath, type PolicyDocument } from "@/lib/policies/document";
import { readPolicyFile } from "@/lib/policies/read";
import { DEFAULT_EVAL_LIMITS } from "@/lib/executions/gate/evaluate-policies";
import type { CompiledPolicy } from "@/lib/rego";
import { checkPolicyDocument, type Problem } from "./problems";

export type PolicyTestResult = {
  input: unknown;
  scope: { value: unknown | null; defined: boolean; inScope: boolean | "error" };
  result: { value: unknown | null; defined: boolean } | null;
  /** Null when the policy is out of scope. */
  decision: Decision | null;
  durationMs: number;
  problems: Problem[];
};

/**
 * Evaluates an unsaved policy against an input with the gate's rules: scope, then conditions
 * when in scope, errors failing closed with the policy's action.
 */
export function testPolicy(policy: PolicyDocument, input: unknown): PolicyTestResult {
  const { text, problems } = checkPolicyDocument(policy);
  const file = policyFilePath(policy.slug);
  const compiled = compilePolicyModules(file, readPolicyFile(file, text));
  const defaults: PolicyDefaults = { violationAction: policy.violationAction, violationReason: policy.violationReason || undefined };
  if (!compiled.ok) {
    const message = `the policy does not compile: ${compiled.problems[0]?.message ?? "unknown error"}`;
    return { input, scope: { value: null, defined: false, inScope: "error" }, result: null, decision: failClosed(defaults, message), durationMs: 0, problems };
  }

  const started = performance.now();
  const scopeAnswer = ask(compiled.policy, `data.${policy.slug}.evaluate`, input);
  const scopeDecision = decideScope(scopeAnswer);
  const scope = { ...valueOf(scopeAnswer), inScope: scopeDecision.inScope };
  if (scopeDecision.inScope === "error") {
    return { input, scope, result: null, decision: failClosed(defaults, `scope: ${scopeDecision.message}`), durationMs: performance.now() - started, problems };
  }
  if (!scopeDecision.inScope) return { input, scope, result: null, decision: null, durationMs: performance.now() - started, problems };
  const resultAnswer = ask(compiled.policy, `data.${policy.slug}.result`, input);
  const decision = decideConditions(resultAnswer, defaults);
  return { input, scope, result: valueOf(resultAnswer), decision, durationMs: performance.now() - started, problems };
}

function ask(policy: CompiledPolicy, path: string, input: unknown): RuleAnswer {
  // The gate's limits, so a policy that passes here does not time out in a deployment.
  const r = policy.evalRule(path, { input, limits: DEFAULT_EVAL_LIMITS });
  if (!r.ok) return { kind: "error", message: `${r.error.code}: ${r.error.message}` };
  return r.defined ? { kind: "value", value: r.value } : { kind: "undefined" };
}

function valueOf(answer: RuleAnswer): { value: unknown | null; defined: boolean } {
  return answer.kind === "value" ? { value: answer.value, defined: true } : { value: null, defined: false };
}
