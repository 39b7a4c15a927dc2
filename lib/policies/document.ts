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
};

/** The two Rego modules of a policy, by the OCL block that holds each. */
export const REGO_BLOCKS = {
  scope: { rule: "evaluate", field: "scopeRego" },
  conditions: { rule: "result", field: "conditionsRego" },
} as const;
export type RegoBlock = keyof typeof REGO_BLOCKS;

export type PolicyProblem = { code: string; message: string; file: string; line: number; column: number };

export function policyFilePath(slug: string): string {
  return `policies/${slug}.ocl`;
}
