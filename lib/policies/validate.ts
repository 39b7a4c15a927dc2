import { REGO_BLOCKS, type PolicyProblem, type RegoBlock } from "./document";
import { fileLocationInModule, readPolicyFile, slugOfPath, type PolicyFileRead } from "./read";
import { outlineRego, type RegoValueKind } from "./rego-outline";
import { isValidSlug, slugProblem } from "./slug";

export type ValidateOptions = {
  /** The slug the policy was created with, when known; the file name and packages must match it. */
  slug?: string;
};

/**
 * Checks a policy file against every rule of a policy except compiling its Rego
 * (see `checkPolicyFile` for that), returning all problems found.
 */
export function validatePolicyFile(file: string, text: string, options: ValidateOptions = {}): PolicyProblem[] {
  return validatePolicyRead(file, readPolicyFile(file, text), options);
}

/** As `validatePolicyFile`, for a file already read. */
export function validatePolicyRead(file: string, read: PolicyFileRead, options: ValidateOptions = {}): PolicyProblem[] {
  return [...fileNameProblems(file, options), ...read.problems, ...regoShapeProblems(file, read, options.slug ?? slugOfPath(file))];
}

function fileNameProblems(file: string, options: ValidateOptions): PolicyProblem[] {
  const at = { file, line: 1, column: 1 };
  const problems: PolicyProblem[] = [];
  const slug = slugOfPath(file);
  if (!/^policies\/[^/]+\.ocl$/.test(file)) {
    const fixed = `policies/${isValidSlug(slug) ? slug : "<slug>"}.ocl`;
    problems.push({ code: "file_path_invalid", message: `Policy files live at policies/<slug>.ocl: move ${file} to ${fixed}`, ...at });
  }
  const problem = slugProblem(slug);
  if (problem) {
    problems.push({ code: "file_name_invalid", message: `${problem}. Rename the file ${file} accordingly`, ...at });
  }
  if (options.slug !== undefined && options.slug !== slug) {
    problems.push({
      code: "file_name_mismatch",
      message: `The file name "${slug}" differs from the policy's slug "${options.slug}": rename the file to policies/${options.slug}.ocl`,
      ...at,
    });
  }
  return problems;
}

/** What Platform Hub expects each fixed rule to be. */
const RULE_VALUES: Record<RegoBlock, RegoValueKind> = { scope: "boolean", conditions: "object" };

function article(kind: RegoValueKind): string {
  return kind === "array" || kind === "object" ? `an ${kind}` : kind === "null" ? "null" : `a ${kind}`;
}

/** Both modules declare the policy's package and define their fixed rule with the right kind of value. */
function regoShapeProblems(file: string, read: PolicyFileRead, slug: string): PolicyProblem[] {
  const problems: PolicyProblem[] = [];
  for (const block of Object.keys(REGO_BLOCKS) as RegoBlock[]) {
    const module = read.modules[block];
    if (!module) continue;
    const outline = outlineRego(module.value.value);
    const at = (row: number, col: number) => ({ file, ...fileLocationInModule(module, row, col) });
    if (!outline.package) {
      problems.push({ code: "package_missing", message: `The ${block} Rego declares no package: add "package ${slug}" as its first line`, ...at(1, 1) });
    } else if (outline.package.name !== slug) {
      problems.push({
        code: "package_mismatch",
        message: `The ${block} Rego is in package "${outline.package.name}" but the policy slug is "${slug}": change it to "package ${slug}"`,
        ...at(outline.package.row, outline.package.col),
      });
    }
    const rule = REGO_BLOCKS[block].rule;
    const expected = RULE_VALUES[block];
    for (const head of outline.rules.get(rule) ?? []) {
      if (head.value === expected || head.value === "unknown") continue;
      problems.push({
        code: "rule_type",
        message: `The rule "${rule}" must be ${expected === "boolean" ? "a boolean" : "an object"}, but this definition makes it ${article(head.value)}: ${
          expected === "boolean" ? "set it to true or false" : 'set it to an object like {"allowed": true}'
        }`,
        ...at(head.row, head.col),
      });
    }
    if (!outline.rules.has(rule)) {
      const example = block === "scope" ? "default evaluate := false\nevaluate if { ... }" : 'default result := {"allowed": false}\nresult := {"allowed": true} if { ... }';
      problems.push({
        code: "rule_missing",
        message: `The ${block} Rego does not define the rule "${rule}", which Platform Hub evaluates: add it, e.g. ${example}`,
        ...at(1, 1),
      });
    }
  }
  return problems;
}
