/**
 * Top-down evaluator in continuation-passing style: every producer calls a continuation per
 * solution; a continuation returns `true` to stop the search (used by `not`, `every` and
 * existence checks). Bindings live in frame slots and are undone on return, so backtracking
 * needs no trail. Complete rules, object/set rule values, per-key lookups and function calls are
 * memoised per query; `with` evaluates its expression in a fresh memo scope.
 */
import { BuiltinError, type BuiltinContext } from "../builtins/registry";
import { fail, RegoFailure, regoError, type RegoErrorCode } from "../errors";
import { isResourceExhaustion, ResourceMeter } from "../limits";
import type { CExpr, CBody, CTerm, CWith, Clause, DataTarget, FnTarget, RuleDef, RuleNode } from "../compile/ir";
import type { Loc } from "../ast";
import type { BodyTrace, RuleTracer } from "./trace";
import { describeWhere } from "./where";
// direct module imports (not the ../value barrel): re-exports cost a getter per call in CJS builds
import { formatNumber, isInteger } from "../value/number";
import { formatValue } from "../value/json";
import { compare, equal, keyOf, RObject, RSet, type Value } from "../value/types";

type Frame = (Value | undefined)[];
type K = () => boolean;
type KV = (v: Value) => boolean;

const UNDEF = Symbol("undefined");
type Memo = Map<string, Value | typeof UNDEF>;

type Override = { fn?: FnTarget; value?: CTerm; frame: Frame };
type BuiltinTarget = Extract<FnTarget, { kind: "builtin" }>;

interface Scope {
  input: Value | undefined;
  data: Value;
  memo: Memo;
  masks: Set<string> | null;
  fns: Map<string, Override> | null;
}

export interface EvalOptions {
  input?: Value;
  data: Value;
  strict: boolean;
  maxSteps?: number;
  timeoutMs?: number;
  /** Bytes that size-charged builtins may build (see `ResourceMeter`). */
  maxBytes?: number;
  nowNs?: bigint;
  /** Receives the output of `print(...)` calls; without it print is a no-op. */
  print?: (message: string, location: Loc) => void;
  /** Explains the value of one rule (see trace.ts). */
  trace?: RuleTracer;
}

const DEADLINE_EVERY = 1024;

/** The builtins' view of an evaluation; time and the cache are created on first use (most evaluations need neither). */
class EvalBuiltinContext implements BuiltinContext {
  private now: bigint | undefined;
  private memo: Map<string, unknown> | undefined;
  constructor(
    readonly strict: boolean,
    private readonly fixedNow: bigint | undefined,
    private readonly ev: Evaluator,
  ) {}
  get nowNs(): bigint {
    return (this.now ??= this.fixedNow ?? BigInt(Date.now()) * 1000000n);
  }
  get cache(): Map<string, unknown> {
    return (this.memo ??= new Map());
  }
  charge(n: number, what: string): void {
    this.ev.charge(n, what);
  }
}

export class Evaluator {
  scope: Scope;
  private steps = 0;
  private readonly maxSteps: number;
  private readonly deadline: number;
  private readonly timeoutMs: number | undefined;
  private readonly maxBytes: number;
  private meterOf: ResourceMeter | undefined;
  readonly bctx: BuiltinContext;
  private readonly printHook: ((message: string, location: Loc) => void) | undefined;
  private readonly tracer: RuleTracer | undefined;

  constructor(
    readonly root: RuleNode,
    opts: EvalOptions,
  ) {
    this.scope = { input: opts.input, data: opts.data, memo: new Map(), masks: null, fns: null };
    this.maxSteps = opts.maxSteps ?? Infinity;
    this.deadline = opts.timeoutMs !== undefined ? Date.now() + opts.timeoutMs : Infinity;
    this.timeoutMs = opts.timeoutMs;
    this.maxBytes = opts.maxBytes ?? Infinity;
    this.printHook = opts.print;
    this.tracer = opts.trace;
    this.bctx = new EvalBuiltinContext(opts.strict, opts.nowNs, this);
  }

  private step(loc: Loc): void {
    const s = ++this.steps;
    if (s > this.maxSteps) this.limitHit(`evaluation exceeded the step limit of ${this.maxSteps}`, loc);
    if ((s & (DEADLINE_EVERY - 1)) === 0 && this.deadline !== Infinity && Date.now() > this.deadline) {
      this.limitHit(`evaluation exceeded the time limit of ${this.timeoutMs} ms`, loc);
    }
  }

  /** The last expression or builtin alone does not tell what looped: the message names the rule, function or comprehension it is in. */
  private limitHit(message: string, loc: Loc): never {
    const where = describeWhere(this.root, loc);
    fail("eval_limit_error", where ? `${message} ${where}` : message, loc);
  }

  /** Counts `n` steps at once (a builtin about to build `n` values) and checks both limits now. */
  charge(n: number, what: string): void {
    this.steps += n;
    if (this.steps > this.maxSteps) fail("eval_limit_error", `evaluation exceeded the step limit of ${this.maxSteps} (${what})`);
    if (this.deadline !== Infinity && Date.now() > this.deadline) fail("eval_limit_error", `evaluation exceeded the time limit of ${this.timeoutMs} ms`);
  }

  // ---------- bodies and expressions ----------

  evalBody(body: CBody, i: number, f: Frame, k: K): boolean {
    // single-solution expressions run in a loop; the first that may backtrack continues in CPS
    let bound: number[] | undefined;
    const n = body.length;
    for (; i < n; i++) {
      const e = body[i];
      this.step(e.loc);
      const r = this.direct(e, f);
      if (r === NOT_DIRECT) break;
      if (r === DIRECT_FAIL) {
        if (bound !== undefined) for (const s of bound) f[s] = undefined;
        return false;
      }
      if (r >= 0) (bound ??= []).push(r);
    }
    let res: boolean;
    if (i === n) {
      if (n > 0) this.step(body[n - 1].loc);
      res = k();
    } else {
      const e = body[i];
      const next = i + 1;
      // `some x in xs` loops here, running the rest of the body per member without a continuation
      const loop = e.k === "somein" && e.withs === undefined ? this.someInto(e, f, body, next, k) : undefined;
      if (loop !== undefined) res = loop;
      else res = next === n ? this.evalExpr(e, f, () => (this.step(e.loc), k())) : this.evalExpr(e, f, () => this.evalBody(body, next, f, k));
    }
    // (an exception abandons the whole evaluation, so bindings need no undo then)
    if (bound !== undefined) for (const s of bound) f[s] = undefined;
    return res;
  }

  /**
   * evalBody for a traced rule's body: one expression at a time in CPS (the same solutions and
   * steps), noting each expression that has no solution while the earlier ones are still bound.
   */
  private traceBody(body: CBody, i: number, f: Frame, k: K, trace: BodyTrace): boolean {
    if (i === body.length) {
      if (i > 0) this.step(body[i - 1].loc);
      trace.succeeded = true;
      return k();
    }
    const e = body[i];
    this.step(e.loc);
    let reached = false;
    const r = this.evalExpr(e, f, () => {
      reached = true;
      return this.traceBody(body, i + 1, f, k, trace);
    });
    if (!reached) trace.fail(i, e, (t) => this.singleValue(t, f));
    return r;
  }

