// Evaluating a policy over past executions: the Evaluations tab of the policy editor.
export { evaluationRequestSchema, DEFAULT_EVALUATION_LIMIT, MAX_EVALUATION_LIMIT, type EvaluationFilters, type EvaluationRequest } from "./schema";
export { evaluationFilterOptions, selectExecutions, type EvaluationFilterOptions } from "./select";
export { prepareEvaluation, runEvaluation, SCOPES, VERDICTS, type EvaluatedExecution, type EvaluationEvent, type Judgement, type PreparedEvaluation, type Scope, type Verdict } from "./run";
