/**
 * The lint rules for the pitfalls Octopus's own policy docs warn about (docs/policy-tests.md,
 * "Lint"). Each works on a parsed module and reports module positions, with a fix where the
 * change is obvious. Warnings only: they never block saving or publishing.
 */
import type { Expr, Module, Rule, Term } from "@/lib/rego/ast";
import { inputRefs } from "./input-paths";
import { schemaAt } from "./schema";

/** One text replacement, module-relative, 1-based, end exclusive (Monaco's range). */
export interface LintEdit {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  text: string;
}
export interface LintFix {
  title: string;
  edits: LintEdit[];
}
export type LintCode = "unknown_input_field" | "missing_presence_guard" | "name_instead_of_slug" | "case_sensitive_name";
export interface ModuleWarning {
  code: LintCode;
  line: number;
  column: number;
  message: string;
  fix?: LintFix;
}

type Ref = Extract<Term, { type: "ref" }>;
type Scalar = Extract<Term, { type: "scalar" }>;

/** Present only for some executions (docs/policies.md, "The input"). */
const OPTIONAL_OBJECTS = { Tenant: "tenanted executions", Release: "deployments", Runbook: "runbook runs" } as const;
type OptionalObject = keyof typeof OPTIONAL_OBJECTS;

/** The static path of an input ref below `input`; indexes and variables read as `[_]`. Undefined for computed keys. */
function pathOf(ref: Ref): string[] | undefined {
  const out: string[] = [];
  for (const seg of ref.path) {
    if (seg.type === "scalar" && typeof seg.value === "string") out.push(seg.value);
    else if (seg.type === "var" || (seg.type === "scalar" && typeof seg.value !== "string")) out.push("[_]");
    else return undefined;
  }
  return out;
}
const shown = (path: readonly string[]) => "input" + path.map((s) => (s === "[_]" ? s : `.${s}`)).join("");

function isInputRef(t: Term | undefined): t is Ref {
  return !!t && t.type === "ref" && t.head.type === "var" && t.head.name === "input";
}
function isString(t: Term): t is Scalar & { value: string } {
  return t.type === "scalar" && typeof t.value === "string";
}

/** Bodies with what their enclosing bodies already guard, so a comprehension inside a guarded body is guarded too. */
function* bodiesOf(rule: Rule): Generator<{ body: readonly Expr[]; heads: unknown[] }> {
  const heads = [rule.ref, rule.value, rule.contains, rule.args];
  yield { body: rule.body, heads };
  for (const e of rule.elses) yield { body: e.body, heads: [e.value, ...heads] };
}

function nestedBodies(node: unknown): (readonly Expr[])[] {
  const found: (readonly Expr[])[] = [];
  const visit = (n: unknown): void => {
    if (Array.isArray(n)) return n.forEach(visit);
    if (!n || typeof n !== "object") return;
    const t = n as { type?: string; body?: readonly Expr[] };
    if ((t.type === "every" || t.type === "arraycompr" || t.type === "setcompr" || t.type === "objectcompr") && t.body) {
      found.push(t.body);
      return;
    }
    Object.values(n).forEach(visit);
  };
  visit(node);
  return found;
}

function objectsReferenced(node: unknown): Set<OptionalObject> {
  const out = new Set<OptionalObject>();
  for (const ref of inputRefs(node)) {
    const first = ref.path[0];
    if (first && isString(first) && first.value in OPTIONAL_OBJECTS) out.add(first.value as OptionalObject);
  }
  return out;
}

/**
 * `not <expr reading input.Tenant.X>` is true when there is no tenant at all, so such a rule
 * matches every untenanted execution. Guarded when the same body (or its head, or an enclosing
 * body) reads input.Tenant outside a `not`: then the body fails first where there is none.
 */