  private singleValue(t: CTerm, f: Frame): { v: Value | undefined } | undefined {
    const v = this.simple(t, f);
    return v === NOT_SIMPLE ? undefined : { v };
  }

  evalExpr(e: CExpr, f: Frame, k: K): boolean {
    if (e.withs) return this.evalWith(e, f, k);
    return this.evalExprInner(e, f, k);
  }

  private evalExprInner(e: CExpr, f: Frame, k: K): boolean {
    switch (e.k) {
      case "term": {
        const slot = e.valSlot;
        return this.evalTerm(e.term, f, (v) => {
          if (v === false) return false;
          if (slot === undefined) return k();
          f[slot] = v;
          const r = k();
          f[slot] = undefined;
          return r;
        });
      }
      case "unify":
        return this.unify(e.a, e.b, f, k);
      case "not": {
        const found = this.evalExpr(e.expr, f, () => true);
        return found ? false : k();
      }
      case "nop":
        return k();
      case "somein": {
        const loop = this.someInto(e, f, NO_BODY, 0, k);
        if (loop !== undefined) return loop;
        const vt = e.value;
        const kt = e.key;
        return this.evalTerm(e.coll, f, (c) => this.iterate(c, (key, val) => (kt ? this.unifyValue(kt, key, f, () => this.unifyValue(vt, val, f, k)) : this.unifyValue(vt, val, f, k))));
      }
      case "every":
        return this.evalTerm(e.coll, f, (c) => {
          if (!(Array.isArray(c) || c instanceof RObject || c instanceof RSet)) return false;
          const failed = this.iterate(c, (key, val) => {
            const ok = e.key
              ? this.unifyValue(e.key, key, f, () => this.unifyValue(e.value, val, f, () => this.evalBody(e.body, 0, f, () => true)))
              : this.unifyValue(e.value, val, f, () => this.evalBody(e.body, 0, f, () => true));
            return !ok;
          });
          return failed ? false : k();
        });
    }
  }

  private evalWith(e: CExpr, f: Frame, k: K): boolean {
    const outer = this.scope;
    const withs = e.withs!;
    return this.applyWiths(withs, 0, f, outer, (inner) => {
      this.scope = inner;
      try {
        return this.evalExprInner(e, f, () => {
          this.scope = outer;
          try {
            return k();
          } finally {
            this.scope = inner;
          }
        });
      } finally {
        this.scope = outer;
      }
    });
  }

  private applyWiths(withs: readonly CWith[], i: number, f: Frame, acc: Scope, k: (s: Scope) => boolean): boolean {
    if (i === withs.length) return k({ ...acc, memo: new Map() });
    const w = withs[i];
    const t = w.target;
    if (t.kind === "fn") {
      const fns = new Map(acc.fns ?? []);
      fns.set(t.name, w.fn ? { fn: w.fn, frame: f } : { value: w.value, frame: f });
      return this.applyWiths(withs, i + 1, f, { ...acc, fns }, k);
    }
    return this.evalTerm(w.value, f, (v) => {
      if (t.kind === "input") {
        const input = t.path.length === 0 ? v : setPath(acc.input ?? new RObject(), t.path, v);
        return this.applyWiths(withs, i + 1, f, { ...acc, input }, k);
      }
      const data = setPath(acc.data, t.path, v);
      const masks = new Set(acc.masks ?? []);
      masks.add(["data", ...t.path].join("."));
      return this.applyWiths(withs, i + 1, f, { ...acc, data, masks }, k);
    });
  }

  // ---------- unification ----------

  /** Whether the term can be evaluated (all bare pattern vars are bound). */
  private evaluable(t: CTerm, f: Frame): boolean {
    switch (t.k) {
      case "var":
        return f[t.slot] !== undefined;
      case "array":
      case "set":
        for (const x of t.items) if (!this.evaluable(x, f)) return false;
        return true;
      case "object":
        for (const [a, b] of t.entries) if (!this.evaluable(a, f) || !this.evaluable(b, f)) return false;
        return true;
      default:
        return true;
    }
  }

  unify(a: CTerm, b: CTerm, f: Frame, k: K): boolean {
    if (this.evaluable(a, f)) return this.evalTerm(a, f, (va) => this.unifyValue(b, va, f, k));
    if (this.evaluable(b, f)) return this.evalTerm(b, f, (vb) => this.unifyValue(a, vb, f, k));
    if (a.k === "array" && b.k === "array") {
      if (a.items.length !== b.items.length) return false;
      const go = (i: number): boolean => (i === a.items.length ? k() : this.unify(a.items[i], b.items[i], f, () => go(i + 1)));
      return go(0);
    }
    if (a.k === "object" && b.k === "object") {
      if (a.entries.length !== b.entries.length) return false;
      // keys must be ground: match entries by key value
      return this.evalTerms(a.entries.map((e) => e[0]), f, (ka) =>
        this.evalTerms(b.entries.map((e) => e[0]), f, (kb) => {
          const pairs: [CTerm, CTerm][] = [];
          for (let i = 0; i < ka.length; i++) {
            const j = kb.findIndex((x) => equal(x, ka[i]));
            if (j < 0) return false;
            pairs.push([a.entries[i][1], b.entries[j][1]]);
          }
          const go = (i: number): boolean => (i === pairs.length ? k() : this.unify(pairs[i][0], pairs[i][1], f, () => go(i + 1)));
          return go(0);
        }),
      );
    }
    return false;
  }

  /** Unifies a pattern term with a value, binding unbound vars. */
  unifyValue(p: CTerm, v: Value, f: Frame, k: K): boolean {
    switch (p.k) {
      case "var": {
        const cur = f[p.slot];
        if (cur === undefined) {
          f[p.slot] = v;
          const r = k();
          f[p.slot] = undefined;
          return r;
        }
        return equal(cur, v) ? k() : false;
      }
      case "const":
        return equal(p.v, v) ? k() : false;
      case "array": {
        if (!Array.isArray(v) || v.length !== p.items.length) return false;
        const arr = v as readonly Value[];
        const go = (i: number): boolean => (i === arr.length ? k() : this.unifyValue(p.items[i], arr[i], f, () => go(i + 1)));
        return go(0);
      }
      case "object": {
        if (!(v instanceof RObject) || v.size !== p.entries.length) return false;
        const go = (i: number): boolean => {
          if (i === p.entries.length) return k();
          const [kt, vt] = p.entries[i];
          return this.evalTerm(kt, f, (key) => {
            const x = v.get(key);
            return x === undefined ? false : this.unifyValue(vt, x, f, () => go(i + 1));
          });
        };
        return go(0);
      }
      default:
        return this.evalTerm(p, f, (pv) => (equal(pv, v) ? k() : false));
    }
  }

  // ---------- terms ----------

