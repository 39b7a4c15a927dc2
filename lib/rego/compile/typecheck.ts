/**
 * Compile pass: static type check of builtin calls (`rego_type_error`, as OPA's checker reports
 * `count: invalid argument(s)`). Light inference, never a false positive: an argument is flagged
 * only when its type is certainly outside the builtin's declared type. Known types come from
 *   - constants (their kind, and for arrays and sets the kinds of their elements),
 *   - array/set/object literals and comprehensions (their kind),
 *   - calls of builtins whose declared result is one concrete kind (`count(x)` is a number),
 *   - local variables whose first occurrence, in evaluation order, is `x := <known>` or
 *     `x = <known>` (from then on the variable holds that kind).
 * Everything else (input, data, rule values, user function results, iteration) is unknown and
 * never flagged. Calls under a `with` that replaces a function are skipped (a mock may accept
 * anything). Arity is checked earlier, while calls are resolved (compile/index.ts).
 */
import { formatType, type TypeSpec } from "../builtins/types";
import type { RegoError } from "../errors";
import { RObject, RSet, typeName, type TypeName, type Value } from "../value";
import type { CBody, CExpr, CTerm, RuleDef, RuleNode } from "./ir";

/** What is statically known of a term: its kind, and its value when it is a constant. */
interface Known {
  readonly kind: TypeName;
  readonly value?: Value;
}

type Env = Map<number, Known>;

/** Checks every rule of the tree; returns one error per certainly ill-typed builtin call. */
export function typecheck(root: RuleNode): RegoError[] {
  const errors: RegoError[] = [];
  const visit = (n: RuleNode): void => {
    const defs: (RuleDef | undefined)[] = [...n.valueRules, ...n.restRules, ...n.funcs, n.defaultRule, n.defaultFunc];
    for (const d of defs) if (d) checkRule(d, errors);
    for (const c of n.children.values()) visit(c);
  };
  visit(root);
  return errors;
}

function checkRule(r: RuleDef, errors: RegoError[]): void {
  for (const c of r.clauses) {
    const env: Env = new Map();
    const seen = new Set<number>();
    // parameters and head keys are bound before the body runs
    for (const p of r.params ?? []) slotsOf(p, seen);
    for (const t of r.rest) slotsOf(t, seen);
    checkBody(c.body, env, seen, errors, false);
    for (const t of [c.value, r.member, ...r.rest]) if (t) checkTerm(t, env, seen, errors, false);
  }
}

function checkBody(body: CBody, env: Env, seen: Set<number>, errors: RegoError[], mocked: boolean): void {
  for (const e of body) checkExpr(e, env, seen, errors, mocked);
}

function checkExpr(e: CExpr, env: Env, seen: Set<number>, errors: RegoError[], mocked: boolean): void {
  const m = mocked || (e.withs?.some((w) => w.target.kind === "fn") ?? false);
  for (const w of e.withs ?? []) checkTerm(w.value, env, seen, errors, m);
  switch (e.k) {
    case "term":
      checkTerm(e.term, env, seen, errors, m);
      break;
    case "unify": {
      checkTerm(e.a, env, seen, errors, m);
      checkTerm(e.b, env, seen, errors, m);
      // `x := <known>`: the first occurrence of x binds it to a value of that kind
      const [v, other] = e.a.k === "var" ? [e.a, e.b] : e.b.k === "var" ? [e.b, e.a] : [undefined, undefined];
      if (v && v.k === "var" && other && !seen.has(v.slot)) {
        const k = known(other, env);
        if (k) env.set(v.slot, k);
      }
      break;
    }
    case "not":
      checkExpr(e.expr, new Map(env), new Set(seen), errors, m);
      break;
    case "somein":
      for (const t of [e.key, e.value, e.coll]) if (t) checkTerm(t, env, seen, errors, m);
      break;
    case "every": {
      checkTerm(e.coll, env, seen, errors, m);
      const inner = new Set(seen);
      if (e.key) slotsOf(e.key, inner);
      slotsOf(e.value, inner);
      checkBody(e.body, new Map(env), inner, errors, m);
      break;
    }
    case "nop":
      break;
  }
  exprSlots(e, seen);
}

