/**
 * Compiled form evaluated by `eval/`. Variables are slots in a per-rule frame array resolved at
 * compile time; data refs keep their path for the rule tree; calls are resolved to a builtin or a
 * rule-tree node.
 */
import type { BuiltinDef } from "../builtins/registry";
import type { Loc } from "../ast";
import type { Value } from "../value";

export type CTerm =
  | { readonly k: "const"; readonly v: Value }
  | { readonly k: "var"; readonly slot: number; readonly name: string }
  | { readonly k: "input" }
  /** `target`: where the constant prefix of `path` leads in the rule tree, found on first evaluation (see eval). */
  | { readonly k: "data"; readonly path: readonly CTerm[]; readonly loc: Loc; target: DataTarget | undefined }
  | { readonly k: "ref"; readonly head: CTerm; readonly path: readonly CTerm[] }
  | { readonly k: "array"; readonly items: readonly CTerm[] }
  | { readonly k: "set"; readonly items: readonly CTerm[] }
  | { readonly k: "object"; readonly entries: readonly (readonly [CTerm, CTerm])[]; readonly loc: Loc }
  | { readonly k: "acompr"; readonly head: CTerm; readonly body: CBody; readonly captured: readonly number[] }
  | { readonly k: "scompr"; readonly head: CTerm; readonly body: CBody; readonly captured: readonly number[] }
  | { readonly k: "ocompr"; readonly key: CTerm; readonly value: CTerm; readonly body: CBody; readonly loc: Loc; readonly captured: readonly number[] }
  | { readonly k: "call"; readonly fn: FnTarget; readonly args: readonly CTerm[]; readonly loc: Loc }
  | { readonly k: "member"; readonly key?: CTerm; readonly value: CTerm; readonly coll: CTerm }
  /** `print(...)`: always true; sends its arguments to the evaluation's print hook, if any. */
  | { readonly k: "print"; readonly args: readonly CTerm[]; readonly loc: Loc };

/** The node a data ref reaches on constant keys without base data (undefined: the ref is undefined), and the path index there. */
export interface DataTarget {
  readonly node: RuleNode | undefined;
  readonly i: number;
}

export type FnTarget =
  /** sized: its calls are charged by the evaluation's ResourceMeter (`isSizeCharged`). */
  | { readonly kind: "builtin"; readonly name: string; readonly def: BuiltinDef; readonly sized: boolean }
  | { readonly kind: "user"; readonly name: string; readonly node: RuleNode }
  | { readonly kind: "print"; readonly name: string };

export type WithTarget =
  | { readonly kind: "input"; readonly path: readonly string[] }
  | { readonly kind: "data"; readonly path: readonly string[] }
  | { readonly kind: "fn"; readonly name: string };

export interface CWith {
  readonly target: WithTarget;
  readonly value: CTerm;
  /** For function targets: the replacement function, when the value names one. */
  readonly fn?: FnTarget;
}

export type CExpr = (
  | { readonly k: "term"; readonly term: CTerm; readonly valSlot?: number }
  | { readonly k: "unify"; readonly a: CTerm; readonly b: CTerm }
  | { readonly k: "not"; readonly expr: CExpr }
  | { readonly k: "somein"; readonly key?: CTerm; readonly value: CTerm; readonly coll: CTerm }
  | { readonly k: "every"; readonly key?: CTerm; readonly value: CTerm; readonly coll: CTerm; readonly body: CBody; readonly captured: readonly number[] }
  | { readonly k: "nop" }
) & { readonly loc: Loc; readonly withs?: readonly CWith[] };

export type CBody = readonly CExpr[];

export interface Clause {
  readonly body: CBody;
  /** Head value (absent: true). */
  readonly value?: CTerm;
  /** Where the rule or its `else` starts (explanations name the clause that decided). */
  readonly loc?: Loc;
}

export type RuleKind = "complete" | "contains" | "object" | "func";

export interface RuleDef {
  readonly kind: RuleKind;
  readonly loc: Loc;
  readonly frameSize: number;
  /** Head ref terms after the node's path (object rules, `contains` with ref heads). */
  readonly rest: readonly CTerm[];
  /** `contains` member term. */
  readonly member?: CTerm;
  /** Function parameters. */
  readonly params?: readonly CTerm[];
  /** The rule body and its `else` chain. */
  readonly clauses: readonly Clause[];
}