  /**
   * Fast path: the single value of a term that cannot iterate (constants, bound vars, refs whose
   * path is constants or bound vars, and calls of such); NOT_SIMPLE when the CPS path is needed.
   */
  simple(t: CTerm, f: Frame): Value | undefined | typeof NOT_SIMPLE {
    switch (t.k) {
      case "const":
        return t.v;
      case "var":
        return f[t.slot];
      case "input":
        return this.scope.input;
      case "ref": {
        let v = t.head.k === "input" ? this.scope.input : t.head.k === "var" ? f[t.head.slot] : NOT_SIMPLE;
        if (v === NOT_SIMPLE) return NOT_SIMPLE;
        const path = t.path;
        for (let i = 0; i < path.length; i++) {
          const p = path[i];
          let key: Value | undefined;
          if (p.k === "const") key = p.v;
          else if (p.k === "var") {
            key = f[p.slot];
            if (key === undefined) return NOT_SIMPLE;
          } else return NOT_SIMPLE;
          if (v === undefined) return undefined;
          v = lookup(v, key);
        }
        return v;
      }
      case "data": {
        const path = t.path;
        if (this.noBaseData()) {
          const tg = (t.target ??= dataTarget(this.root, path));
          const node = tg.node;
          if (node === undefined) return undefined;
          if (node.valueRules.length || node.defaultRule !== undefined) return this.simpleRuleRef(node, path, tg.i, f);
          for (let i = tg.i; i < path.length; i++) if (path[i].k !== "const") return NOT_SIMPLE;
          let out: Value | undefined;
          this.evalNode(node, undefined, path, tg.i, f, (v) => ((out = v), true));
          return out;
        }
        for (let i = 0; i < path.length; i++) if (path[i].k !== "const") return NOT_SIMPLE;
        let out: Value | undefined;
        this.evalNode(this.root, this.scope.data, path, 0, f, (v) => ((out = v), true));
        return out;
      }
      case "call": {
        const fn = t.fn;
        if (this.scope.fns !== null || fn.kind === "print" || (fn.kind === "builtin" && fn.def.relation)) return NOT_SIMPLE;
        const args = t.args;
        if (fn.kind === "builtin" && args.length === 2 && (fn.name === "equal" || fn.name === "neq")) {
          // == and != on any two values: no argument array, no dispatch
          const a = this.simple(args[0], f);
          if (a === NOT_SIMPLE) return NOT_SIMPLE;
          const b = this.simple(args[1], f);
          if (b === NOT_SIMPLE) return NOT_SIMPLE;
          if (a === undefined || b === undefined) return undefined;
          if (typeof a === "object" && a !== null && a !== b) this.meter?.compare(a, b);
          return equal(a, b) === (fn.name === "equal");
        }
        const vals: Value[] = new Array(args.length);
        for (let i = 0; i < args.length; i++) {
          const v = this.simple(args[i], f);
          if (v === NOT_SIMPLE) return NOT_SIMPLE;
          if (v === undefined) return undefined;
          vals[i] = v;
        }
        if (fn.kind === "user") return this.callUser(fn.node, vals, t.loc);
        return this.callBuiltin(fn, vals, t.loc);
      }
      case "array": {
        // literal collections of simple terms (`sprintf(msg, [a, b])`); an unbound var is a pattern, not a value
        const items = t.items;
        const out: Value[] = new Array(items.length);
        for (let i = 0; i < items.length; i++) {
          const v = this.simpleKey(items[i], f);
          if (v === NOT_SIMPLE || v === undefined) return v;
          out[i] = v;
        }
        return out;
      }
      case "set": {
        const out = new RSet();
        for (const item of t.items) {
          const v = this.simpleKey(item, f);
          if (v === NOT_SIMPLE || v === undefined) return v;
          out.add(v);
        }
        return out;
      }
      case "object": {
        const out = new RObject();
        for (const [kt, vt] of t.entries) {
          const kv = this.simpleKey(kt, f);
          if (kv === NOT_SIMPLE || kv === undefined) return kv;
          const vv = this.simpleKey(vt, f);
          if (vv === NOT_SIMPLE || vv === undefined) return vv;
          out.set(kv, vv);
        }
        return out;
      }
      case "member": {
        if (t.key) return NOT_SIMPLE;
        const c = this.simple(t.coll, f);
        if (c === NOT_SIMPLE) return NOT_SIMPLE;
        const v = this.simple(t.value, f);
        if (v === NOT_SIMPLE) return NOT_SIMPLE;
        return c === undefined || v === undefined ? undefined : member(c, v);
      }
      default:
        return NOT_SIMPLE;
    }
  }

  /**
   * `simple` of a ref into the value of a rule node (no base data) whose remaining keys are
   * simple, like `steps_by_id[entry.Steps[0]]`: evalNode's lookups without continuations.
   */
  private simpleRuleRef(node: RuleNode, path: readonly CTerm[], i: number, f: Frame): Value | undefined | typeof NOT_SIMPLE {
    let v: Value | undefined;
    if (i < path.length && node.valueRules[0]?.kind === "contains" && !this.scope.memo.has(node.key)) {
      const key = this.simpleKey(path[i], f);
      if (key === NOT_SIMPLE) return NOT_SIMPLE;
      if (key === undefined || !this.setHas(node, key)) return undefined;
      v = key;
      i++;
    } else v = this.nodeValue(node, undefined);
    for (; i < path.length; i++) {
      const key = this.simpleKey(path[i], f);
      if (key === NOT_SIMPLE) return NOT_SIMPLE;
      if (v === undefined || key === undefined) return undefined;
      v = lookup(v, key);
    }
    return v;
  }

  /** A ref key's or a collection item's single value; NOT_SIMPLE for an unbound var too (it iterates or unifies). */
  private simpleKey(p: CTerm, f: Frame): Value | undefined | typeof NOT_SIMPLE {
    if (p.k === "var") {
      const v = f[p.slot];
      return v === undefined ? NOT_SIMPLE : v;
    }
    return this.simple(p, f);
  }

  /**
   * Evaluates an expression that has at most one solution without continuations. Returns
   * DIRECT_FAIL, DIRECT_OK, the slot it bound (the caller unbinds it), or NOT_DIRECT.
   */
  private direct(e: CExpr, f: Frame): number {
    if (e.withs) return NOT_DIRECT;
    switch (e.k) {
      case "term": {
        if (e.valSlot !== undefined) return NOT_DIRECT;
        const v = this.simple(e.term, f);
        if (v === NOT_SIMPLE) return NOT_DIRECT;
        return v === undefined || v === false ? DIRECT_FAIL : DIRECT_OK;
      }
      case "unify": {
        let pat = e.a;
        let other = e.b;
        if (!(pat.k === "var" && f[pat.slot] === undefined)) {
          if (other.k === "var" && f[other.slot] === undefined) {
            pat = e.b;
            other = e.a;
          } else {
            const a = this.simple(e.a, f);
            if (a === NOT_SIMPLE) return NOT_DIRECT;
            const b = this.simple(e.b, f);
            if (b === NOT_SIMPLE) return NOT_DIRECT;
            return a !== undefined && b !== undefined && equal(a, b) ? DIRECT_OK : DIRECT_FAIL;
          }
        }
        const v = this.simple(other, f);
        if (v === NOT_SIMPLE) return NOT_DIRECT;
        if (v === undefined) return DIRECT_FAIL;
        const slot = (pat as { slot: number }).slot;
        f[slot] = v;
        return slot;
      }
      case "not": {
        const inner = e.expr;
        if (inner.withs || inner.k !== "term" || inner.valSlot !== undefined) return NOT_DIRECT;
        const v = this.simple(inner.term, f);
        if (v === NOT_SIMPLE) return NOT_DIRECT;
        return v === undefined || v === false ? DIRECT_OK : DIRECT_FAIL;
      }
      case "nop":
        return DIRECT_OK;
      default:
        return NOT_DIRECT;
    }
  }

