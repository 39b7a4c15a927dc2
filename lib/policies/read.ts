import { parseOcl, type OclAttribute, type OclBlock, type OclItem, type OclString } from "@/lib/ocl";
import { REGO_BLOCKS, TESTS_BLOCK, VIOLATION_ACTIONS, type PolicyDocument, type PolicyProblem, type RegoBlock, type ViolationAction } from "./document";

/** Where a Rego module sits in its OCL file, to report module positions as file positions. */
export type RegoModuleLocation = { block: RegoBlock; value: OclString };

export type PolicyFileRead = {
  /** Null only when the file is not valid OCL. Missing parts read as empty strings. */
  policy: PolicyDocument | null;
  modules: Partial<Record<RegoBlock, RegoModuleLocation>>;
  /** The `tests` block's Rego, when the file has one. */
  tests?: { value: OclString };
  problems: PolicyProblem[];
};

const STRING_ATTRIBUTES = {
  name: "name",
  description: "description",
  violation_reason: "violationReason",
  // The alpha release of Platform Hub wrote this spelling; it is read, never written.
  ViolationReason: "violationReason",
} as const;

/** File name without directories and `.ocl`: the slug the file claims. */
export function slugOfPath(path: string): string {
  return path.replace(/^.*\//, "").replace(/\.ocl$/, "");
}

/** Reads a policy from OCL, reporting every structural problem (attributes and blocks) it finds on the way. */
export function readPolicyFile(file: string, text: string): PolicyFileRead {
  const parsed = parseOcl(text);
  if (!parsed.ok) {
    return { policy: null, modules: {}, problems: parsed.errors.map((e) => ({ ...e, message: `OCL syntax error: ${e.message}`, file })) };
  }
  const problems: PolicyProblem[] = [];
  const problem = (code: string, message: string, at: { line: number; column: number }) =>
    problems.push({ code, message, file, line: at.line, column: at.column });

  const policy: PolicyDocument = {
    slug: slugOfPath(file),
    name: "",
    description: "",
    violationReason: "",
    violationAction: "block",
    scopeRego: "",
    conditionsRego: "",
  };
  const modules: PolicyFileRead["modules"] = {};
  let tests: PolicyFileRead["tests"];
  const seen = new Map<string, OclItem>();

  for (const item of parsed.document.body) {
    if (item.kind === "comment") continue;
    if (item.kind === "attribute") readAttribute(item);
    else readBlock(item);
  }
  if (!seen.has("name")) problem("attribute_missing", 'The policy has no name: add name = "..." at the top of the file', { line: 1, column: 1 });
  for (const block of Object.keys(REGO_BLOCKS) as RegoBlock[]) {
    if (!seen.has(block)) {
      const rule = REGO_BLOCKS[block].rule;
      problem("block_missing", `The policy has no ${block} block: add ${block} { rego = <<-EOT ... EOT } defining the rule "${rule}"`, endOf(text));
    }
  }
  return { policy, modules, ...(tests ? { tests } : {}), problems };

  function readAttribute(a: OclAttribute): void {
    const field = STRING_ATTRIBUTES[a.name as keyof typeof STRING_ATTRIBUTES];
    if (a.name !== "violation_action" && !field) {
      problem("attribute_unknown", `Unknown attribute "${a.name}": remove it (allowed: name, description, violation_reason, violation_action)`, a);
      return;
    }
    const key = field === "violationReason" ? "violation_reason" : a.name;
    if (seen.has(key)) {
      problem("attribute_duplicate", `"${a.name}" repeats "${key}" set on line ${seen.get(key)!.line}: keep only violation_reason`, a);
      return;
    }
    seen.set(key, a);
    if (a.value.kind !== "string") {
      problem("attribute_type", `"${a.name}" must be a string in double quotes`, a.value);
      return;
    }
    const value = a.value.value;
    if (a.name === "violation_action") {
      if (isViolationAction(value)) policy.violationAction = value;
      else problem("violation_action_invalid", `violation_action is "${value}": use "block" or "warn"`, a.value);
    } else if (field === "name" && value.trim() === "") {
      problem("attribute_missing", 'The policy name is empty: give it a name, e.g. name = "Deployments - Manual intervention required"', a.value);
    } else {
      policy[field] = value;
    }
  }

  function readBlock(b: OclBlock): void {
    if (!(b.type in REGO_BLOCKS) && b.type !== TESTS_BLOCK) {
      problem("block_unknown", `Unknown block "${b.type}": remove it (allowed: scope, conditions, tests)`, b);
      return;
    }
    const block = b.type as RegoBlock | typeof TESTS_BLOCK;
    if (seen.has(block)) {
      problem("block_duplicate", `Block "${block}" is already defined on line ${seen.get(block)!.line}: merge them into one`, b);
      return;
    }
    seen.set(block, b);
    if (b.labels.length > 0) problem("block_labels", `Block "${block}" takes no labels: write ${block} { ... }`, b);
    let rego: OclAttribute | undefined;
    for (const inner of b.body) {
      if (inner.kind === "comment") continue;
      if (inner.kind === "attribute" && inner.name === "rego") rego = inner;
      else problem("attribute_unknown", `Unknown ${inner.kind} "${inner.kind === "attribute" ? inner.name : inner.type}" in ${block}: a ${block} block holds only rego = <<-EOT ... EOT`, inner);
    }
    if (!rego) {
      problem("rego_missing", `The ${block} block has no Rego: add rego = <<-EOT ... EOT inside it`, b);
    } else if (rego.value.kind !== "string") {
      problem("attribute_type", `The ${block} rego must be a string, written as a <<-EOT heredoc`, rego.value);
    } else if (block === TESTS_BLOCK) {
      policy.testsRego = rego.value.value;
      tests = { value: rego.value };
    } else {
      policy[REGO_BLOCKS[block].field] = rego.value.value;
      modules[block] = { block, value: rego.value };
    }
  }
}

function isViolationAction(value: string): value is ViolationAction {
  return (VIOLATION_ACTIONS as readonly string[]).includes(value);
}

function endOf(text: string): { line: number; column: number } {
  const lines = text.replace(/\n$/, "").split("\n");
  return { line: lines.length, column: lines[lines.length - 1].length + 1 };
}

/**
 * The file position of a position inside a Rego module. Heredoc lines map one to one;
 * a quoted string cannot be mapped inside, so its start stands for all of it.
 */
export function fileLocationInModule(module: Pick<RegoModuleLocation, "value">, row: number, col: number): { line: number; column: number } {
  const heredoc = module.value.heredoc;
  if (!heredoc) return { line: module.value.line, column: module.value.column };
  return { line: heredoc.contentLine + row - 1, column: heredoc.indent + col };
}
