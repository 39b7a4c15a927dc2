/**
 * Compiler: parsed modules -> rule tree of compiled rules. The passes, in order (see `compileModules`):
 *   1. packages and imports (`rego.v1`, `future.keywords.*` are no-ops; others become aliases);
 *      v1 modules' extra checks (v1checks.ts)
 *   2. rule tree: group rule heads by full data path (complete, contains, object/ref-head, functions,
 *      defaults) and check kind conflicts
 *   3. per rule: resolve refs to full `data.` paths, rewrite locals (`:=`/`some` declare and shadow,
 *      `_` is fresh), rewrite `some x in` / `every` to internal forms, resolve calls against the
 *      builtin registry and user functions (arity: `rego_type_error`), safety reorder + unsafe vars
 *   4. recursion check on the rule dependency graph (`rego_recursion_error`)
 *   5. builtin argument types where statically certain (`rego_type_error`, compile/typecheck.ts)
 */
import type { Expr, Loc, Module, Rule, Term } from "../ast";
import { refToPath, termTypeName } from "../ast";
import { lookupBuiltin } from "../builtins";
import { METADATA_CALLS, metadataValue, type AnnotationIndex } from "../builtins/metadata";
import { fail, RegoFailure, type RegoError } from "../errors";
import { isSizeCharged } from "../limits";
import { RObject, RSet, type Value } from "../value";
import { newNode, Uniformer, type CBody, type CExpr, type Clause, type CTerm, type CWith, type FnTarget, type RuleDef, type RuleNode, type WithTarget } from "./ir";
import { reorder, termSlots } from "./safety";
import { hoistSelfBoundRefs } from "./hoist";
import { typecheck } from "./typecheck";
import { deprecatedBuiltinError, DEPRECATED_BUILTINS, isRootDocumentName, moduleV1Errors, shadowingError } from "./v1checks";

export * from "./ir";

interface Alloc {
  n: number;
  names: string[];
  /** First occurrence of each local var (unsafe-var errors point there). */
  locs?: Loc[];
}

class Scope {
  readonly vars = new Map<string, CTerm & { k: "var" }>();
  readonly assigned = new Set<string>();
  /** Names declared by `some` in this scope (a later `:=` of one is an error, as OPA). */
  readonly someDeclared = new Set<string>();
  /** This scope holds a function's parameters. */
  isArgs = false;
  /** Slots of enclosing scopes referenced from this scope (closure captures). */
  readonly captured = new Set<number>();
  readonly own = new Set<number>();
  constructor(
    readonly parent: Scope | undefined,
    readonly alloc: Alloc,
  ) {}
  lookup(name: string): (CTerm & { k: "var" }) | undefined {
    const v = this.vars.get(name);
    if (v) return v;
    if (!this.parent) return undefined;
    const p = this.parent.lookup(name);
    if (p) {
      for (let s: Scope | undefined = this; s && !s.own.has(p.slot); s = s.parent) s.captured.add(p.slot);
    }
    return p;
  }
  declare(name: string): CTerm & { k: "var" } {
    const slot = this.alloc.n++;
    this.alloc.names[slot] = name;
    const v = { k: "var" as const, slot, name };
    if (name !== "_") this.vars.set(name, v);
    this.own.add(slot);
    return v;
  }
  /** All slots visible from enclosing scopes. */
  outerSlots(): Set<number> {
    const s = new Set<number>();
    for (let p = this.parent; p; p = p.parent) for (const x of p.own) s.add(x);
    return s;
  }
}

type Root = { root: "data" | "input"; path: string[] };

/** A data ref's path for the dependency graph: `null` for a segment known only at evaluation. */
type DepPath = (string | null)[];

interface ModCtx {
  readonly file: string;
  readonly pkg: string[];
  readonly ruleNames: Set<string>;
  readonly imports: Map<string, Root>;
  /** OPA's v1 checks apply (see v1checks.ts). */
  readonly v1: boolean;
}

export interface CompiledModules {
  readonly root: RuleNode;
}

const NOOP_IMPORTS = ["rego", "future"];

export class Compiler {
  readonly root: RuleNode = newNode("data", []);
  private readonly pkgRules = new Map<string, Set<string>>();
  /** Data paths each rule node references (resolved to nodes once every rule is compiled). */
  private readonly deps = new Map<RuleNode, DepPath[]>();
  private curDeps: DepPath[] | undefined;
  readonly errors: RegoError[] = [];
  /** The modules' METADATA annotations, which `rego.metadata.*` calls compile to (as OPA's compiler rewrites them). */
  annotations: AnnotationIndex | undefined;
  private curRule: { rule: Rule; path: readonly string[]; pkg: readonly string[] } | undefined;

