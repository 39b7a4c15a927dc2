/**
 * Running the engine, kept apart from deciding (`decide.ts`): a `PolicyEvaluator` takes policy
 * texts and one input and answers, per policy and in the same order, what `evaluate` and (only
 * when in scope) `result` returned, or why the policy did not compile. It never decides an
 * outcome and never throws for a policy's fault: a limit or engine error is an answer.
 *
 * `inProcessEvaluator` runs on the calling thread. The worker-thread pool (`lib/evaluation-pool`)
 * implements the same type, so the gate, the test panel and the tests can use either.
 */
import { prepareInput, type EvalLimits, type EvalRuleResult, type PreparedInput } from "@/lib/rego";
import { CompiledPolicyCache } from "./compiled-cache";
import { decideScope, type PolicyAnswers, type RuleAnswer } from "./decide";
import { explainRule, placerFor } from "./explain";

/** A policy file to evaluate: `id` names one content (a version id, or a draft's own key). */
export interface PolicyText {
  id: string;
  slug: string;
  ocl: string;
}

export type PolicyEvaluator = (policies: readonly PolicyText[], input: unknown) => Promise<PolicyAnswers[]>;

export interface EvaluationSettings {
  limits: EvalLimits & { timeoutMs: number };
  /** Builtin errors are errors (as the gate needs) instead of undefined calls. */
  strict: boolean;
  /** Answers carry an `explanation` of both rules (which body decided, what failed). */
  explain?: boolean;
}

/** How the gate evaluates, and so the test panel and the starter tests too: a policy that passes there does not time out here. */
export const GATE_SETTINGS: EvaluationSettings = Object.freeze({ limits: Object.freeze({ timeoutMs: 1000 }), strict: true, explain: true });

export function answerOf(r: EvalRuleResult): RuleAnswer {
  if (!r.ok) return { kind: "error", message: `${r.error.code}: ${r.error.message}` };
  return r.defined ? { kind: "value", value: r.value } : { kind: "undefined" };
}

/** Evaluates on this thread, compiling through `cache` (shared by the process unless given). */
export function inProcessEvaluator(options: { cache?: CompiledPolicyCache; settings?: EvaluationSettings } = {}): PolicyEvaluator {
  const cache = options.cache ?? compiledPolicies;
  const { limits, strict, explain } = options.settings ?? GATE_SETTINGS;
  return async (policies, input) => {
    // Converted once here instead of once per rule by the engine.
    const prepared = prepareInput(input);
    return policies.map((p) => answerPolicy(cache, p, { input: prepared, limits, strictBuiltinErrors: strict, explain }));
  };
}

/** What the evaluation pool's workers time: each step is announced before it runs. */
export type EvaluationPhase = "compile" | "evaluate" | "result";

/**
 * One policy's answers: compile through `cache`, `evaluate`, then `result` when in scope.
 * `onPhase` hears each step before it starts (with the scope answer before `result`).
 */
export function answerPolicy(
  cache: CompiledPolicyCache,
  p: PolicyText,
  opts: { input: PreparedInput; limits: EvalLimits; strictBuiltinErrors: boolean; explain?: boolean },
  onPhase: (phase: EvaluationPhase, scope?: RuleAnswer) => void = () => {},
): PolicyAnswers {
  const started = performance.now();
  onPhase("compile");
  const compiled = cache.get({ versionId: p.id, slug: p.slug, ocl: p.ocl });
  if (!compiled.ok) return { compileError: compiled.message, durationMs: performance.now() - started };
  onPhase("evaluate");
  const scopeRun = compiled.policy.evalRule(`data.${p.slug}.evaluate`, opts);
  const scope = answerOf(scopeRun);
  const explained = (run: EvalRuleResult) => run.explanation && explainRule(run.explanation, placerFor(compiled.policy, p.slug, p.ocl));
  const scopeExplained = explained(scopeRun);
  if (decideScope(scope).inScope !== true) {
    return { scope, durationMs: performance.now() - started, ...(scopeExplained ? { explanation: { scope: scopeExplained } } : {}) };
  }
  onPhase("result", scope);
  const resultRun = compiled.policy.evalRule(`data.${p.slug}.result`, opts);
  const result = answerOf(resultRun);
  const resultExplained = explained(resultRun);
  const explanation = scopeExplained && { scope: scopeExplained, ...(resultExplained ? { result: resultExplained } : {}) };
  return { scope, result, durationMs: performance.now() - started, ...(explanation ? { explanation } : {}) };
}

/** The process-wide cache of compiled published versions. */
export const compiledPolicies = new CompiledPolicyCache();
