/**
 * Policy evaluation outside the event loop: `evaluationPool()` is the process's pool, started on
 * first use (see pool.ts for the guarantees and config.ts for the environment).
 */
import { poolOptionsFromEnv } from "./config";
import { EvaluationPool } from "./pool";

export { EvaluationPool, type PoolOptions, type PoolStats } from "./pool";
export { poolOptionsFromEnv, workerScript, WORKER_BUNDLE } from "./config";
export type { PolicyAnswers, PolicySource, QueryOutput, RuleAnswer } from "./protocol";

// one pool per process, also when Next's dev server evaluates this module again
const state = globalThis as typeof globalThis & { policyHubEvaluationPool?: EvaluationPool };

export function evaluationPool(): EvaluationPool {
  return (state.policyHubEvaluationPool ??= new EvaluationPool(poolOptionsFromEnv()));
}