function checkTerm(t: CTerm, env: Env, seen: Set<number>, errors: RegoError[], mocked: boolean): void {
  switch (t.k) {
    case "const":
    case "var":
    case "input":
      return;
    case "data":
      for (const p of t.path) checkTerm(p, env, seen, errors, mocked);
      return;
    case "ref":
      checkTerm(t.head, env, seen, errors, mocked);
      for (const p of t.path) checkTerm(p, env, seen, errors, mocked);
      return;
    case "array":
    case "set":
      for (const x of t.items) checkTerm(x, env, seen, errors, mocked);
      return;
    case "object":
      for (const [a, b] of t.entries) {
        checkTerm(a, env, seen, errors, mocked);
        checkTerm(b, env, seen, errors, mocked);
      }
      return;
    case "acompr":
    case "scompr":
    case "ocompr": {
      // a closure: its body runs when the term is evaluated, with the outer bindings so far
      const inner: Env = new Map(env);
      const innerSeen = new Set(seen);
      checkBody(t.body, inner, innerSeen, errors, mocked);
      if (t.k === "ocompr") {
        checkTerm(t.key, inner, innerSeen, errors, mocked);
        checkTerm(t.value, inner, innerSeen, errors, mocked);
      } else checkTerm(t.head, inner, innerSeen, errors, mocked);
      return;
    }
    case "member":
      for (const x of [t.key, t.value, t.coll]) if (x) checkTerm(x, env, seen, errors, mocked);
      return;
    case "call": {
      for (const a of t.args) checkTerm(a, env, seen, errors, mocked);
      if (mocked || t.fn.kind !== "builtin") return;
      const decl = t.fn.def.decl;
      const n = Math.min(t.args.length, decl.args.length);
      const have: (Known | undefined)[] = t.args.map((a) => known(a, env));
      let bad = false;
      for (let i = 0; i < t.args.length; i++) {
        const spec = i < n ? decl.args[i] : decl.variadic;
        const k = have[i];
        if (spec && k && !matches(spec, k)) bad = true;
      }
      if (bad) {
        const haveText = have.map((k) => (k ? describeKnown(k) : "any")).join(", ");
        const wantText = [...decl.args.map(formatType), ...(decl.variadic ? [`${formatType(decl.variadic)}...`] : [])].join(", ");
        const loc = t.loc;
        errors.push({
          code: "rego_type_error",
          message: `${t.fn.name}: invalid argument(s): have (${haveText}), want (${wantText})`,
          location: { file: loc.file, row: loc.row, col: loc.col },
        });
      }
      return;
    }
    default:
      return;
  }
}

/** The statically known kind of a term, if any. */
function known(t: CTerm, env: Env): Known | undefined {
  switch (t.k) {
    case "const":
      return { kind: typeName(t.v), value: t.v };
    case "var":
      return env.get(t.slot);
    case "array":
    case "acompr":
      return { kind: "array" };
    case "set":
    case "scompr":
      return { kind: "set" };
    case "object":
    case "ocompr":
      return { kind: "object" };
    case "call": {
      if (t.fn.kind !== "builtin" || t.fn.def.relation) return undefined;
      const r = t.fn.def.decl.result;
      switch (r.kind) {
        case "null":
        case "boolean":
        case "number":
        case "string":
        case "array":
        case "set":
        case "object":
          return { kind: r.kind };
        default:
          return undefined;
      }
    }
    default:
      return undefined;
  }
}

/** Whether a value of this known type may satisfy the spec (true when in doubt). */
function matches(spec: TypeSpec, k: Known): boolean {
  if (spec.kind === "any") return true;
  if (spec.kind === "union") return spec.of.some((s) => matches(s, k));
  if (spec.kind !== k.kind) return false;
  return k.value === undefined || valueMatches(spec, k.value, 0);
}