  evalTerms(ts: readonly CTerm[], f: Frame, k: (vs: Value[]) => boolean): boolean {
    const n = ts.length;
    const fast: Value[] = new Array(n);
    let i = 0;
    for (; i < n; i++) {
      const v = this.simple(ts[i], f);
      if (v === NOT_SIMPLE) break;
      if (v === undefined) return false;
      fast[i] = v;
    }
    if (i === n) return k(fast);
    return this.evalTermsSlow(ts, f, k);
  }

  private evalTermsSlow(ts: readonly CTerm[], f: Frame, k: (vs: Value[]) => boolean): boolean {
    const out: Value[] = new Array(ts.length);
    const go = (i: number): boolean => {
      if (i === ts.length) return k(out.slice());
      const t = ts[i];
      if (t.k === "const") {
        out[i] = t.v;
        return go(i + 1);
      }
      if (t.k === "var") {
        const v = f[t.slot];
        if (v === undefined) return false;
        out[i] = v;
        return go(i + 1);
      }
      return this.evalTerm(t, f, (v) => {
        out[i] = v;
        return go(i + 1);
      });
    };
    return go(0);
  }

  evalTerm(t: CTerm, f: Frame, k: KV): boolean {
    switch (t.k) {
      case "const":
        return k(t.v);
      case "var": {
        const v = f[t.slot];
        return v === undefined ? false : k(v);
      }
      case "input": {
        const v = this.scope.input;
        return v === undefined ? false : k(v);
      }
      case "data": {
        if (this.noBaseData()) {
          const tg = (t.target ??= dataTarget(this.root, t.path));
          return tg.node === undefined ? false : this.evalNode(tg.node, undefined, t.path, tg.i, f, k);
        }
        return this.evalNode(this.root, this.scope.data, t.path, 0, f, k);
      }
      case "ref": {
        const sv = this.simple(t, f);
        if (sv !== NOT_SIMPLE) return sv === undefined ? false : k(sv);
        if (t.head.k === "input") {
          const v = this.scope.input;
          return v === undefined ? false : this.deref(v, t.path, 0, f, k);
        }
        return this.evalTerm(t.head, f, (h) => this.deref(h, t.path, 0, f, k));
      }
      case "array":
        return this.evalTerms(t.items, f, (vs) => k(vs));
      case "set":
        return this.evalTerms(t.items, f, (vs) => k(RSet.of(vs)));
      case "object": {
        const flat: CTerm[] = [];
        for (const [a, b] of t.entries) flat.push(a, b);
        return this.evalTerms(flat, f, (vs) => {
          const o = new RObject();
          for (let i = 0; i < vs.length; i += 2) o.set(vs[i], vs[i + 1]);
          return k(o);
        });
      }
      case "acompr": {
        const out: Value[] = [];
        const head = t.head;
        const add = (v: Value): boolean => (out.push(v), false);
        // a head with one value (the usual `x.name`) is added without a continuation per solution
        this.evalBody(t.body, 0, f, () => {
          const v = this.simple(head, f);
          if (v === NOT_SIMPLE) return this.evalTerm(head, f, add);
          if (v !== undefined) out.push(v);
          return false;
        });
        return k(out);
      }
      case "scompr": {
        const out = new RSet();
        const head = t.head;
        const add = (v: Value): boolean => (out.add(v), false);
        this.evalBody(t.body, 0, f, () => {
          const v = this.simple(head, f);
          if (v === NOT_SIMPLE) return this.evalTerm(head, f, add);
          if (v !== undefined) out.add(v);
          return false;
        });
        return k(out);
      }
      case "ocompr": {
        const out = new RObject();
        const put = (kv: Value, vv: Value): boolean => {
          const prev = out.get(kv);
          if (prev !== undefined && !equal(prev, vv)) fail("eval_conflict_error", "object keys must be unique", t.loc);
          out.set(kv, vv);
          return false;
        };
        this.evalBody(t.body, 0, f, () => {
          const kv = this.simple(t.key, f);
          if (kv === undefined) return false;
          const vv = kv === NOT_SIMPLE ? NOT_SIMPLE : this.simple(t.value, f);
          if (kv === NOT_SIMPLE || vv === NOT_SIMPLE) return this.evalTerm(t.key, f, (kv2) => this.evalTerm(t.value, f, (vv2) => put(kv2, vv2)));
          return vv === undefined ? false : put(kv, vv);
        });
        return k(out);
      }
      case "call":
        return this.evalTerms(t.args, f, (args) => this.call(t.fn, args, t.loc, k));
      case "print": {
        const hook = this.printHook;
        if (hook) {
          const parts = t.args.map((a) => {
            let out: Value | undefined;
            this.evalTerm(a, f, (v) => ((out = v), true));
            return out === undefined ? "<undefined>" : typeof out === "string" ? out : formatValue(out);
          });
          hook(parts.join(" "), t.loc);
        }
        return k(true);
      }
      case "member": {
        if (!t.key) {
          const c = this.simple(t.coll, f);
          const v = this.simple(t.value, f);
          if (c !== NOT_SIMPLE && v !== NOT_SIMPLE) return c === undefined || v === undefined ? false : k(member(c, v));
        }
        return this.evalTerm(t.coll, f, (c) =>
          this.evalTerm(t.value, f, (v) => {
            if (t.key) return this.evalTerm(t.key, f, (key) => k(memberKV(c, key, v)));
            return k(member(c, v));
          }),
        );
      }
    }
  }

  /** Applies path[i..] to a value; unbound vars in the path iterate. */
  deref(v: Value, path: readonly CTerm[], i: number, f: Frame, k: KV, data = false): boolean {
    if (i === path.length) return k(v);
    if (data) return this.derefData(v, path, i, f, k);
    const p = path[i];
    let key: Value | undefined;
    if (p.k === "const") key = p.v;
    else if (p.k === "var") {
      key = f[p.slot];
      if (key === undefined) {
        return this.iterate(v, (kk, vv) => {
          f[p.slot] = kk;
          const r = this.deref(vv, path, i + 1, f, k);
          f[p.slot] = undefined;
          return r;
        });
      }
    } else if (!this.evaluable(p, f)) {
      return this.iterate(v, (kk, vv) => this.unifyValue(p, kk, f, () => this.deref(vv, path, i + 1, f, k)));
    } else {
      return this.evalTerm(p, f, (kv) => {
        const x = lookup(v, kv);
        return x === undefined ? false : this.deref(x, path, i + 1, f, k);
      });
    }
    const x = lookup(v, key!);
    return x === undefined ? false : this.deref(x, path, i + 1, f, k);
  }

