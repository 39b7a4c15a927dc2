/**
 * Policy evaluation outside the event loop: `evaluationPool()` is the process's pool, started on
 * first use (see pool.ts for the guarantees and config.ts for the environment).
 */
import type { EvaluationSettings, PolicyEvaluator } from "@/lib/policies/decision";
import { poolOptionsFromEnv } from "./config";
import { poolEvaluator } from "./evaluator";
import { EvaluationPool } from "./pool";

export { EvaluationPool, type PoolOptions, type PoolStats } from "./pool";
export { poolOptionsFromEnv, workerScript, WORKER_BUNDLE } from "./config";
export { poolEvaluator } from "./evaluator";
export type { QueryOutput } from "./protocol";

// one pool per process, also when Next's dev server evaluates this module again
const state = globalThis as typeof globalThis & { policyHubEvaluationPool?: EvaluationPool };

export function evaluationPool(): EvaluationPool {
  return (state.policyHubEvaluationPool ??= new EvaluationPool(poolOptionsFromEnv()));
}

/** The process's pool as the evaluator of the gate and the test panel (the gate's settings unless given). */
export function sharedPoolEvaluator(settings?: EvaluationSettings): PolicyEvaluator {
  return poolEvaluator(evaluationPool(), settings);
}