  compileModules(mods: readonly Module[]): void {
    // 1-2. packages, imports, rule tree
    const ctxs = mods.map((m) => this.moduleContext(m));
    for (const m of mods) if (m.v1) this.errors.push(...moduleV1Errors(m));
    // every package exists in data, even without rules (it evaluates to {})
    for (const c of ctxs) for (let n = c.pkg.length; n >= 0; n--) this.nodeAt(c.pkg.slice(0, n), true)!.hasRules = true;
    const placed: { rule: Rule; ctx: ModCtx; node: RuleNode; rest: Term[] }[] = [];
    mods.forEach((m, i) => {
      for (const rule of m.rules) {
        const { node, rest } = this.placeRule(ctxs[i], rule);
        placed.push({ rule, ctx: ctxs[i], node, rest });
      }
    });
    // 3. rules
    for (const p of placed) {
      try {
        this.curRule = { rule: p.rule, path: p.node.path, pkg: p.ctx.pkg };
        this.compileRule(p.ctx, p.rule, p.node, p.rest);
      } catch (e) {
        if (e instanceof RegoFailure) this.errors.push(e.error);
        else throw e;
      }
    }
    this.curRule = undefined;
    if (this.errors.length) return;
    this.checkConflicts(this.root);
    if (this.errors.length) return;
    // 4. recursion
    this.checkRecursion();
    if (this.errors.length) return;
    // 5. types
    this.errors.push(...typecheck(this.root));
    if (this.errors.length) return;
    // 6. one object shape for all terms (see UniformTerm)
    new Uniformer().tree(this.root);
  }

  private moduleContext(m: Module): ModCtx {
    const pkgPath = refToPath(m.pkg);
    if (!pkgPath) fail("rego_parse_error", "invalid package path", m.pkgLoc);
    const pkg = pkgPath[0] === "data" ? pkgPath.slice(1) : pkgPath;
    const key = pkg.join(".");
    let ruleNames = this.pkgRules.get(key);
    if (!ruleNames) this.pkgRules.set(key, (ruleNames = new Set()));
    for (const r of m.rules) {
      const head = r.ref.type === "var" ? r.ref.name : r.ref.type === "ref" && r.ref.head.type === "var" ? r.ref.head.name : undefined;
      if (head) ruleNames.add(head);
    }
    const imports = new Map<string, Root>();
    for (const imp of m.imports) {
      const path = refToPath(imp.path);
      if (!path) fail("rego_parse_error", "invalid import path", imp.loc);
      if (NOOP_IMPORTS.includes(path[0])) continue;
      if (path[0] !== "data" && path[0] !== "input") {
        fail("rego_compile_error", `invalid import ${path.join(".")}: path must begin with input or data`, imp.loc);
      }
      const alias = imp.alias ?? path[path.length - 1];
      imports.set(alias, { root: path[0] as "data" | "input", path: path.slice(1) });
    }
    return { file: m.file, pkg, ruleNames, imports, v1: m.v1 };
  }

  private nodeAt(path: readonly string[], create: boolean): RuleNode | undefined {
    let n = this.root;
    for (let i = 0; i < path.length; i++) {
      let c = n.children.get(path[i]);
      if (!c) {
        if (!create) return undefined;
        c = newNode(path[i], path.slice(0, i + 1));
        n.children.set(path[i], c);
      }
      n = c;
    }
    return n;
  }

  private placeRule(ctx: ModCtx, rule: Rule): { node: RuleNode; rest: Term[] } {
    const segs: Term[] = rule.ref.type === "ref" ? [...rule.ref.path] : [];
    const name = rule.ref.type === "var" ? rule.ref.name : (rule.ref as { head: { name: string } }).head.name;
    const ground: string[] = [name];
    let i = 0;
    while (i < segs.length) {
      const s = segs[i];
      if (s.type === "scalar" && typeof s.value === "string") {
        ground.push(s.value);
        i++;
      } else break;
    }
    const rest = segs.slice(i);
    // `p.q.r := v` with a var last segment and no contains/args is an object rule on its prefix
    const node = this.nodeAt([...ctx.pkg, ...ground], true)!;
    if (rule.args) node.arity = rule.args.length;
    const full = [...ctx.pkg, ...ground];
    for (let n = full.length; n >= 0; n--) this.nodeAt(full.slice(0, n), false)!.hasRules = true;
    return { node, rest };
  }

  // ---------- rules ----------