  /** Base-document deref: like OPA's storage, a number key also finds the object key of its text. */
  private derefData(v: Value, path: readonly CTerm[], i: number, f: Frame, k: KV): boolean {
    if (i === path.length) return k(v);
    const p = path[i];
    let key: Value | undefined;
    if (p.k === "const") key = p.v;
    else if (p.k === "var") key = f[p.slot];
    if (key === undefined) return this.deref(v, path, i, f, k);
    const x = lookupData(v, key);
    return x === undefined ? false : this.derefData(x, path, i + 1, f, k);
  }

  /**
   * `some x in xs` / `some k, v in xs` with fresh names and a simple collection: binds the slots
   * to each member in turn and runs `body[next..]` then `k`; undefined when the general path is needed.
   */
  private someInto(e: CExpr & { k: "somein" }, f: Frame, body: CBody, next: number, k: K): boolean | undefined {
    const vt = e.value;
    const kt = e.key;
    if (vt.k !== "var" || (kt !== undefined && kt.k !== "var")) return undefined;
    if (f[vt.slot] !== undefined || (kt !== undefined && f[kt.slot] !== undefined)) return undefined;
    const coll = this.simple(e.coll, f);
    if (coll === NOT_SIMPLE) return undefined;
    if (coll === undefined) return false;
    return this.iterateInto(coll, kt === undefined ? -1 : kt.slot, vt.slot, f, body, next, k);
  }

  /** The rest of a body from `next` (a solution counts a step), then `k`. */
  private rest(body: CBody, next: number, f: Frame, k: K): boolean {
    if (next < body.length) return this.evalBody(body, next, f, k);
    if (next > 0) this.step(body[next - 1].loc);
    return k();
  }

  /** Binds `keySlot` (unless -1) and `valSlot` to each member of a collection in turn, running the rest of `body` for each. */
  private iterateInto(c: Value, keySlot: number, valSlot: number, f: Frame, body: CBody, next: number, k: K): boolean {
    let stop = false;
    if (Array.isArray(c)) {
      for (let i = 0; i < c.length && !stop; i++) {
        if (keySlot >= 0) f[keySlot] = i;
        f[valSlot] = c[i];
        stop = this.rest(body, next, f, k);
      }
    } else if (c instanceof RObject) {
      const es = c.entries();
      for (let i = 0; i < es.length && !stop; i++) {
        if (keySlot >= 0) f[keySlot] = es[i][0];
        f[valSlot] = es[i][1];
        stop = this.rest(body, next, f, k);
      }
    } else if (c instanceof RSet) {
      const vs = c.values();
      for (let i = 0; i < vs.length && !stop; i++) {
        if (keySlot >= 0) f[keySlot] = vs[i];
        f[valSlot] = vs[i];
        stop = this.rest(body, next, f, k);
      }
    }
    if (keySlot >= 0) f[keySlot] = undefined;
    f[valSlot] = undefined;
    return stop;
  }

  /** Calls `k(key, value)` for each member of a collection in OPA's order; stops when k returns true. */
  iterate(c: Value, k: (key: Value, val: Value) => boolean): boolean {
    if (Array.isArray(c)) {
      for (let i = 0; i < c.length; i++) if (k(i, c[i])) return true;
      return false;
    }
    if (c instanceof RObject) {
      for (const [a, b] of c.entries()) if (k(a, b)) return true;
      return false;
    }
    if (c instanceof RSet) {
      for (const x of c.values()) if (k(x, x)) return true;
    }
    return false;
  }

  // ---------- data and the rule tree ----------

  /** No base documents and no `with data` masks: data refs only reach rules (the gate's case). */
  private noBaseData(): boolean {
    const s = this.scope;
    return s.data === EMPTY_DATA && s.masks === null;
  }

  private masked(n: RuleNode): boolean {
    const m = this.scope.masks;
    return m !== null && m.has(n.key);
  }

  evalNode(node: RuleNode | undefined, base: Value | undefined, path: readonly CTerm[], i: number, f: Frame, k: KV): boolean {
    if (node === undefined || !node.hasRules || this.masked(node)) {
      return base === undefined ? false : this.deref(base, path, i, f, k, true);
    }
    if (node.valueRules.length || node.defaultRule !== undefined) {
      if (base === undefined && i < path.length && node.valueRules[0]?.kind === "contains" && !this.scope.memo.has(node.key)) {
        // `p[x]` with x known on a partial set: only ask whether x is a member
        const p = path[i];
        const key = p.k === "const" ? p.v : p.k === "var" ? f[p.slot] : undefined;
        if (key !== undefined) return this.setHas(node, key) ? this.deref(key, path, i + 1, f, k) : false;
      }
      const v = base !== undefined ? base : this.nodeValue(node, base);
      return v === undefined ? false : this.deref(v, path, i, f, k);
    }
    if (i === path.length) {
      if (node.funcs.length) return false;
      const v = this.nodeValue(node, base);
      return v === undefined ? false : k(v);
    }
    const p = path[i];
    let key: Value | undefined;
    if (p.k === "const") key = p.v;
    else if (p.k === "var") key = f[p.slot];
    else if (this.evaluable(p, f)) {
      return this.evalTerm(p, f, (kv) => this.evalNodeKey(node, base, kv, path, i, f, k));
    }
    if (key !== undefined) return this.evalNodeKey(node, base, key, path, i, f, k);
    if (p.k === "var" && node.restRules.length === 0 && (base === undefined || base instanceof RObject)) {
      // key by key, as OPA: `data[ns].containers` evaluates only the rules it reaches, never a
      // sibling that itself uses this ref
      for (const kk of this.nodeKeys(node, base)) {
        f[p.slot] = kk;
        const r = this.evalNodeKey(node, base, kk, path, i, f, k);
        f[p.slot] = undefined;
        if (r) return true;
      }
      return false;
    }
    const full = this.nodeValue(node, base);
    if (full === undefined) return false;
    const order = node.restRules.length ? this.keyOrder?.get(full as RObject) : undefined;
    if (order && p.k === "var") {
      // generic ref heads enumerate keys in rule order, as OPA does
      for (const kk of order) {
        f[p.slot] = kk;
        const r = this.deref((full as RObject).get(kk)!, path, i + 1, f, k);
        f[p.slot] = undefined;
        if (r) return true;
      }
      return false;
    }
    return this.deref(full, path, i, f, k);
  }

