/**
 * `rego.metadata.rule()` and `rego.metadata.chain()`: OPA's compiler replaces these calls with
 * the annotations of the rule they appear in, and so does this engine's (compile/index.ts asks
 * `metadataValue` while compiling a rule). Annotations are OPA's METADATA comment blocks: a
 * `# METADATA` line at column 1 and the YAML in the comment lines right after it, attached to the
 * package or rule that follows; scope `rule` (default before a rule), `document` (every rule of
 * that path), `package` (default before a package) or `subpackages`.
 */
import { parse as parseYAML } from "yaml";
import type { Module, Rule, Term } from "../ast";
import { refToPath } from "../ast";
import { fromJSON, RObject, type Value } from "../value";
import type { BuiltinDef } from "./registry";
import { T } from "./types";

type Scope = "rule" | "document" | "package" | "subpackages";

interface Annotation {
  readonly scope: Scope;
  /** The annotation as OPA's toObject gives it (fields normalised, `scope` always present). */
  readonly value: RObject;
}

interface Block {
  readonly endRow: number;
  readonly raw: Record<string, unknown>;
}

/** The METADATA blocks of a source text, with the row of their last line. */
function metadataBlocks(source: string): Block[] {
  // most modules have none: skip the line scan (this runs on every compile)
  if (!source.includes("# METADATA")) return [];
  const lines = source.split(/\r?\n/);
  const out: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].trimEnd() !== "# METADATA") continue;
    const yaml: string[] = [];
    let j = i + 1;
    for (; j < lines.length && lines[j].startsWith("#") && lines[j].trimEnd() !== "# METADATA"; j++) yaml.push(lines[j].slice(1));
    let raw: unknown;
    try {
      raw = parseYAML(yaml.join("\n"));
    } catch {
      raw = undefined;
    }
    if (raw && typeof raw === "object" && !Array.isArray(raw)) out.push({ endRow: j, raw: raw as Record<string, unknown> });
    i = j - 1;
  }
  return out;
}

/** "Jane Doe <jane@example.com>" -> {name, email}, as OPA reads an author string. */
function author(a: unknown): unknown {
  if (typeof a !== "string") return a;
  const m = /^(.*?)\s*<([^>]+)>\s*$/.exec(a.trim());
  if (!m) return a.includes("@") && !a.includes(" ") ? { email: a.trim() } : { name: a.trim() };
  return m[1] ? { name: m[1], email: m[2] } : { email: m[2] };
}

function normalise(raw: Record<string, unknown>, scope: Scope): RObject {
  const out: Record<string, unknown> = { scope };
  for (const k of ["title", "description", "organizations", "schemas", "custom"]) if (raw[k] !== undefined) out[k] = raw[k];
  if (raw.entrypoint === true) out.entrypoint = true;
  if (Array.isArray(raw.authors)) out.authors = raw.authors.map(author);
  if (Array.isArray(raw.related_resources)) out.related_resources = raw.related_resources.map((r) => (typeof r === "string" ? { ref: r } : r));
  return fromJSON(out) as RObject;
}

/** The leading constant segments of a rule head (`p.q[x]` -> [p, q]). */
function groundPrefix(ref: Term): string[] {
  if (ref.type === "var") return [ref.name];
  if (ref.type !== "ref" || ref.head.type !== "var") return [];
  const out = [ref.head.name];
  for (const p of ref.path) {
    if (p.type !== "scalar" || typeof p.value !== "string") break;
    out.push(p.value);
  }
  return out;
}

const pkgPath = (m: Module): string[] => {
  const p = refToPath(m.pkg) ?? [];
  return p[0] === "data" ? p.slice(1) : p;
};

/** Every module's annotations, by what they are attached to. */
export class AnnotationIndex {
  private readonly byRule = new Map<Rule, Annotation[]>();
  private readonly documents = new Map<string, Annotation[]>();
  private readonly packages = new Map<string, Annotation[]>();
  private readonly subpackages = new Map<string, Annotation[]>();

  constructor(modules: readonly { module: Module; source: string }[]) {
    for (const { module, source } of modules) this.add(module, source);
  }

  private add(m: Module, source: string): void {
    const blocks = metadataBlocks(source);
    if (blocks.length === 0) return;
    const pkg = pkgPath(m);
    const statements: { row: number; rule?: Rule }[] = [{ row: m.pkgLoc.row }, ...m.imports.map((i) => ({ row: i.loc.row })), ...m.rules.map((r) => ({ row: r.loc.row, rule: r }))];
    statements.sort((a, b) => a.row - b.row);
    for (const block of blocks) {
      const target = statements.find((s) => s.row > block.endRow);
      if (!target || (target.rule === undefined && target.row !== m.pkgLoc.row)) continue;
      const given = block.raw.scope;
      const scope: Scope = given === "rule" || given === "document" || given === "package" || given === "subpackages" ? given : target.rule ? "rule" : "package";
      const a = { scope, value: normalise(block.raw, scope) };
      const push = <K>(map: Map<K, Annotation[]>, k: K) => map.set(k, [...(map.get(k) ?? []), a]);
      if (target.rule && scope === "rule") push(this.byRule, target.rule);
      else if (target.rule && scope === "document") push(this.documents, [...pkg, ...groundPrefix(target.rule.ref)].join("."));
      else if (!target.rule && scope === "package") push(this.packages, pkg.join("."));
      else if (!target.rule && scope === "subpackages") push(this.subpackages, pkg.join("."));
    }
  }

  /** `rego.metadata.rule()` for `rule`: its rule-scope annotations, or {}. */
  rule(rule: Rule): Value {
    return this.byRule.get(rule)?.[0]?.value ?? new RObject();
  }

  /** `rego.metadata.chain()` for `rule` at `path` in package `pkg`: rule outward to the root. */
  chain(rule: Rule, path: readonly string[], pkg: readonly string[]): Value {
    const entry = (p: readonly string[], a?: Annotation) => {
      const o = new RObject().set("path", [...p]);
      if (a) o.set("annotations", a.value);
      return o;
    };
    const out: Value[] = [];
    const own = this.byRule.get(rule) ?? [];
    if (own.length === 0) out.push(entry(path));
    for (const a of own) out.push(entry(path, a));
    for (const a of this.documents.get(path.join(".")) ?? []) out.push(entry(path, a));
    for (const a of this.packages.get(pkg.join(".")) ?? []) out.push(entry(pkg, a));
    for (let n = pkg.length; n >= 0; n--) for (const a of this.subpackages.get(pkg.slice(0, n).join(".")) ?? []) out.push(entry(pkg.slice(0, n), a));
    return out;
  }
}

export const METADATA_CALLS = new Set(["rego.metadata.rule", "rego.metadata.chain"]);

/** The compile-time value of a `rego.metadata.*` call in `rule` (placed at `path` in `pkg`). */
export function metadataValue(name: string, index: AnnotationIndex | undefined, rule: Rule, path: readonly string[], pkg: readonly string[]): Value {
  if (!index) return name === "rego.metadata.rule" ? new RObject() : [new RObject().set("path", [...path])];
  return name === "rego.metadata.rule" ? index.rule(rule) : index.chain(rule, path, pkg);
}

// Outside a rule (a query) there is no active rule: as for a rule without annotations.
export const builtins: BuiltinDef[] = [
  { name: "rego.metadata.rule", decl: { args: [], result: T.any }, impl: () => new RObject() },
  { name: "rego.metadata.chain", decl: { args: [], result: T.array() }, impl: () => [] },
];