  private compileRule(ctx: ModCtx, rule: Rule, node: RuleNode, restTerms: Term[]): void {
    const alloc: Alloc = { n: 0, names: [] };
    const headScope = new Scope(undefined, alloc);
    this.curDeps = this.deps.get(node) ?? [];
    this.deps.set(node, this.curDeps);
    if (rule.isDefault) {
      if (rule.args) {
        const params = rule.args.map((a) => this.declarePattern(a, headScope, ctx));
        const value = this.compileTerm(rule.value!, headScope, ctx);
        node.defaultFunc = { kind: "func", loc: rule.loc, frameSize: alloc.n, rest: [], params, clauses: [{ body: [], value }] };
        return;
      }
      if (node.defaultRule !== undefined) fail("rego_type_error", `multiple default rules ${node.key} found`, rule.loc);
      const value = this.compileTerm(rule.value!, headScope, ctx);
      node.defaultRule = { kind: "complete", loc: rule.loc, frameSize: alloc.n, rest: [], clauses: [{ body: [], value }] };
      return;
    }
    let params: CTerm[] | undefined;
    if (rule.args) {
      if (restTerms.length) fail("rego_parse_error", "functions cannot have variable ref heads", rule.loc);
      if (ctx.v1) for (const a of rule.args) if (a.type === "var" && isRootDocumentName(a.name)) throw new RegoFailure(shadowingError("args", a.name, a.loc));
      params = rule.args.map((a) => this.declarePattern(a, headScope, ctx));
      headScope.isArgs = true;
    }
    const bound0 = new Set<number>(headScope.own);
    const clauses: Clause[] = [];
    let rest: CTerm[] = [];
    let member: CTerm | undefined;
    const bodies = [{ body: rule.body, value: rule.value, loc: rule.loc }, ...rule.elses.map((e) => ({ body: e.body, value: e.value, loc: e.loc }))];
    bodies.forEach((b, idx) => {
      const scope = new Scope(headScope, alloc);
      this.predeclare(b.body, scope, ctx, idx === 0 ? [...restTerms, ...(rule.contains ? [rule.contains] : []), ...(b.value ? [b.value] : [])] : b.value ? [b.value] : []);
      const exprs = b.body.flatMap((e) => this.compileBodyExpr(e, scope, ctx));
      let value: CTerm | undefined;
      const headSlots = new Set<number>();
      if (idx === 0) {
        rest = restTerms.map((t) => this.compileTerm(t, scope, ctx));
        if (rule.contains) member = this.compileTerm(rule.contains, scope, ctx);
        for (const t of rest) termSlots(t, headSlots);
        termSlots(member, headSlots);
      }
      if (b.value) value = this.compileTerm(b.value, scope, ctx);
      if (value && value.k !== "const" && idx < bodies.length - 1) {
        // as OPA (head values are evaluated in the body): a clause whose value is undefined fails, so the next `else` runs
        const v = scope.declare("_");
        exprs.push({ k: "unify", a: v, b: value, loc: b.loc });
        value = v;
      }
      termSlots(value, headSlots);
      const ordered = reorder(exprs, bound0, headSlots, (s) => alloc.names[s], (s) => alloc.locs?.[s]);
      for (const s of headSlots) {
        if (!ordered.bound.has(s)) fail("rego_unsafe_var_error", `var ${alloc.names[s]} is unsafe`, alloc.locs?.[s] ?? rule.loc);
      }
      clauses.push({ body: ordered.body, value, loc: b.loc });
    });
    const kind = params ? "func" : rule.contains ? "contains" : rest.length ? "object" : "complete";
    const def: RuleDef = { kind, loc: rule.loc, frameSize: alloc.n, rest, member, params, clauses };
    if (kind === "func") node.funcs.push(def);
    else if (rest.length) node.restRules.push(def);
    else node.valueRules.push(def);
  }

  private checkConflicts(n: RuleNode): void {
    const kinds = new Set<string>(n.valueRules.map((r) => r.kind));
    if (n.funcs.length) kinds.add("func");
    // `p[k] := v` and `p[k] contains v` at this path make p an object (of values, of sets): neither mixes with the other or with `p contains x`
    for (const r of n.restRules) kinds.add(r.kind === "contains" ? "object of sets" : "object");
    if (kinds.size > 1 || (n.funcs.length && (n.restRules.length || n.children.size))) {
      // the first rule in source order, as OPA
      const loc = [...n.valueRules, ...n.funcs, ...n.restRules].map((r) => r.loc).sort((a, b) => (a.file === b.file ? a.row - b.row || a.col - b.col : 0))[0];
      this.errors.push({ code: "rego_type_error", message: `conflicting rules ${n.key} found`, location: loc });
    }
    for (const c of n.children.values()) this.checkConflicts(c);
  }

