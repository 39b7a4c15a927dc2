/**
 * Messages between the evaluation pool (main thread) and its workers. Everything crosses by
 * structured clone: JSON-like values, bigints included.
 */
import type { EvaluationPhase, EvaluationSettings, PolicyAnswers, PolicyText, RuleAnswer } from "@/lib/policies/decision";
import type { ModuleSource, QueryResponse, RegoError } from "@/lib/rego";

export type { EvaluationSettings, PolicyAnswers, PolicyText, RuleAnswer };

export type Job =
  // a policy's `id` is the workers' cache key: one id, one content
  | ({ kind: "policies"; policies: PolicyText[]; input: unknown } & EvaluationSettings)
  | ({ kind: "query"; modules: ModuleSource[]; query: string; input?: unknown; data?: unknown } & EvaluationSettings);

/** A query's answer, with what the modules printed (`print(...)`, as `file:row: message`) and its timings. */
export interface QueryOutput {
  compileErrors?: RegoError[];
  response?: QueryResponse;
  prints: string[];
  compileMs: number;
  evalMs: number;
}

/** The phase a worker is in; each has its own deadline on the main thread. */
export type Phase = EvaluationPhase | "query";

export type ToWorker = { id: number; job: Job };

export type FromWorker =
  // `at`: when the phase started (`now()`): its deadline counts from then, not from when the main thread reads this
  | { id: number; type: "phase"; index: number; phase: Phase; at: number; scope?: RuleAnswer }
  | { id: number; type: "answer"; index: number; answers: PolicyAnswers }
  | { id: number; type: "done"; output?: QueryOutput }
  | { id: number; type: "failed"; message: string };

/** Milliseconds on a clock every thread of the process shares (each thread's `performance.now()` has its own origin). */
export const now = (): number => performance.timeOrigin + performance.now();