  /** The keys of a grouping node's value in OPA's order: its children (but function-only ones) and its base document's keys. */
  private nodeKeys(node: RuleNode, base: Value | undefined): Value[] {
    const keys: Value[] = [];
    for (const [name, child] of node.children) if (!((child.funcs.length || child.defaultFunc) && !child.children.size)) keys.push(name);
    if (base instanceof RObject) for (const kk of base.keys()) if (typeof kk !== "string" || !node.children.has(kk)) keys.push(kk);
    return keys.sort(compare);
  }

  /** Insertion order of keys of objects built from generic ref-head rules (created when first needed). */
  private keyOrder: WeakMap<RObject, Value[]> | undefined;

  private evalNodeKey(node: RuleNode, base: Value | undefined, key: Value, path: readonly CTerm[], i: number, f: Frame, k: KV): boolean {
    const child = typeof key === "string" ? node.children.get(key) : undefined;
    const sub = base === undefined ? undefined : lookupData(base, key);
    if (node.restRules.length === 0) {
      if (child) return this.evalNode(child, sub, path, i + 1, f, k);
      return sub === undefined ? false : this.deref(sub, path, i + 1, f, k, true);
    }
    const v = this.nodeKeyValue(node, base, key);
    return v === undefined ? false : this.deref(v, path, i + 1, f, k);
  }

  /** The whole value of a node: rule values, or an object merging base data, children and ref-head rules. */
  nodeValue(node: RuleNode, base: Value | undefined): Value | undefined {
    if (!node.hasRules || this.masked(node)) return base;
    const memo = this.scope.memo;
    const m = memo.get(node.key);
    if (m !== undefined) return m === UNDEF ? undefined : m;
    let result: Value | undefined;
    if (node.valueRules.length || node.defaultRule !== undefined) {
      result = base !== undefined ? base : this.evalValueRules(node);
    } else {
      const b = new Builder();
      if (base instanceof RObject) for (const [kk, vv] of base.entries()) b.put(kk, vv);
      for (const [name, child] of node.children) {
        if ((child.funcs.length || child.defaultFunc) && !child.children.size) continue;
        const cv = this.nodeValue(child, base === undefined ? undefined : lookup(base, name));
        if (cv !== undefined) b.put(name, cv);
      }
      for (const r of node.restRules) this.evalRestRule(r, b, undefined);
      const o = b.build();
      if (node.restRules.some((r) => r.rest.length > 1)) (this.keyOrder ??= new WeakMap()).set(o, b.keys());
      result = o;
    }
    memo.set(node.key, result === undefined ? UNDEF : result);
    return result;
  }

  /** Whether a partial set rule produces `key`: bodies run with the member pre-bound, until one succeeds. */
  private setHas(node: RuleNode, key: Value): boolean {
    const mk = node.key + "\u0002" + keyOf(key);
    const memo = this.scope.memo;
    const m = memo.get(mk);
    if (m !== undefined) return m === true;
    let found = false;
    for (const r of this.candidates(node)) {
      // pre-bind the member only when it is a pattern of vars and constants (not `x.name`)
      const init = isPattern(r.member!) ? (f: Frame, k: K) => this.unifyValue(r.member!, key, f, k) : undefined;
      if (this.evalClauses(r, init, (f) => this.evalTerm(r.member!, f, (v) => (equal(v, key) ? ((found = true), true) : false)))) break;
    }
    memo.set(mk, found);
    return found;
  }

  /** `node[key]` when ref-head rules contribute keys below the node: evaluates only matching rules. */
  private nodeKeyValue(node: RuleNode, base: Value | undefined, key: Value): Value | undefined {
    const mk = node.key + "\u0001" + keyOf(key);
    const memo = this.scope.memo;
    const m = memo.get(mk);
    if (m !== undefined) return m === UNDEF ? undefined : m;
    const b = new Builder();
    const child = typeof key === "string" ? node.children.get(key) : undefined;
    const sub = base === undefined ? undefined : lookup(base, key);
    if (child) {
      const cv = this.nodeValue(child, sub);
      if (cv !== undefined) b.put(key, cv);
    } else if (sub !== undefined) b.put(key, sub);
    for (const r of node.restRules) this.evalRestRule(r, b, key);
    const result = b.get(key);
    memo.set(mk, result === undefined ? UNDEF : result);
    return result;
  }

  private evalValueRules(node: RuleNode): Value | undefined {
    const t = this.tracer;
    const trace = t !== undefined && t.key === node.key && t.begin() ? t : undefined;
    const rules = this.candidates(node);
    if (rules.length && rules[0].kind === "contains") {
      const s = new RSet();
      for (const r of rules) {
        this.evalClauses(r, undefined, (f) => this.evalTerm(r.member!, f, (v) => (s.add(v), false)));
      }
      return s;
    }
    let result: Value | undefined;
    for (const r of rules) {
      this.evalClauses(r, undefined, (f, c) =>
        this.evalTerm(c.value ?? TRUE, f, (v) => {
          if (result === undefined) {
            result = v;
            trace?.decide(r, c);
          } else if (!equal(result, v)) fail("eval_conflict_error", "complete rules must not produce multiple outputs", r.loc);
          return isConstantClause(c);
        }),
        trace,
      );
      if (result !== undefined && sharesOneConstant(node.valueRules)) break;
    }
    if (result === undefined && node.defaultRule) {
      const d = node.defaultRule;
      this.evalTerm(d.clauses[0].value!, new Array(d.frameSize), (v) => ((result = v), true));
      if (result !== undefined) trace?.decide(d, undefined, true);
    }
    return result;
  }

  /**
   * Rule indexing: of many rules on one path whose bodies start with `input.<path> == <constant>`,
   * only those whose constant equals the input's value (and the rules without such a test) run.
   */
  private candidates(node: RuleNode): readonly RuleDef[] {
    const rules = node.valueRules;
    if (rules.length < INDEX_MIN_RULES) return rules;
    let ix = ruleIndexes.get(node);
    if (ix === undefined) {
      ix = buildIndex(rules);
      ruleIndexes.set(node, ix);
    }
    if (ix === null) return rules;
    const v = this.simple(ix.ref, EMPTY_FRAME);
    if (v === NOT_SIMPLE) return rules;
    const hit = v === undefined ? undefined : ix.byValue.get(keyOf(v));
    if (!hit) return ix.others;
    if (ix.others.length === 0) return hit;
    return rules.filter((r) => hit.includes(r) || ix.others.includes(r));
  }

  /** Runs a rule's body (then its else chain until one clause has solutions), calling `k` per solution. */
  private evalClauses(r: RuleDef, init: ((f: Frame, k: K) => boolean) | undefined, k: (f: Frame, c: Clause) => boolean, trace?: RuleTracer): boolean {
    const f: Frame = new Array(r.frameSize);
    const run = (): boolean => {
      for (const c of r.clauses) {
        let found = false;
        const solution = () => {
          found = true;
          return k(f, c);
        };
        const stop = trace === undefined ? this.evalBody(c.body, 0, f, solution) : this.traceBody(c.body, 0, f, solution, trace.body(r, c));
        if (stop) return true;
        if (found) return false;
      }
      return false;
    };
    return init ? init(f, run) : run();
  }