  private checkRecursion(): void {
    const resolved = new Map<RuleNode, Set<RuleNode>>();
    for (const [n, paths] of this.deps) {
      const set = new Set<RuleNode>();
      for (const p of paths) this.resolveDep(p, set);
      resolved.set(n, set);
    }
    const state = new Map<RuleNode, number>();
    const stack: RuleNode[] = [];
    const visit = (n: RuleNode): void => {
      state.set(n, 1);
      stack.push(n);
      for (const d of resolved.get(n) ?? []) {
        const s = state.get(d);
        if (s === 1) {
          const cyc = stack.slice(stack.indexOf(d)).map((x) => x.key);
          const r = d.valueRules[0] ?? d.restRules[0] ?? d.funcs[0] ?? d.defaultRule ?? d.defaultFunc;
          fail("rego_recursion_error", `rule ${d.key} is recursive: ${[...cyc, d.key].join(" -> ")}`, r?.loc);
        }
        if (s === undefined) visit(d);
      }
      stack.pop();
      state.set(n, 2);
    };
    try {
      for (const n of this.deps.keys()) if (!state.has(n)) visit(n);
    } catch (e) {
      if (e instanceof RegoFailure) this.errors.push(e.error);
      else throw e;
    }
  }

  /** Records that the rule being compiled depends on the rules at/under/above `path` (data-relative). */
  private addDep(path: DepPath): void {
    this.curDeps?.push([...path]);
  }

  /**
   * The rules a ref can reach, as OPA links them: the rules on its path's prefixes, and every rule
   * at or below the nodes its path can match; a variable segment matches any child, so
   * `data[x].containers` depends only on rules named `containers` one level down.
   */
  private resolveDep(path: DepPath, into: Set<RuleNode>, n: RuleNode = this.root, i = 0): void {
    for (; i < path.length; i++) {
      if (n.valueRules.length || n.restRules.length) into.add(n);
      const seg = path[i];
      if (seg === null) {
        for (const c of n.children.values()) this.resolveDep(path, into, c, i + 1);
        return;
      }
      const c = n.children.get(seg);
      if (!c) return;
      n = c;
    }
    const addAll = (x: RuleNode) => {
      if (x.valueRules.length || x.restRules.length || x.funcs.length || x.defaultRule !== undefined) into.add(x);
      for (const c of x.children.values()) addAll(c);
    };
    addAll(n);
  }

  // ---------- scopes ----------

  /** Declares the vars of a body level: explicit declarations first, then every other local var. */
  private predeclare(body: readonly Expr[], scope: Scope, ctx: ModCtx, extra: readonly Term[] = []): void {
    // `:=` declares at its position (closures before it do not see the var); other vars are body-wide
    const assignedNames = new Set<string>();
    for (const e of body) {
      const declared = e.type === "some" ? e.vars.flatMap(patternVarNames) : e.type === "somein" ? [e.value, ...(e.key ? [e.key] : [])].flatMap(patternVarNames) : [];
      for (const n of declared) {
        if (e.type === "some" || !scope.vars.has(n)) scope.declare(n);
        scope.someDeclared.add(n);
      }
      if (e.type === "assign") for (const n of patternVarNames(e.lhs)) assignedNames.add(n);
    }
    const names: string[] = [];
    for (const e of body) exprLevelVars(e, names);
    for (const t of extra) termLevelVars(t, names);
    for (const n of names) {
      if (n === "_" || assignedNames.has(n) || scope.lookup(n) || this.isGlobal(n, ctx)) continue;
      scope.declare(n);
    }
  }

  private isGlobal(name: string, ctx: ModCtx): boolean {
    return name === "input" || name === "data" || ctx.imports.has(name) || ctx.ruleNames.has(name);
  }

  private declarePattern(t: Term, scope: Scope, ctx: ModCtx): CTerm {
    for (const n of patternVarNames(t)) if (n !== "_" && !scope.vars.has(n)) scope.declare(n);
    return this.compileTerm(t, scope, ctx);
  }

  // ---------- expressions ----------

  compileBodyIn(body: readonly Expr[], scope: Scope, ctx: ModCtx, extra: readonly Term[] = []): CExpr[] {
    this.predeclare(body, scope, ctx, extra);
    return body.flatMap((e) => this.compileBodyExpr(e, scope, ctx));
  }