export function presenceGuardWarnings(module: Module, source: string): ModuleWarning[] {
  const warnings: ModuleWarning[] = [];
  const lines = source.split("\n");
  const check = (body: readonly Expr[], inherited: Set<OptionalObject>) => {
    const guarded = new Set(inherited);
    for (const e of body) if (e.type !== "not") for (const o of objectsReferenced(e)) guarded.add(o);
    for (const e of body) {
      if (e.type === "not") {
        for (const ref of inputRefs(e.expr)) {
          const path = pathOf(ref);
          const object = path?.[0] as OptionalObject | undefined;
          if (!path || path.length < 2 || !object || !(object in OPTIONAL_OBJECTS) || guarded.has(object)) continue;
          guarded.add(object); // once per body and object
          const { row, col } = e.loc;
          const before = lines[row - 1]?.slice(0, col - 1) ?? "";
          const guard = `input.${object}`;
          warnings.push({
            code: "missing_presence_guard",
            line: ref.loc.row,
            column: ref.loc.col,
            message: `${guard} is only there for ${OPTIONAL_OBJECTS[object]}, so this "not" is also true when there is none and the rule matches every other execution: add ${guard} to this body to require it first`,
            // A line of its own before the `not`, when the `not` starts its line.
            ...(before.trim() === "" ? { fix: { title: `Add ${guard} before this line`, edits: [{ line: row, column: 1, endLine: row, endColumn: 1, text: `${before}${guard}\n` }] } } : {}),
          });
        }
      }
      for (const nested of nestedBodies(e)) check(nested, guarded);
    }
  };
  for (const rule of module.rules) {
    for (const { body, heads } of bodiesOf(rule)) {
      const fromHeads = objectsReferenced(heads);
      check(body, fromHeads);
      for (const nested of nestedBodies(heads)) check(nested, new Set([...fromHeads, ...objectsReferenced(body)]));
    }
  }
  return warnings;
}

