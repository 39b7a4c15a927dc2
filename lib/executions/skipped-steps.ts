import type { ProcessSnapshot } from "@/lib/db/json";
import { fail, ok, type Result } from "./errors";
import { flattenSteps } from "./process-snapshot";

/** Checks the steps a person wants to exclude: they must be in the process and not required. */
export function checkSkippedSteps(snapshot: ProcessSnapshot, skippedStepIds: readonly string[]): Result<string[]> {
  const steps = new Map(flattenSteps(snapshot).map((s) => [s.id, s]));
  for (const id of skippedStepIds) {
    const step = steps.get(id);
    if (!step) return fail("unknown_step", `Step ${id} is not part of this process`, { stepId: id });
    if (step.isRequired) {
      return fail("step_required", `"${step.name}" is a required step and cannot be excluded`, { stepId: id, stepSlug: step.slug });
    }
  }
  return ok([...new Set(skippedStepIds)]);
}
