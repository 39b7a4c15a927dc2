/**
 * The pool as a `PolicyEvaluator` (lib/policies/decision): the gate and the editor's test
 * endpoint get each policy's answers from the pool's threads instead of their own.
 */
import { createHash } from "node:crypto";
import { GATE_SETTINGS, type EvaluationSettings, type PolicyEvaluator } from "@/lib/policies/decision";
import type { EvaluationPool } from "./pool";

/** Workers cache compiled policies by id: the caller's id and a hash of the content. */
function contentKey(id: string, ocl: string): string {
  return `${id}@${createHash("sha256").update(ocl).digest("hex").slice(0, 16)}`;
}

export function poolEvaluator(pool: EvaluationPool, settings: EvaluationSettings = GATE_SETTINGS): PolicyEvaluator {
  return (policies, input) => pool.evaluatePolicies(policies.map((p) => ({ ...p, id: contentKey(p.id, p.ocl) })), input, settings);
}
