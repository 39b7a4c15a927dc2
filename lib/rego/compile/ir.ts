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
  | { readonly kind: "builtin"; readonly name: string; readonly def: BuiltinDef }
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