  /** A body expression, preceded by the refs it must evaluate first (see hoist.ts). */
  private compileBodyExpr(e: Expr, scope: Scope, ctx: ModCtx): CExpr[] {
    return hoistSelfBoundRefs(this.compileExpr(e, scope, ctx), () => scope.declare("_"));
  }

  compileExpr(e: Expr, scope: Scope, ctx: ModCtx): CExpr {
    const withs = e.with.length ? e.with.map((w) => this.compileWith(w.target, w.value, w.loc, scope, ctx)) : undefined;
    const loc = e.loc;
    const base = this.compileExprInner(e, scope, ctx, loc);
    return withs ? { ...base, withs } : base;
  }

  private compileExprInner(e: Expr, scope: Scope, ctx: ModCtx, loc: Loc): CExpr {
    switch (e.type) {
      case "term": {
        const t = e.term;
        if (t.type === "call") {
          const fn = this.resolveFn(t.fn, ctx, t.loc);
          const arity = this.arity(fn);
          if (arity !== undefined && t.args.length === arity + 1) {
            const call: CTerm = { k: "call", fn, args: t.args.slice(0, arity).map((a) => this.compileTerm(a, scope, ctx)), loc: t.loc };
            return { k: "unify", a: this.compileTerm(t.args[arity], scope, ctx), b: call, loc };
          }
        }
        return { k: "term", term: this.compileTerm(t, scope, ctx), loc };
      }
      case "unify":
        return { k: "unify", a: this.compileTerm(e.lhs, scope, ctx), b: this.compileTerm(e.rhs, scope, ctx), loc };
      case "assign": {
        if (ctx.v1 && e.lhs.type === "var" && isRootDocumentName(e.lhs.name)) throw new RegoFailure(shadowingError("variables", e.lhs.name, e.loc));
        checkAssignable(e.lhs);
        const b = this.compileTerm(e.rhs, scope, ctx);
        for (const v of patternVarTerms(e.lhs)) {
          const n = v.name;
          if (n === "_") continue;
          // as OPA: `:=` declares a name once per body, and not one used or declared before it
          const above = scope.assigned.has(n) ? "assigned" : scope.someDeclared.has(n) ? "declared" : scope.vars.has(n) ? "referenced" : undefined;
          if (above) fail("rego_compile_error", `var ${n} ${above} above`, v.loc);
          if (scope.parent?.isArgs && scope.parent.vars.has(n)) fail("rego_compile_error", `arg ${n} redeclared`, v.loc);
          scope.assigned.add(n);
          scope.declare(n);
        }
        return { k: "unify", a: this.compileTerm(e.lhs, scope, ctx), b, loc };
      }
      case "not":
        if (e.expr.type === "assign") fail("rego_compile_error", "cannot assign vars inside negated expression", loc);
        return { k: "not", expr: this.compileExpr(e.expr, scope, ctx), loc };
      case "some":
        return { k: "nop", loc };
      case "somein":
        return {
          k: "somein",
          key: e.key ? this.compileTerm(e.key, scope, ctx) : undefined,
          value: this.compileTerm(e.value, scope, ctx),
          coll: this.compileTerm(e.coll, scope, ctx),
          loc,
        };
      case "every": {
        const coll = this.compileTerm(e.coll, scope, ctx);
        const inner = new Scope(scope, scope.alloc);
        const key = e.key ? this.declarePattern(e.key, inner, ctx) : undefined;
        const value = this.declarePattern(e.value, inner, ctx);
        const body = this.compileBodyIn(e.body, inner, ctx);
        const bound = inner.outerSlots();
        for (const s of inner.own) if (isPatternSlot(key, s) || isPatternSlot(value, s)) bound.add(s);
        const ordered = reorder(body, bound, new Set(), (s) => scope.alloc.names[s], (s) => scope.alloc.locs?.[s]).body;
        return { k: "every", key, value, coll, body: ordered, captured: [...inner.captured], loc };
      }
    }
  }