  private evalRestRule(r: RuleDef, b: Builder, key: Value | undefined): void {
    const init = key === undefined ? undefined : (f: Frame, k: K) => this.unifyValue(r.rest[0], key, f, k);
    this.evalClauses(r, init, (f, c) =>
      this.evalTerms(r.rest, f, (keys) => {
        if (r.kind === "contains") {
          return this.evalTerm(r.member!, f, (m) => {
            b.addMember(keys, m, r.loc);
            return false;
          });
        }
        return this.evalTerm(c.value ?? TRUE, f, (v) => {
          b.putPath(keys, v, r.loc);
          return false;
        });
      }),
    );
  }

  // ---------- calls ----------

  call(fn: FnTarget, args: Value[], loc: Loc, k: KV): boolean {
    const fns = this.scope.fns;
    if (fns !== null) {
      const o = fns.get(fn.name);
      if (o !== undefined) {
        if (o.value !== undefined) return this.evalTerm(o.value, o.frame, k);
        // a replacement runs without mocks: it may call the original, and never another mock
        const saved = this.scope;
        const inner: Scope = { ...saved, fns: null, memo: new Map() };
        this.scope = inner;
        try {
          return this.callDirect(o.fn!, args, loc, (v) => {
            this.scope = saved;
            try {
              return k(v);
            } finally {
              this.scope = inner;
            }
          });
        } finally {
          this.scope = saved;
        }
      }
    }
    return this.callDirect(fn, args, loc, k);
  }

  /** Created on the first charged call: most evaluations never build a big value. */
  private get meter(): ResourceMeter | undefined {
    return this.maxBytes === Infinity ? undefined : (this.meterOf ??= new ResourceMeter(this.maxBytes));
  }

  /** Calls a builtin: its value, or undefined (also for an error when not strict). */
  private callBuiltin(fn: BuiltinTarget, args: Value[], loc: Loc): Value | undefined {
    const def = fn.def;
    try {
      if (fn.sized) this.meter?.chargeBuiltin(def.name, args);
      return def.impl(args, this.bctx);
    } catch (e) {
      // a limit hit inside the builtin (`ctx.charge`) is located at the call
      if (e instanceof RegoFailure) {
        if (e.error.location) throw e;
        if (e.error.code === "eval_limit_error") this.limitHit(e.error.message, loc);
        throw new RegoFailure(regoError(e.error.code as RegoErrorCode, e.error.message, loc));
      }
      // out of stack or memory is a limit, never an undefined call that a `default` would turn into a pass
      if (isResourceExhaustion(e)) throw e;
      if (!this.bctx.strict) return undefined;
      if (e instanceof BuiltinError) fail(e.code, `${def.name}: ${e.message}`, loc);
      fail("eval_builtin_error", `${def.name}: ${e instanceof Error ? e.message : String(e)}`, loc);
    }
  }

  private callDirect(fn: FnTarget, args: Value[], loc: Loc, k: KV): boolean {
    if (fn.kind === "user") {
      const v = this.callUser(fn.node, args, loc);
      return v === undefined ? false : k(v);
    }
    if (fn.kind === "print") return k(true);
    const out = this.callBuiltin(fn, args, loc);
    if (out === undefined) return false;
    if (fn.def.relation) {
      for (const x of out as Value[]) if (k(x)) return true;
      return false;
    }
    return k(out);
  }

  private callUser(node: RuleNode, args: Value[], loc: Loc): Value | undefined {
    let mk = node.key + "(";
    for (const a of args) mk += keyOf(a) + ",";
    const memo = this.scope.memo;
    const m = memo.get(mk);
    if (m !== undefined) return m === UNDEF ? undefined : m;
    let result: Value | undefined;
    for (const r of node.funcs) {
      const params = r.params!;
      const init = (f: Frame, k: K) => {
        const go = (i: number): boolean => (i === params.length ? k() : this.unifyValue(params[i], args[i], f, () => go(i + 1)));
        return go(0);
      };
      this.evalClauses(r, init, (f, c) =>
        this.evalTerm(c.value ?? TRUE, f, (v) => {
          if (result === undefined) result = v;
          else if (!equal(result, v)) fail("eval_conflict_error", "functions must not produce multiple outputs for same inputs", loc);
          return isConstantClause(c);
        }),
      );
      if (result !== undefined && sharesOneConstant(node.funcs)) break;
    }
    if (result === undefined && node.defaultFunc) {
      const d = node.defaultFunc;
      const f: Frame = new Array(d.frameSize);
      this.evalTerm(d.clauses[0].value!, f, (v) => ((result = v), true));
    }
    memo.set(mk, result === undefined ? UNDEF : result);
    return result;
  }
}

/** The `data` of evaluations given none; refs below it skip the walk from the root (see dataTarget). */
export const EMPTY_DATA: Value = new RObject();

/**
 * Follows a data ref's constant keys from the root through nodes that only group children, as
 * evalNode does without base data, to the first node that needs evaluation; a pure function of
 * the immutable tree, so each ref computes it once.
 */
function dataTarget(root: RuleNode, path: readonly CTerm[]): DataTarget {
  let node = root;
  let i = 0;
  for (;;) {
    if (!node.hasRules) return { node: undefined, i };
    if (i === path.length || node.valueRules.length || node.defaultRule !== undefined || node.restRules.length) return { node, i };
    const p = path[i];
    if (p.k !== "const") return { node, i };
    const child = typeof p.v === "string" ? node.children.get(p.v) : undefined;
    if (child === undefined) return { node: undefined, i };
    node = child;
    i++;
  }
}

const TRUE: CTerm = { k: "const", v: true };

/**
 * OPA's early exit: a clause whose value is a constant gives that value however many solutions
 * its body has, so the search stops at the first (a `print` there runs once, later errors never
 * happen); when every rule of a path has one same constant value, the first rule that succeeds
 * decides the path.
 */
function isConstantClause(c: { value?: CTerm }): boolean {
  return c.value === undefined || c.value.k === "const";
}

const oneConstant = new WeakMap<readonly RuleDef[], boolean>();

function sharesOneConstant(rules: readonly RuleDef[]): boolean {
  let yes = oneConstant.get(rules);
  if (yes === undefined) {
    const values = rules.flatMap((r) => r.clauses.map((c) => (isConstantClause(c) ? (c.value ?? TRUE) : undefined)));
    const first = values[0];
    yes = first !== undefined && values.every((v) => v !== undefined && equal((v as { v: Value }).v, (first as { v: Value }).v));
    oneConstant.set(rules, yes);
  }
  return yes;
}
const NO_BODY: CBody = [];
const NOT_SIMPLE = Symbol("not simple");

const INDEX_MIN_RULES = 4;
const EMPTY_FRAME: Frame = [];

interface RuleIndex {
  /** The indexed input ref (no variables). */
  readonly ref: CTerm;
  readonly byValue: Map<string, RuleDef[]>;
  /** Rules that do not test the ref against a constant, in order. */
  readonly others: RuleDef[];
}

