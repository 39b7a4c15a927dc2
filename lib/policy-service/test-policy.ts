import { sharedPoolEvaluator } from "@/lib/evaluation-pool";
import { decidePolicy, decideScope, type Decision, type Explanation, type PolicyDefaults, type PolicyEvaluator, type RuleAnswer } from "@/lib/policies/decision";
import type { PolicyDocument } from "@/lib/policies/document";
import { checkPolicyDocument, type Problem } from "./problems";

export type PolicyTestResult = {
  input: unknown;
  scope: { value: unknown | null; defined: boolean; inScope: boolean | "error" };
  result: { value: unknown | null; defined: boolean } | null;
  /** Null when the policy is out of scope. */
  decision: Decision | null;
  /** Why: the bodies that decided `evaluate` and `result`, and where the others failed (out of scope too). */
  explanation: Explanation | null;
  durationMs: number;
  problems: Problem[];
};

/** On the evaluation pool's threads, so a runaway draft cannot hold the server (anyone may test). */
const drafts: PolicyEvaluator = (policies, input) => sharedPoolEvaluator()(policies, input);

/**
 * Evaluates an unsaved policy against an input exactly as the gate would (same settings, same
 * `decidePolicy`), so what passes here passes in a deployment and an error shows as one.
 */
export async function testPolicy(policy: PolicyDocument, input: unknown, evaluator: PolicyEvaluator = drafts): Promise<PolicyTestResult> {
  const { text, problems } = checkPolicyDocument(policy);
  const defaults: PolicyDefaults = { violationAction: policy.violationAction, violationReason: policy.violationReason || undefined };
  const started = performance.now();
  const [answers] = await evaluator([{ id: `draft:${policy.slug}`, slug: policy.slug, ocl: text }], input);
  const durationMs = answers.durationMs ?? performance.now() - started;
  // the explanation once, beside the decision (out of scope has no decision but has an explanation)
  const { explanation = null, ...answered } = answers;
  const decision = decidePolicy(defaults, answered);
  if ("compileError" in answers) {
    return { input, scope: { value: null, defined: false, inScope: "error" }, result: null, decision, explanation, durationMs, problems };
  }
  const { inScope } = decideScope(answers.scope);
  const result = answers.result ? valueOf(answers.result) : null;
  return { input, scope: { ...valueOf(answers.scope), inScope }, result, decision, explanation, durationMs, problems };
}

function valueOf(answer: RuleAnswer): { value: unknown | null; defined: boolean } {
  return answer.kind === "value" ? { value: answer.value, defined: true } : { value: null, defined: false };
}
