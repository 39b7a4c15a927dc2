import type { PolicyProblem } from "./document";
import { compilePolicyModules } from "./compile";
import { readPolicyFile } from "./read";
import { validatePolicyRead, type ValidateOptions } from "./validate";

/** Everything publishing requires before running tests: the rules of a policy file, then its Rego modules (tests included) compiling. */
export function checkPolicyFile(file: string, text: string, options: ValidateOptions = {}): PolicyProblem[] {
  const read = readPolicyFile(file, text);
  const problems = validatePolicyRead(file, read, options);
  // Without a package the compiler only repeats that, less clearly.
  if (!read.policy || problems.some((p) => p.code === "package_missing")) return problems;
  const compiled = compilePolicyModules(file, read, { withTests: true });
  return compiled.ok ? problems : [...problems, ...compiled.problems];
}
