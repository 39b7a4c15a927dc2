/**
 * Warnings for references into `input` that the input schema has no path for, e.g. the
 * trailing-dot trap: `input.Environment.` at the end of a line and `input.Project.Slug` on the
 * next parse as one ref, `input.Environment.input.Project.Slug`, that never matches. The schema
 * is open (Octopus adds fields), so these are warnings, not errors: they never block a publish.
 */
import { policyFilePath, type PolicyDocument, type PolicyProblem, type RegoBlock } from "@/lib/policies/document";
import { readPolicyFile } from "@/lib/policies/read";
import { writePolicyFile } from "@/lib/policies/write";
import { policyInputJsonSchema } from "@/lib/policy-input/schema";
import type { Term } from "@/lib/rego/ast";
import { parseModule } from "@/lib/rego/parser";

interface SchemaNode {
  type?: string;
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
}

export interface InputRefWarning {
  /** Module-relative position of the segment the schema does not know. */
  line: number;
  column: number;
  message: string;
}

let root: SchemaNode | undefined;
const schemaRoot = () => (root ??= policyInputJsonSchema() as SchemaNode);

/** Every ref rooted at `input` in a Rego module, in source order; none when the module does not parse (its error is reported already). */
function inputRefs(rego: string): Extract<Term, { type: "ref" }>[] {
  let module: unknown;
  try {
    module = parseModule(rego, "module");
  } catch {
    return [];
  }
  const refs: Extract<Term, { type: "ref" }>[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== "object") return;
    const n = node as { type?: string; head?: { type?: string; name?: string } };
    if (n.type === "ref" && n.head?.type === "var" && n.head.name === "input") refs.push(node as Extract<Term, { type: "ref" }>);
    Object.values(node).forEach(visit);
  };
  visit(module);
  return refs;
}

const shown = (segments: string[]) => "input" + segments.map((s) => (s === "[_]" ? s : `.${s}`)).join("");

/** The first segment of a ref the schema has no path for, with what to do about it. */
function checkRef(ref: Extract<Term, { type: "ref" }>): InputRefWarning | undefined {
  let node: SchemaNode | undefined = schemaRoot();
  const walked: string[] = [];
  let previousRow = ref.head.loc.row;
  for (const segment of ref.path) {
    const key = segment.type === "scalar" && typeof segment.value === "string" ? segment.value : undefined;
    const at = { line: segment.loc.row, column: segment.loc.col };
    const joinedLine = segment.loc.row !== previousRow;
    previousRow = segment.loc.row;
    if (node.type === "array") {
      if (key !== undefined) return { ...at, message: `${shown(walked)} is an array: write ${shown(walked)}[_].${key} to reach the field of each element` };
      node = node.items;
      walked.push("[_]");
    } else if (node.properties) {
      // A variable or computed key on an object reaches any field: nothing more to check.
      if (key === undefined) return undefined;
      const child: SchemaNode | undefined = node.properties[key];
      if (!child) {
        const known = Object.keys(node.properties).join(", ");
        const hint = joinedLine
          ? `: the line before ends with ".", so it joins this line into one reference (${shown([...walked, key])}...)`
          : "";
        return { ...at, message: `The input schema has no field ${shown([...walked, key])}${hint}. ${shown(walked)} has ${known}` };
      }
      node = child;
      walked.push(key);
    } else {
      return { ...at, message: `${shown(walked)} is a ${node.type ?? "value"} and has no field ${key ?? "at an index"}` };
    }
    if (!node) return undefined;
  }
  return undefined;
}

/** Warnings for one Rego module's refs into `input`, at most one per ref. */
export function inputRefWarnings(rego: string): InputRefWarning[] {
  return inputRefs(rego).flatMap((ref) => checkRef(ref) ?? []);
}

/** A warning as the validate route reports problems (docs/policies-api.md), marked as a warning. */
export type InputRefProblem = PolicyProblem & { severity: "warning"; module: RegoBlock; moduleLine: number; moduleColumn: number };

/** Warnings for both Rego modules of a policy as it would be written to its file, with file and module positions. */
export function policyInputRefProblems(policy: PolicyDocument): InputRefProblem[] {
  const file = policyFilePath(policy.slug);
  const read = readPolicyFile(file, writePolicyFile(policy));
  return Object.values(read.modules).flatMap(({ block, value }) =>
    inputRefWarnings(value.value).map((w) => ({
      code: "unknown_input_field",
      severity: "warning" as const,
      message: w.message,
      file,
      line: (value.heredoc?.contentLine ?? value.line) + w.line - 1,
      column: w.column + (value.heredoc?.indent ?? 0),
      module: block,
      moduleLine: w.line,
      moduleColumn: w.column,
    })),
  );
}