/** Octopus's slug of a name: lower case, runs of anything else than letters and digits as one dash. */
export function slugOf(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

/** Where a string literal ends in its line (exclusive column), reading its quotes in the source. */
function literalEnd(lines: readonly string[], t: Scalar): number {
  const line = lines[t.loc.row - 1] ?? "";
  const start = t.loc.col - 1;
  const quote = line[start];
  if (quote === "`") return line.indexOf("`", start + 1) + 2;
  for (let i = start + 1; i < line.length; i++) {
    if (line[i] === "\\") i++;
    else if (line[i] === '"') return i + 2;
  }
  return line.length + 1;
}

type Comparison = { ref: Ref; path: string[]; literals: (Scalar & { value: string })[]; other: boolean; op: string };

/** Comparisons of an input ref with something: `==`, `!=`, `in`, and the string tests that are case-sensitive. */
function comparisons(module: Module): Comparison[] {
  const found: Comparison[] = [];
  const add = (ref: Term, others: Term[], op: string) => {
    if (!isInputRef(ref)) return;
    const path = pathOf(ref);
    if (!path) return;
    const literals = others.filter(isString);
    found.push({ ref, path, literals, other: literals.length < others.length, op });
  };
  const visit = (n: unknown): void => {
    if (Array.isArray(n)) return n.forEach(visit);
    if (!n || typeof n !== "object") return;
    const t = n as Term;
    if (t.type === "call" && t.fn.type === "var" && t.args.length === 2) {
      const [a, b] = t.args;
      if (t.fn.name === "equal" || t.fn.name === "neq") {
        add(a, [b], t.infix ?? t.fn.name);
        add(b, [a], t.infix ?? t.fn.name);
      } else if (t.fn.name === "startswith" || t.fn.name === "endswith" || t.fn.name === "contains") {
        add(a, [b], t.fn.name);
      }
    } else if (t.type === "member" && !t.key && (t.coll.type === "set" || t.coll.type === "array")) {
      add(t.value, [...t.coll.items], "in");
    }
    Object.values(n).forEach(visit);
  };
  visit(module.rules);
  return found;
}

const segmentEdit = (ref: Ref, index: number, lines: readonly string[], text: string): LintEdit | undefined => {
  const seg = ref.path[index];
  const line = lines[seg.loc.row - 1] ?? "";
  const name = (seg as Scalar).value as string;
  // Only a plain `.Name` segment, not `["Name"]`, is rewritten in place.
  if (line.slice(seg.loc.col - 1, seg.loc.col - 1 + name.length) !== name) return undefined;
  return { line: seg.loc.row, column: seg.loc.col, endLine: seg.loc.row, endColumn: seg.loc.col + name.length, text };
};

/**
 * Names are display text that people rename and write in any case; slugs are stable and lower
 * case. `input.Environment.Name == "Production"` should compare the slug (where the object has
 * one); a name compared any other way, or a slug compared with capitals, is case-sensitive.
 */
export function nameWarnings(module: Module, source: string): ModuleWarning[] {
  const lines = source.split("\n");
  const warnings: ModuleWarning[] = [];
  const literalEdit = (l: Scalar & { value: string }, text: string): LintEdit => ({ line: l.loc.row, column: l.loc.col, endLine: l.loc.row, endColumn: literalEnd(lines, l), text: JSON.stringify(text) });
  for (const c of comparisons(module)) {
    const field = c.path[c.path.length - 1];
    const parent = c.path.slice(0, -1);
    const at = { line: c.ref.loc.row, column: c.ref.loc.col };
    if (field === "Name" && schemaAt(parent)?.properties?.Slug && (c.op === "==" || c.op === "!=" || c.op === "in") && !c.other && c.literals.length > 0) {
      const slugRef = shown([...parent, "Slug"]);
      const rename = segmentEdit(c.ref, c.path.length - 1, lines, "Slug");
      const example = c.literals.map((l) => JSON.stringify(slugOf(l.value))).join(", ");
      warnings.push({
        code: "name_instead_of_slug",
        ...at,
        message: `${shown(c.path)} is a display name that can be renamed; ${slugRef} stays the same: compare ${slugRef} with ${example}`,
        ...(rename ? { fix: { title: `Compare ${slugRef} instead`, edits: [rename, ...c.literals.map((l) => literalEdit(l, slugOf(l.value)))] } } : {}),
      });
    } else if (field === "Name") {
      const fixable = !c.other && c.literals.length > 0;
      const end = c.ref.path[c.ref.path.length - 1];
      const refEnd = end.loc.col + String((end as Scalar).value).length;
      const wrap = end.loc.row === c.ref.loc.row && segmentEdit(c.ref, c.path.length - 1, lines, "Name");
      warnings.push({
        code: "case_sensitive_name",
        ...at,
        message: `Comparing ${shown(c.path)} is case-sensitive, and names are written in any case: compare lower(${shown(c.path)})${fixable ? " with lower-case text" : " with lower(...) of the other side"}`,
        ...(fixable && wrap
          ? {
              fix: {
                title: `Compare lower(${shown(c.path)})`,
                edits: [
                  { line: c.ref.loc.row, column: c.ref.loc.col, endLine: c.ref.loc.row, endColumn: c.ref.loc.col, text: "lower(" },
                  { line: c.ref.loc.row, column: refEnd, endLine: c.ref.loc.row, endColumn: refEnd, text: ")" },
                  ...c.literals.map((l) => literalEdit(l, l.value.toLowerCase())),
                ],
              },
            }
          : {}),
      });
    } else if (field === "Slug") {
      const capitals = c.literals.filter((l) => l.value !== l.value.toLowerCase());
      if (capitals.length === 0) continue;
      // A whole slug for equality, a lower-case part for the string tests.
      const fixed = (l: Scalar & { value: string }) => (c.op === "==" || c.op === "!=" || c.op === "in" ? slugOf(l.value) : l.value.toLowerCase());
      warnings.push({
        code: "case_sensitive_name",
        ...at,
        message: `Slugs are lower case, so ${shown(c.path)} never equals ${capitals.map((l) => JSON.stringify(l.value)).join(", ")}: compare with ${capitals.map((l) => JSON.stringify(fixed(l))).join(", ")}`,
        fix: { title: "Write the slug in lower case", edits: capitals.map((l) => literalEdit(l, fixed(l))) },
      });
    }
  }
  return warnings;
}