/** Indexes of compiled nodes, built on first use (a pure function of the immutable rule tree). */
const ruleIndexes = new WeakMap<RuleNode, RuleIndex | null>();

/** `input.a.b == "x"` / `"x" == input.a.b` / `input.a.b = "x"` as the first expression of a single-clause body. */
function constTest(r: RuleDef): { ref: CTerm; key: string; refKey: string } | undefined {
  if (r.clauses.length !== 1) return undefined;
  const e = r.clauses[0].body[0];
  if (!e || e.withs) return undefined;
  let a: CTerm;
  let b: CTerm;
  if (e.k === "term" && e.term.k === "call" && e.term.fn.kind === "builtin" && e.term.fn.name === "equal" && e.term.args.length === 2) {
    [a, b] = e.term.args;
  } else if (e.k === "unify") {
    a = e.a;
    b = e.b;
  } else return undefined;
  if (a.k === "const") [a, b] = [b, a];
  if (b.k !== "const" || a.k !== "ref" || a.head.k !== "input") return undefined;
  if (!a.path.every((p) => p.k === "const")) return undefined;
  const refKey = a.path.map((p) => keyOf((p as { v: Value }).v)).join(".");
  return { ref: a, key: keyOf(b.v), refKey };
}

function buildIndex(rules: readonly RuleDef[]): RuleIndex | null {
  const tests = rules.map(constTest);
  const counts = new Map<string, number>();
  for (const t of tests) if (t) counts.set(t.refKey, (counts.get(t.refKey) ?? 0) + 1);
  let best: string | undefined;
  for (const [k, n] of counts) if (best === undefined || n > counts.get(best)!) best = k;
  if (best === undefined || counts.get(best)! < INDEX_MIN_RULES) return null;
  const byValue = new Map<string, RuleDef[]>();
  const others: RuleDef[] = [];
  let ref: CTerm | undefined;
  rules.forEach((r, i) => {
    const t = tests[i];
    if (t && t.refKey === best) {
      ref = t.ref;
      const list = byValue.get(t.key);
      if (list) list.push(r);
      else byValue.set(t.key, [r]);
    } else others.push(r);
  });
  return { ref: ref!, byValue, others };
}
const NOT_DIRECT = -1;
const DIRECT_FAIL = -2;
const DIRECT_OK = -3;

/** Builds an object from rule contributions, detecting conflicts. */
class Builder {
  private readonly map = new Map<string, [Value, Value | Builder | SetBuilder]>();

  put(key: Value, v: Value): void {
    this.map.set(keyOf(key), [key, v]);
  }

  get(key: Value): Value | undefined {
    const e = this.map.get(keyOf(key));
    if (!e) return undefined;
    return finish(e[1]);
  }

  private child(key: Value, loc: Loc): Builder {
    const kk = keyOf(key);
    const e = this.map.get(kk);
    if (!e) {
      const b = new Builder();
      this.map.set(kk, [key, b]);
      return b;
    }
    if (e[1] instanceof Builder) return e[1];
    if (e[1] instanceof RObject && !(e[1] instanceof RSet)) {
      const b = new Builder();
      for (const [a, x] of e[1].entries()) b.put(a, x);
      e[1] = b;
      return b;
    }
    fail("eval_conflict_error", "object keys must be unique", loc);
  }

  putPath(keys: readonly Value[], v: Value, loc: Loc): void {
    let b: Builder = this;
    for (let i = 0; i < keys.length - 1; i++) b = b.child(keys[i], loc);
    const last = keys[keys.length - 1];
    const kk = keyOf(last);
    const e = b.map.get(kk);
    if (e) {
      const cur = finish(e[1]);
      if (!equal(cur, v)) fail("eval_conflict_error", "object keys must be unique", loc);
      return;
    }
    b.map.set(kk, [last, v]);
  }

  addMember(keys: readonly Value[], m: Value, loc: Loc): void {
    let b: Builder = this;
    for (let i = 0; i < keys.length - 1; i++) b = b.child(keys[i], loc);
    const last = keys[keys.length - 1];
    const kk = keyOf(last);
    let e = b.map.get(kk);
    if (!e) {
      e = [last, new SetBuilder()];
      b.map.set(kk, e);
    } else if (e[1] instanceof RSet) {
      const sb = new SetBuilder();
      for (const x of e[1].values()) sb.set.add(x);
      e[1] = sb;
    }
    if (!(e[1] instanceof SetBuilder)) fail("eval_conflict_error", "object keys must be unique", loc);
    (e[1] as SetBuilder).set.add(m);
  }

  keys(): Value[] {
    return [...this.map.values()].map((e) => e[0]);
  }

  build(): RObject {
    const o = new RObject();
    for (const [k, v] of this.map.values()) o.set(k, finish(v));
    return o;
  }
}

class SetBuilder {
  readonly set = new RSet();
}

function finish(v: Value | Builder | SetBuilder): Value {
  if (v instanceof Builder) return v.build();
  if (v instanceof SetBuilder) return v.set;
  return v;
}

export function lookup(v: Value, key: Value): Value | undefined {
  if (Array.isArray(v)) {
    if (typeof key === "number" && Number.isInteger(key) && key >= 0 && key < v.length) return v[key];
    if (typeof key === "bigint" || typeof key !== "number" || !isInteger(key)) return undefined;
    return undefined;
  }
  if (v instanceof RObject) return v.get(key);
  if (v instanceof RSet) return v.has(key) ? key : undefined;
  return undefined;
}

/** A term made only of vars, constants, arrays and objects of them (unifiable before evaluation). */
function isPattern(t: CTerm): boolean {
  switch (t.k) {
    case "var":
    case "const":
      return true;
    case "array":
      return t.items.every(isPattern);
    case "object":
      return t.entries.every(([a, b]) => a.k === "const" && isPattern(b));
    default:
      return false;
  }
}

function lookupData(v: Value, key: Value): Value | undefined {
  const x = lookup(v, key);
  if (x === undefined && v instanceof RObject && (typeof key === "number" || typeof key === "bigint")) return v.get(formatNumber(key));
  return x;
}

function member(c: Value, v: Value): boolean {
  if (Array.isArray(c)) return c.some((x) => equal(x, v));
  if (c instanceof RSet) return c.has(v);
  if (c instanceof RObject) return c.values().some((x) => equal(x, v));
  return false;
}

function memberKV(c: Value, key: Value, v: Value): boolean {
  const x = lookup(c, key);
  if (c instanceof RSet) return false;
  return x !== undefined && equal(x, v);
}

/** Returns a copy of `doc` with `value` at `path` (objects created as needed). */
export function setPath(doc: Value, path: readonly string[], value: Value): Value {
  if (path.length === 0) return value;
  const o = new RObject();
  if (doc instanceof RObject) for (const [a, b] of doc.entries()) o.set(a, b);
  const cur = doc instanceof RObject ? doc.get(path[0]) : undefined;
  o.set(path[0], setPath(cur ?? new RObject(), path.slice(1), value));
  return o;
}
