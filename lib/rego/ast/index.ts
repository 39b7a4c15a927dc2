/** Rego AST. Every node carries its source location. */
import type { Location } from "../errors";
import type { Value } from "../value";

export type Loc = Location;

export type Term =
  | { readonly type: "scalar"; readonly value: Value; readonly loc: Loc }
  | { readonly type: "var"; readonly name: string; readonly loc: Loc }
  | { readonly type: "ref"; readonly head: Term; readonly path: readonly Term[]; readonly loc: Loc }
  | { readonly type: "array"; readonly items: readonly Term[]; readonly loc: Loc }
  | { readonly type: "set"; readonly items: readonly Term[]; readonly loc: Loc }
  | { readonly type: "object"; readonly entries: readonly (readonly [Term, Term])[]; readonly loc: Loc }
  | { readonly type: "arraycompr"; readonly head: Term; readonly body: readonly Expr[]; readonly loc: Loc }
  | { readonly type: "setcompr"; readonly head: Term; readonly body: readonly Expr[]; readonly loc: Loc }
  | { readonly type: "objectcompr"; readonly key: Term; readonly value: Term; readonly body: readonly Expr[]; readonly loc: Loc }
  /** `fn` is a var or a ref whose path is string segments (`count`, `object.get`, `data.x.f`). */
  | { readonly type: "call"; readonly fn: Term; readonly args: readonly Term[]; readonly loc: Loc; readonly infix?: string }
  /** `x in xs` (key undefined) or `k, v in xs`. */
  | { readonly type: "member"; readonly key?: Term; readonly value: Term; readonly coll: Term; readonly loc: Loc };

export interface With {
  readonly target: Term;
  readonly value: Term;
  readonly loc: Loc;
}

interface ExprBase {
  readonly loc: Loc;
  readonly with: readonly With[];
  /** Source text of the expression (for query results). */
  readonly text: string;
}

export type Expr =
  | (ExprBase & { readonly type: "term"; readonly term: Term })
  | (ExprBase & { readonly type: "unify"; readonly lhs: Term; readonly rhs: Term })
  | (ExprBase & { readonly type: "assign"; readonly lhs: Term; readonly rhs: Term })
  | (ExprBase & { readonly type: "not"; readonly expr: Expr })
  | (ExprBase & { readonly type: "some"; readonly vars: readonly Term[] })
  | (ExprBase & { readonly type: "somein"; readonly key?: Term; readonly value: Term; readonly coll: Term })
  | (ExprBase & { readonly type: "every"; readonly key?: Term; readonly value: Term; readonly coll: Term; readonly body: readonly Expr[] });

export interface ElseClause {
  readonly value?: Term;
  readonly body: readonly Expr[];
  readonly loc: Loc;
}

export interface Rule {
  readonly loc: Loc;
  readonly isDefault: boolean;
  /** Head reference: a var, optionally followed by `.name` / `[term]` segments. */
  readonly ref: Term;
  readonly args?: readonly Term[];
  /** `p contains x`: the member term. */
  readonly contains?: Term;
  /** Head value; absent means `true`. */
  readonly value?: Term;
  readonly assign: boolean;
  readonly body: readonly Expr[];
  readonly elses: readonly ElseClause[];
}

export interface Import {
  readonly path: Term;
  readonly alias?: string;
  readonly loc: Loc;
}

export interface Module {
  readonly file: string;
  readonly pkg: Term;
  readonly pkgLoc: Loc;
  readonly imports: readonly Import[];
  readonly rules: readonly Rule[];
  /** v1 rules apply (a v1 module, or a v0 one importing `rego.v1`): the compiler's v1 checks run. */
  readonly v1: boolean;
}

/** The string segments of a ref/var (`data.a.b` -> ["data","a","b"]) or undefined if not all static strings. */
export function refToPath(t: Term): string[] | undefined {
  if (t.type === "var") return [t.name];
  if (t.type !== "ref" || t.head.type !== "var") return undefined;
  const out = [t.head.name];
  for (const p of t.path) {
    if (p.type !== "scalar" || typeof p.value !== "string") return undefined;
    out.push(p.value);
  }
  return out;
}

/** OPA's name for the kind of a term, as its messages print it. */
export function termTypeName(t: Term): string {
  switch (t.type) {
    case "scalar":
      return t.value === null ? "null" : typeof t.value === "boolean" ? "boolean" : typeof t.value === "string" ? "string" : "number";
    case "member":
      return "call";
    case "arraycompr":
      return "arraycomprehension";
    case "setcompr":
      return "setcomprehension";
    case "objectcompr":
      return "objectcomprehension";
    default:
      return t.type;
  }
}
