/**
 * Warnings for references into `input` that the input schema has no path for, e.g. the
 * trailing-dot trap: `input.Environment.` at the end of a line and `input.Project.Slug` on the
 * next parse as one ref, `input.Environment.input.Project.Slug`, that never matches. The schema
 * is open (Octopus adds fields), so these are warnings, not errors: they never block a publish.
 */
import type { Term } from "@/lib/rego/ast";
import { schemaRoot, type SchemaNode } from "./schema";

export interface InputRefWarning {
  /** Module-relative position of the segment the schema does not know. */
  line: number;
  column: number;
  message: string;
}

type Ref = Extract<Term, { type: "ref" }>;

/** Every ref rooted at `input` in a parsed module (or any part of one), in source order. */
export function inputRefs(node: unknown): Ref[] {
  const refs: Ref[] = [];
  const visit = (n: unknown): void => {
    if (Array.isArray(n)) return n.forEach(visit);
    if (!n || typeof n !== "object") return;
    const t = n as { type?: string; head?: { type?: string; name?: string } };
    if (t.type === "ref" && t.head?.type === "var" && t.head.name === "input") refs.push(n as Ref);
    Object.values(n).forEach(visit);
  };
  visit(node);
  return refs;
}

const shown = (segments: string[]) => "input" + segments.map((s) => (s === "[_]" ? s : `.${s}`)).join("");

/** The first segment of a ref the schema has no path for, with what to do about it. */
function checkRef(ref: Ref): InputRefWarning | undefined {
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

/** Warnings for a parsed module's refs into `input`, at most one per ref. */
export function inputRefWarnings(module: unknown): InputRefWarning[] {
  return inputRefs(module).flatMap((ref) => checkRef(ref) ?? []);
}
