/**
 * Messages between the evaluation pool (main thread) and its workers. Everything crosses by
 * structured clone: JSON-like values, bigints included.
 */
import type { EvalLimits, ModuleSource, QueryResponse, RegoError } from "@/lib/rego";
import type { RuleAnswer } from "@/lib/executions/gate/outcome";

export type { RuleAnswer };

/** A policy as the workers compile it: `key` names one content (policy or version id + content hash). */
export interface PolicySource {
  key: string;
  slug: string;
  ocl: string;
}

/** What one policy said: `evaluate`, then `result` only when in scope; or why it could not compile. */
export type PolicyAnswers = { compileError: string } | { scope: RuleAnswer; result?: RuleAnswer };

export interface EvaluationSettings {
  limits: EvalLimits & { timeoutMs: number };
  /** Builtin errors are errors (the gate) instead of undefined calls. */
  strict: boolean;
}

export type Job =
  | ({ kind: "policies"; policies: PolicySource[]; input: unknown } & EvaluationSettings)
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
export type Phase = "compile" | "evaluate" | "result" | "query";

export type ToWorker = { id: number; job: Job };

export type FromWorker =
  | { id: number; type: "phase"; index: number; phase: Phase; scope?: RuleAnswer }
  | { id: number; type: "answer"; index: number; answers: PolicyAnswers }
  | { id: number; type: "done"; output?: QueryOutput }
  | { id: number; type: "failed"; message: string };
