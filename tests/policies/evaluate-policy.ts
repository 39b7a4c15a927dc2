/**
 * Evaluates a policy file against an input the way Platform Hub does (spec section 3),
 * for tests: scope first, then conditions, decided by the shared outcome rules.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { decideConditions, decideScope, type RuleAnswer } from "@/lib/executions/gate/outcome";
import type { PolicyInput } from "@/lib/policy-input/schema";
import { compilePolicyModules } from "@/lib/policies/compile";
import { readPolicyFile } from "@/lib/policies/read";

export type Evaluation = { outcome: "out_of_scope" | "pass" | "warn" | "block"; reason?: string; error?: string };

export type PolicyEvaluator = (input: PolicyInput) => Evaluation;

/** Compiles a starter from `policies/` once and returns a function that evaluates it. */
export function starterEvaluator(slug: string): PolicyEvaluator {
  const file = `policies/${slug}.ocl`;
  const read = readPolicyFile(file, readFileSync(path.join(process.cwd(), file), "utf8"));
  if (!read.policy) throw new Error(`${file} does not parse: ${JSON.stringify(read.problems)}`);
  const compiled = compilePolicyModules(file, read);
  if (!compiled.ok) throw new Error(`${file} does not compile: ${JSON.stringify(compiled.problems)}`);
  const policy = read.policy;
  const answer = (rule: string, input: PolicyInput): RuleAnswer => {
    const r = compiled.policy.evalRule(`data.${slug}.${rule}`, { input });
    if (!r.ok) return { kind: "error", message: `${r.error.code}: ${r.error.message}` };
    return r.defined ? { kind: "value", value: r.value } : { kind: "undefined" };
  };
  return (input) => {
    const scope = decideScope(answer("evaluate", input));
    if (scope.inScope === "error") return { outcome: policy.violationAction, error: scope.message };
    if (!scope.inScope) return { outcome: "out_of_scope" };
    const decision = decideConditions(answer("result", input), policy);
    return { outcome: decision.outcome, reason: decision.reason, error: decision.error };
  };
}