  private compileWith(target: Term, value: Term, loc: Loc, scope: Scope, ctx: ModCtx): CWith {
    const path = refToPath(target);
    if (!path) fail("rego_compile_error", "with keyword target must reference existing input, data, or a function", loc);
    let t: WithTarget | undefined;
    let fnTarget: FnTarget | undefined;
    const expanded = this.expandGlobalPath(path, ctx);
    if (expanded?.root === "input") t = { kind: "input", path: expanded.path };
    else if (expanded?.root === "data") {
      const node = this.nodeAt(expanded.path, false);
      if (node && node.arity !== undefined) {
        fnTarget = this.resolveFn(target, ctx, loc);
        t = { kind: "fn", name: fnTarget.name };
      } else t = { kind: "data", path: expanded.path };
    } else {
      const def = lookupBuiltin(path.join("."));
      if (!def) fail("rego_compile_error", `with keyword target must reference existing input, data, or a function`, loc);
      t = { kind: "fn", name: def.name };
    }
    let fn: FnTarget | undefined;
    if (t.kind === "fn") {
      const vp = refToPath(value);
      if (vp && !scope.lookup(vp[0])) {
        const ex = this.expandGlobalPath(vp, ctx);
        if (ex?.root === "data") {
          const node = this.nodeAt(ex.path, false);
          if (node && node.arity !== undefined) fn = this.resolveFn(value, ctx, loc);
        } else if (!ex && lookupBuiltin(vp.join("."))) fn = this.resolveFn(value, ctx, loc);
      }
    }
    const cv: CTerm = fn ? { k: "const", v: null } : this.compileTerm(value, scope, ctx);
    return { target: t, value: cv, fn };
  }

  /** `input.x`, `data.a`, import aliases and package rule names -> root + path; else undefined. */
  private expandGlobalPath(path: string[], ctx: ModCtx): Root | undefined {
    const h = path[0];
    if (h === "input") return { root: "input", path: path.slice(1) };
    if (h === "data") return { root: "data", path: path.slice(1) };
    const imp = ctx.imports.get(h);
    if (imp) return { root: imp.root, path: [...imp.path, ...path.slice(1)] };
    if (ctx.ruleNames.has(h)) return { root: "data", path: [...ctx.pkg, ...path] };
    return undefined;
  }

  private arity(fn: FnTarget): number | undefined {
    if (fn.kind === "builtin") return fn.def.decl.variadic ? undefined : fn.def.decl.args.length;
    if (fn.kind === "user") return fn.node.arity;
    return undefined;
  }

  private resolveFn(fnTerm: Term, ctx: ModCtx, loc: Loc): FnTarget {
    const path = refToPath(fnTerm);
    if (!path) fail("rego_type_error", "invalid function reference", loc);
    const name = path.join(".");
    if (name === "print") return { kind: "print", name };
    const ex = this.expandGlobalPath(path, ctx);
    if (ex?.root === "data") {
      const node = this.nodeAt(ex.path, false);
      if (node) {
        // as OPA's type checker: a rule that is not a function cannot be called (`f() := 1` is the rule f)
        if (node.arity === undefined) fail("rego_type_error", `undefined function ${node.key}`, loc);
        this.addDep(ex.path);
        return { kind: "user", name: node.key, node };
      }
    }
    if (ctx.v1 && DEPRECATED_BUILTINS.has(name)) throw new RegoFailure(deprecatedBuiltinError(name, loc));
    const def = lookupBuiltin(name);
    if (def) return { kind: "builtin", name, def, sized: isSizeCharged(name) };
    fail("rego_type_error", `undefined function ${name}`, loc);
  }

  // ---------- terms ----------

