/** A policy as the app works with it: the content of one `policies/<slug>.ocl` file. */

import { VIOLATION_ACTIONS, type ViolationAction } from "@/lib/db/enums";

export { VIOLATION_ACTIONS, type ViolationAction };

export type PolicyDocument = {
  slug: string;
  name: string;
  description: string;
  violationReason: string;
  violationAction: ViolationAction;
  scopeRego: string;
  conditionsRego: string;
  /**
   * The `tests` block: Rego `test_` rules in the policy's package, run as `opa test` runs them
   * (lib/policies/tests). Never evaluated by the gate. Undefined when the caller does not know
   * of tests: writing keeps the file's block as it was.
   */
  testsRego?: string;
};

/** The two Rego modules of a policy, by the OCL block that holds each. */
export const REGO_BLOCKS = {
  scope: { rule: "evaluate", field: "scopeRego" },
  conditions: { rule: "result", field: "conditionsRego" },
} as const;
export type RegoBlock = keyof typeof REGO_BLOCKS;

/** The OCL block holding a policy's tests; apart from REGO_BLOCKS because the gate never compiles it. */
export const TESTS_BLOCK = "tests";

export type PolicyProblem = { code: string; message: string; file: string; line: number; column: number };

export function policyFilePath(slug: string): string {
  return `policies/${slug}.ocl`;
}