export interface RuleNode {
  readonly name: string;
  /** `data.a.b` for the node at path [a, b]. */
  readonly key: string;
  readonly path: readonly string[];
  readonly children: Map<string, RuleNode>;
  /** Rules whose value is this node's whole value (complete / contains at this path). */
  readonly valueRules: RuleDef[];
  /** Rules contributing keys below this node (ref heads with variable segments). */
  readonly restRules: RuleDef[];
  readonly funcs: RuleDef[];
  /** `default p := v`: evaluated like a rule with an empty body. */
  defaultRule?: RuleDef;
  defaultFunc?: RuleDef;
  /** Number of parameters when functions are defined here (known before bodies compile). */
  arity?: number;
  /** Whether this node or a descendant has any rule. */
  hasRules: boolean;
}

export function newNode(name: string, path: readonly string[]): RuleNode {
  return {
    name,
    key: ["data", ...path].join("."),
    path,
    children: new Map(),
    valueRules: [],
    restRules: [],
    funcs: [],
    hasRules: false,
  };
}

/**
 * One hidden class for every compiled term: the evaluator dispatches on `t.k` for each term it
 * touches, and V8 makes that load megamorphic (a stub-cache probe) once it has seen more than
 * four object shapes there. Fields absent from a kind are undefined.
 */
class UniformTerm {
  readonly k: string;
  readonly v: unknown;
  readonly slot: unknown;
  readonly name: unknown;
  readonly head: unknown;
  readonly path: unknown;
  readonly loc: unknown;
  target: unknown;
  readonly items: unknown;
  readonly entries: unknown;
  readonly body: unknown;
  readonly captured: unknown;
  readonly key: unknown;
  readonly value: unknown;
  readonly coll: unknown;
  readonly fn: unknown;
  readonly args: unknown;
  constructor(t: Record<string, unknown>, u: Uniformer) {
    this.k = t.k as string;
    this.v = t.v;
    this.slot = t.slot;
    this.name = t.name;
    this.head = t.head === undefined ? undefined : u.term(t.head as CTerm);
    this.path = t.path === undefined ? undefined : u.terms(t.path as CTerm[]);
    this.loc = t.loc;
    this.target = undefined;
    this.items = t.items === undefined ? undefined : u.terms(t.items as CTerm[]);
    this.entries = t.entries === undefined ? undefined : (t.entries as [CTerm, CTerm][]).map(([a, b]) => [u.term(a), u.term(b)] as const);
    this.body = t.body === undefined ? undefined : u.body(t.body as CBody);
    this.captured = t.captured;
    this.key = t.key === undefined ? undefined : u.term(t.key as CTerm);
    this.value = t.value === undefined ? undefined : u.term(t.value as CTerm);
    this.coll = t.coll === undefined ? undefined : u.term(t.coll as CTerm);
    this.fn = t.fn;
    this.args = t.args === undefined ? undefined : u.terms(t.args as CTerm[]);
  }
}

/** Replaces compiled terms by UniformTerms (expressions and rules keep their objects); a term shared by two places stays shared. */
export class Uniformer {
  private readonly seen = new Map<CTerm, CTerm>();

  term(t: CTerm): CTerm {
    let u = this.seen.get(t);
    if (u === undefined) {
      u = new UniformTerm(t as unknown as Record<string, unknown>, this) as unknown as CTerm;
      this.seen.set(t, u);
    }
    return u;
  }

  terms(ts: readonly CTerm[]): CTerm[] {
    return ts.map((t) => this.term(t));
  }

  body(b: CBody): CExpr[] {
    return b.map((e) => this.expr(e));
  }

  /** Replaces an expression's terms in place (its own shape is kept). */
  expr(e: CExpr): CExpr {
    const x = e as unknown as Record<string, unknown>;
    for (const f of ["term", "a", "b", "key", "value", "coll"]) if (x[f] !== undefined) x[f] = this.term(x[f] as CTerm);
    if (x.expr !== undefined) this.expr(x.expr as CExpr);
    if (x.body !== undefined) x.body = this.body(x.body as CBody);
    if (e.withs) for (const w of e.withs) (w as { value: CTerm }).value = this.term(w.value);
    return e;
  }

  /** Replaces a rule's terms in place. */
  rule(r: RuleDef): void {
    const x = r as { -readonly [K in keyof RuleDef]: RuleDef[K] };
    x.rest = this.terms(r.rest);
    if (r.member) x.member = this.term(r.member);
    if (r.params) x.params = this.terms(r.params);
    for (const c of r.clauses) {
      const y = c as { -readonly [K in keyof Clause]: Clause[K] };
      y.body = this.body(c.body);
      if (c.value) y.value = this.term(c.value);
    }
  }

  /** Replaces the terms of the rules of a node and its descendants. */
  tree(n: RuleNode): void {
    for (const r of [...n.valueRules, ...n.restRules, ...n.funcs]) this.rule(r);
    if (n.defaultRule) this.rule(n.defaultRule);
    if (n.defaultFunc) this.rule(n.defaultFunc);
    for (const c of n.children.values()) this.tree(c);
  }
}
