/**
 * Evaluates a starter policy file against an input the way the gate does (docs/policies.md,
 * "Evaluation"), for tests: the gate's evaluator settings and the one `decidePolicy`.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import type { PolicyInput } from "@/lib/policy-input/schema";
import { CompiledPolicyCache, decidePolicy, inProcessEvaluator } from "@/lib/policies/decision";
import { readPolicyFile } from "@/lib/policies/read";

export type Evaluation = { outcome: "out_of_scope" | "pass" | "warn" | "block" | "error"; reason?: string; error?: string };

export type StarterEvaluation = (input: PolicyInput) => Promise<Evaluation>;

const evaluator = inProcessEvaluator({ cache: new CompiledPolicyCache() });

/** Reads a starter from `policies/` and returns a function that evaluates it. */
export function starterEvaluator(slug: string): StarterEvaluation {
  const file = `policies/${slug}.ocl`;
  const ocl = readFileSync(path.join(process.cwd(), file), "utf8");
  const { policy } = readPolicyFile(file, ocl);
  if (!policy) throw new Error(`${file} does not parse`);
  return async (input) => {
    const [answers] = await evaluator([{ id: `starter:${slug}`, slug, ocl }], input);
    const decision = decidePolicy(policy, answers);
    return decision ? { outcome: decision.outcome, reason: decision.reason, error: decision.error } : { outcome: "out_of_scope" };
  };
}
