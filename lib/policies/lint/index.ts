/**
 * Lint for policy Rego: warnings for the pitfalls Octopus's policy docs warn about, shown in the
 * editor (markers, with quick fixes) and by `npm run policy -- check`. They never block.
 */
import { parseModule } from "@/lib/rego/parser";
import { policyFilePath, REGO_BLOCKS, type PolicyDocument, type PolicyProblem, type RegoBlock } from "../document";
import { fileLocationInModule, readPolicyFile } from "../read";
import { writePolicyFile } from "../write";
import { inputRefWarnings } from "./input-paths";
import { nameWarnings, presenceGuardWarnings, type LintCode, type LintFix, type ModuleWarning } from "./rules";

export { slugOf, type LintCode, type LintEdit, type LintFix, type ModuleWarning } from "./rules";
export { inputRefWarnings, type InputRefWarning } from "./input-paths";

/** Warnings for one Rego module, in source order; none when it does not parse (its syntax error is reported already). */
export function lintRego(source: string): ModuleWarning[] {
  let module;
  try {
    module = parseModule(source, "module");
  } catch {
    return [];
  }
  const warnings: ModuleWarning[] = [
    ...inputRefWarnings(module).map((w) => ({ code: "unknown_input_field" as const, ...w })),
    ...presenceGuardWarnings(module, source),
    ...nameWarnings(module, source),
  ];
  return warnings.sort((a, b) => a.line - b.line || a.column - b.column);
}

/** A warning as the validate route reports problems (docs/policies-api.md): file and module positions, marked as a warning. */
export type LintProblem = PolicyProblem & { code: LintCode; severity: "warning"; module: RegoBlock; moduleLine: number; moduleColumn: number; fix?: LintFix };

/** Warnings for the scope and conditions Rego of a policy file (tests read no input). */
export function lintPolicyFile(file: string, text: string): LintProblem[] {
  const read = readPolicyFile(file, text);
  return (Object.keys(REGO_BLOCKS) as RegoBlock[]).flatMap((block) => {
    const module = read.modules[block];
    if (!module) return [];
    return lintRego(module.value.value).map(({ line, column, ...w }) => ({
      ...w,
      severity: "warning" as const,
      file,
      ...fileLocationInModule(module, line, column),
      module: block,
      moduleLine: line,
      moduleColumn: column,
    }));
  });
}

/** The same for a policy not saved yet, as it would be written to its file. */
export function lintPolicyDocument(policy: PolicyDocument): LintProblem[] {
  return lintPolicyFile(policyFilePath(policy.slug), writePolicyFile(policy));
}