/**
 * Element types of constants: arrays and sets are checked element by element (OPA's
 * `sum(["a"])`, `concat(",", [1])`); object keys and values are not (OPA's object types
 * carry static properties with their own types, which these declarations do not model).
 */
function valueMatches(spec: TypeSpec, v: Value, depth: number): boolean {
  if (depth > 32) return true;
  switch (spec.kind) {
    case "any":
      return true;
    case "union":
      return spec.of.some((s) => valueMatches(s, v, depth + 1));
    case "array":
      return Array.isArray(v) && v.every((x) => valueMatches(spec.of, x, depth + 1));
    case "set":
      return v instanceof RSet && v.values().every((x) => valueMatches(spec.of, x, depth + 1));
    case "object":
      return v instanceof RObject && !(v instanceof RSet);
    default:
      return typeName(v) === spec.kind;
  }
}

function describeKnown(k: Known): string {
  const v = k.value;
  if (Array.isArray(v)) {
    const kinds = [...new Set(v.map((x) => typeName(x)))].sort();
    return kinds.length === 0 ? "array[any]" : kinds.length === 1 ? `array[${kinds[0]}]` : `array[any<${kinds.join(", ")}>]`;
  }
  if (v instanceof RSet) {
    const kinds = [...new Set(v.values().map((x) => typeName(x)))].sort();
    return kinds.length === 0 ? "set[any]" : kinds.length === 1 ? `set[${kinds[0]}]` : `set[any<${kinds.join(", ")}>]`;
  }
  return k.kind;
}

/** Adds every variable slot of a term (closures included) to `out`. */
function slotsOf(t: CTerm | undefined, out: Set<number>): void {
  if (!t) return;
  switch (t.k) {
    case "var":
      out.add(t.slot);
      return;
    case "data":
      for (const p of t.path) slotsOf(p, out);
      return;
    case "ref":
      slotsOf(t.head, out);
      for (const p of t.path) slotsOf(p, out);
      return;
    case "array":
    case "set":
      for (const x of t.items) slotsOf(x, out);
      return;
    case "object":
      for (const [a, b] of t.entries) {
        slotsOf(a, out);
        slotsOf(b, out);
      }
      return;
    case "acompr":
    case "scompr":
      slotsOf(t.head, out);
      for (const e of t.body) exprSlots(e, out);
      return;
    case "ocompr":
      slotsOf(t.key, out);
      slotsOf(t.value, out);
      for (const e of t.body) exprSlots(e, out);
      return;
    case "call":
      for (const a of t.args) slotsOf(a, out);
      return;
    case "member":
      slotsOf(t.key, out);
      slotsOf(t.value, out);
      slotsOf(t.coll, out);
      return;
    default: {
      // terms added to the IR later (e.g. print) are scanned generically
      const anyT = t as unknown as { args?: readonly CTerm[] };
      if (anyT.args) for (const a of anyT.args) slotsOf(a, out);
    }
  }
}

function exprSlots(e: CExpr, out: Set<number>): void {
  for (const w of e.withs ?? []) slotsOf(w.value, out);
  switch (e.k) {
    case "term":
      slotsOf(e.term, out);
      if (e.valSlot !== undefined) out.add(e.valSlot);
      return;
    case "unify":
      slotsOf(e.a, out);
      slotsOf(e.b, out);
      return;
    case "not":
      exprSlots(e.expr, out);
      return;
    case "somein":
      slotsOf(e.key, out);
      slotsOf(e.value, out);
      slotsOf(e.coll, out);
      return;
    case "every":
      slotsOf(e.key, out);
      slotsOf(e.value, out);
      slotsOf(e.coll, out);
      for (const x of e.body) exprSlots(x, out);
      return;
    default:
      return;
  }
}