  compileTerm(t: Term, scope: Scope, ctx: ModCtx): CTerm {
    switch (t.type) {
      case "scalar":
        return { k: "const", v: t.value };
      case "var":
        return this.compileVarRef(t.name, [], scope, ctx, t.loc);
      case "ref": {
        const path = t.path.map((p) => this.compileTerm(p, scope, ctx));
        if (t.head.type === "var") return this.compileVarRef(t.head.name, path, scope, ctx, t.loc);
        const head = this.compileTerm(t.head, scope, ctx);
        return { k: "ref", head, path };
      }
      case "array": {
        const items = t.items.map((x) => this.compileTerm(x, scope, ctx));
        if (items.every(isConst)) return { k: "const", v: items.map((x) => (x as { v: Value }).v) };
        return { k: "array", items };
      }
      case "set": {
        const items = t.items.map((x) => this.compileTerm(x, scope, ctx));
        if (items.every(isConst)) return { k: "const", v: RSet.of(items.map((x) => (x as { v: Value }).v)) };
        return { k: "set", items };
      }
      case "object": {
        const entries = t.entries.map(([a, b]) => [this.compileTerm(a, scope, ctx), this.compileTerm(b, scope, ctx)] as const);
        if (entries.every(([a, b]) => isConst(a) && isConst(b))) {
          const o = new RObject();
          for (const [a, b] of entries) o.set((a as { v: Value }).v, (b as { v: Value }).v);
          return { k: "const", v: o };
        }
        return { k: "object", entries, loc: t.loc };
      }
      case "arraycompr":
      case "setcompr": {
        const inner = new Scope(scope, scope.alloc);
        const body = this.compileBodyIn(t.body, inner, ctx, [t.head]);
        const head = this.compileTerm(t.head, inner, ctx);
        const ordered = this.orderClosure(body, inner, head);
        return { k: t.type === "arraycompr" ? "acompr" : "scompr", head, body: ordered, captured: [...inner.captured] };
      }
      case "objectcompr": {
        const inner = new Scope(scope, scope.alloc);
        const body = this.compileBodyIn(t.body, inner, ctx, [t.key, t.value]);
        const key = this.compileTerm(t.key, inner, ctx);
        const value = this.compileTerm(t.value, inner, ctx);
        const ordered = this.orderClosure(body, inner, key, value);
        return { k: "ocompr", key, value, body: ordered, loc: t.loc, captured: [...inner.captured] };
      }
      case "call": {
        const fn = this.resolveFn(t.fn, ctx, t.loc);
        const arity = this.arity(fn);
        if (arity !== undefined && t.args.length !== arity) {
          fail("rego_type_error", `${fn.name}: arity mismatch: have ${t.args.length} arguments, want ${arity}`, t.loc);
        }
        if (fn.kind === "builtin" && METADATA_CALLS.has(fn.name) && this.curRule) {
          const { rule, path, pkg } = this.curRule;
          return { k: "const", v: metadataValue(fn.name, this.annotations, rule, path, pkg) };
        }
        const args = t.args.map((a) => this.compileTerm(a, scope, ctx));
        if (fn.kind === "print") return { k: "print", args, loc: t.loc };
        return { k: "call", fn, args, loc: t.loc };
      }
      case "member":
        return {
          k: "member",
          key: t.key ? this.compileTerm(t.key, scope, ctx) : undefined,
          value: this.compileTerm(t.value, scope, ctx),
          coll: this.compileTerm(t.coll, scope, ctx),
        };
    }
  }

  private orderClosure(body: CExpr[], inner: Scope, ...head: CTerm[]): CBody {
    const headSlots = new Set<number>();
    for (const h of head) termSlots(h, headSlots);
    const r = reorder(body, inner.outerSlots(), headSlots, (s) => inner.alloc.names[s], (s) => inner.alloc.locs?.[s]);
    for (const s of headSlots) {
      if (!r.bound.has(s)) fail("rego_unsafe_var_error", `var ${inner.alloc.names[s]} is unsafe`, inner.alloc.locs?.[s] ?? body[0]?.loc);
    }
    return r.body;
  }

  private compileVarRef(name: string, path: CTerm[], scope: Scope, ctx: ModCtx, loc: Loc): CTerm {
    if (name === "_") {
      const v = scope.declare("_");
      return path.length ? { k: "ref", head: v, path } : v;
    }
    const local = scope.lookup(name);
    if (local) {
      const locs = (scope.alloc.locs ??= []);
      locs[local.slot] ??= loc;
      return path.length ? { k: "ref", head: local, path } : local;
    }
    let root: Root | undefined;
    if (name === "input") root = { root: "input", path: [] };
    else if (name === "data") root = { root: "data", path: [] };
    else if (ctx.imports.has(name)) root = ctx.imports.get(name)!;
    else if (ctx.ruleNames.has(name)) root = { root: "data", path: [...ctx.pkg, name] };
    if (!root) {
      const v = scope.declare(name);
      (scope.alloc.locs ??= [])[v.slot] ??= loc;
      return path.length ? { k: "ref", head: v, path } : v;
    }
    const full: CTerm[] = [...root.path.map((s) => ({ k: "const" as const, v: s })), ...path];
    if (root.root === "input") return full.length ? { k: "ref", head: { k: "input" }, path: full } : { k: "input" };
    const depPath: DepPath = [];
    for (const p of full) {
      if (p.k === "const" && typeof p.v === "string") depPath.push(p.v);
      else if (p.k === "const") {
        // a constant non-string key matches no rule below this point
        depPath.push("\u0000");
        break;
      } else depPath.push(null);
    }
    this.addDep(depPath);
    return { k: "data", path: full, loc, target: undefined };
  }

