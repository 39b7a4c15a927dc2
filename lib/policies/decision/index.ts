// Deciding a policy's outcome from the engine's answers, and the evaluators that get those answers.
export { decidePolicy, decideScope, exemptDecision, type Decision, type EngineDecision, type ExemptionRef, type PolicyAnswers, type PolicyDefaults, type RuleAnswer, type ScopeDecision, type ViolationAction } from "./decide";
export { GATE_SETTINGS, answerOf, answerPolicy, compiledPolicies, inProcessEvaluator, type EvaluationPhase, type EvaluationSettings, type PolicyEvaluator, type PolicyText } from "./evaluator";
export { CompiledPolicyCache, type CompiledEntry } from "./compiled-cache";
export { ENFORCING_OUTCOMES, OUTCOME_VERB, enforcedAction, worstViolation, type ViolationState } from "./violation";
export { describeExplanation, type ExplainedBody, type ExplainedLine, type ExplainedRule, type Explanation } from "./explain";