  /** Compiles a query (no package): vars are locals except input/data. */
  compileQuery(body: readonly Expr[]): { body: CExpr[]; frameSize: number; vars: { name: string; slot: number }[]; exprSlots: (number | undefined)[] } {
    const ctx: ModCtx = { file: "query", pkg: [], ruleNames: new Set(), imports: new Map(), v1: false };
    const alloc: Alloc = { n: 0, names: [] };
    const scope = new Scope(undefined, alloc);
    this.curDeps = undefined;
    this.predeclare(body, scope, ctx);
    const exprSlots: (number | undefined)[] = [];
    const withSlots: CExpr[] = [];
    for (const expr of body) {
      // the query's own expression is the last part; refs hoisted before it have no value of their own
      const parts = this.compileBodyExpr(expr, scope, ctx);
      const e = parts.pop()!;
      withSlots.push(...parts);
      if (e.k === "term") {
        const slot = alloc.n++;
        alloc.names[slot] = "$expr";
        exprSlots.push(slot);
        withSlots.push({ ...e, valSlot: slot } as CExpr);
      } else {
        exprSlots.push(undefined);
        withSlots.push(e);
      }
    }
    const ordered = reorder(withSlots, new Set(), new Set(), (s) => alloc.names[s], (s) => alloc.locs?.[s]).body;
    const vars = [...scope.vars.values()].filter((v) => (!v.name.startsWith("_") || v.name === "__result__") && v.name !== "_").map((v) => ({ name: v.name, slot: v.slot }));
    return { body: new Uniformer().body(ordered), frameSize: alloc.n, vars, exprSlots };
  }

  /** Compiles a single term with no variables (input_term, default values). */
  compileConstTerm(t: Term): CTerm {
    const ctx: ModCtx = { file: "term", pkg: [], ruleNames: new Set(), imports: new Map(), v1: false };
    return this.compileTerm(t, new Scope(undefined, { n: 0, names: [] }), ctx);
  }
}

function isConst(t: CTerm): boolean {
  return t.k === "const";
}

function isPatternSlot(t: CTerm | undefined, slot: number): boolean {
  if (!t) return false;
  if (t.k === "var") return t.slot === slot;
  if (t.k === "array") return t.items.some((x) => isPatternSlot(x, slot));
  if (t.k === "object") return t.entries.some(([, v]) => isPatternSlot(v, slot));
  return false;
}

/** Var names in pattern positions of a term (declared by `:=`, `some x in`, function args). */
function patternVarNames(t: Term): string[] {
  return patternVarTerms(t).map((v) => v.name);
}

function patternVarTerms(t: Term): (Term & { type: "var" })[] {
  switch (t.type) {
    case "var":
      return [t];
    case "array":
      return t.items.flatMap(patternVarTerms);
    case "object":
      return t.entries.flatMap(([, v]) => patternVarTerms(v));
    default:
      return [];
  }
}

/** `:=` assigns to vars, and arrays and object values of vars only (OPA: `cannot assign to number`). */
function checkAssignable(t: Term): void {
  if (t.type === "var") return;
  if (t.type === "array") return t.items.forEach(checkAssignable);
  if (t.type === "object") return t.entries.forEach(([, v]) => checkAssignable(v));
  fail("rego_compile_error", `cannot assign to ${termTypeName(t)}`, t.loc);
}


/** Var names at this body level (not inside closures: comprehensions, every bodies). */
function termLevelVars(t: Term, out: string[]): void {
  switch (t.type) {
    case "var":
      out.push(t.name);
      return;
    case "ref":
      termLevelVars(t.head, out);
      for (const p of t.path) termLevelVars(p, out);
      return;
    case "array":
    case "set":
      for (const x of t.items) termLevelVars(x, out);
      return;
    case "object":
      for (const [a, b] of t.entries) {
        termLevelVars(a, out);
        termLevelVars(b, out);
      }
      return;
    case "call":
      for (const a of t.args) termLevelVars(a, out);
      return;
    case "member":
      if (t.key) termLevelVars(t.key, out);
      termLevelVars(t.value, out);
      termLevelVars(t.coll, out);
      return;
    default:
      return;
  }
}

function exprLevelVars(e: Expr, out: string[]): void {
  switch (e.type) {
    case "term":
      termLevelVars(e.term, out);
      break;
    case "unify":
    case "assign":
      termLevelVars(e.lhs, out);
      termLevelVars(e.rhs, out);
      break;
    case "not":
      exprLevelVars(e.expr, out);
      break;
    case "somein":
      termLevelVars(e.coll, out);
      break;
    case "every":
      termLevelVars(e.coll, out);
      break;
    case "some":
      break;
  }
  for (const w of e.with) {
    // a with value naming a function (`with count as mock`) is not a variable
    const p = refToPath(w.value);
    if (p && lookupBuiltin(p.join("."))) continue;
    termLevelVars(w.value, out);
  }
}
