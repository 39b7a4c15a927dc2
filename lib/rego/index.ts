/**
 * Public API of the Rego engine: compile a set of modules once, then evaluate rules or queries
 * against `input` and `data` many times. A CompiledPolicy is immutable; each evaluation has its
 * own state, so one policy can serve concurrent evaluations.
 */
import "./builtins";
import type { Expr } from "./ast";
import { Compiler, type CExpr, type RuleNode } from "./compile";
import { RegoFailure, type RegoError } from "./errors";
import { Evaluator } from "./eval";
import { parseModule, parseQuery, parseTerm } from "./parser";
import { fromJSON, RObject, toJSON, type Value } from "./value";

export type { RegoError, Location } from "./errors";
export { formatError } from "./errors";

export interface ModuleSource {
  file: string;
  source: string;
  /** Rego dialect of this module; default "v1". "v0" accepts pre-1.0 syntax (`p { ... }`, `p[x] { ... }`). */
  regoVersion?: "v0" | "v1";
}

export interface CompileOptions {
  /** Builtin errors become evaluation errors instead of undefined results (OPA's strict-builtin-errors). */
  strictBuiltinErrors?: boolean;
}

export interface EvalLimits {
  maxSteps?: number;
  timeoutMs?: number;
}

export interface EvalInput {
  input?: unknown;
  data?: unknown;
  limits?: EvalLimits;
  /** Overrides the compile option for this evaluation. */
  strictBuiltinErrors?: boolean;
  /** Fixed `time.now_ns()` (nanoseconds); defaults to the wall clock at evaluation start. */
  nowNs?: bigint;
}

export type EvalRuleResult = { ok: true; defined: true; value: unknown } | { ok: true; defined: false } | { ok: false; error: RegoError };

export interface QueryResult {
  bindings: Record<string, unknown>;
  expressions: Array<{ value: unknown; text: string }>;
}

export type QueryResponse = { ok: true; results: QueryResult[] } | { ok: false; error: RegoError };

export type CompileResult = { ok: true; policy: CompiledPolicy } | { ok: false; errors: RegoError[] };

interface CompiledQuery {
  body: CExpr[];
  frameSize: number;
  vars: { name: string; slot: number }[];
  exprSlots: (number | undefined)[];
  texts: string[];
}

/** Converts `input`/`data` given as JSON-like JS (or already Values) once per evaluation. */
function toValue(x: unknown): Value | undefined {
  return x === undefined ? undefined : fromJSON(x);
}

const RESULT_VAR = "__result__";

export class CompiledPolicy {
  private readonly queryCache = new Map<string, CompiledQuery | RegoError>();

  /** @internal */
  constructor(
    private readonly compiler: Compiler,
    private readonly root: RuleNode,
    private readonly strict: boolean,
  ) {}

  /** Evaluates a rule (or any ref) like `data.x.evaluate`. */
  evalRule(path: string, opts: EvalInput = {}): EvalRuleResult {
    // `false` is a value here, not a failed expression: evaluate `__result__ = <path>`
    const q = this.compileQuery(path, true);
    if ("code" in q) return { ok: false, error: q };
    const r = this.run(q, opts);
    if (!r.ok) return r;
    if (r.results.length === 0) return { ok: true, defined: false };
    return { ok: true, defined: true, value: r.results[0].bindings[RESULT_VAR] };
  }

  /** Evaluates a query; one result per solution, with the query's variable bindings. */
  query(query: string, opts: EvalInput = {}): QueryResponse {
    const q = this.compileQuery(query);
    if ("code" in q) return { ok: false, error: q };
    return this.run(q, opts);
  }

  /** Evaluates a parsed query body (used by the conformance runner for `input_term`). */
  private run(q: CompiledQuery, opts: EvalInput): QueryResponse {
    try {
      const ev = new Evaluator(this.root, {
        input: toValue(opts.input),
        data: toValue(opts.data) ?? new RObject(),
        strict: opts.strictBuiltinErrors ?? this.strict,
        maxSteps: opts.limits?.maxSteps,
        timeoutMs: opts.limits?.timeoutMs,
        nowNs: opts.nowNs,
      });
      const frame: (Value | undefined)[] = new Array(q.frameSize);
      const results: QueryResult[] = [];
      ev.evalBody(q.body, 0, frame, () => {
        const bindings: Record<string, unknown> = {};
        for (const v of q.vars) {
          const x = frame[v.slot];
          if (x !== undefined) bindings[v.name] = toJSON(x);
        }
        const expressions = q.exprSlots.map((s, i) => ({ value: s === undefined ? true : toJSON(frame[s] as Value), text: q.texts[i] }));
        results.push({ bindings, expressions });
        return false;
      });
      return { ok: true, results };
    } catch (e) {
      if (e instanceof RegoFailure) return { ok: false, error: e.error };
      if (e instanceof RangeError) return { ok: false, error: { code: "eval_limit_error", message: `evaluation failed: ${e.message}` } };
      // never throw at callers: an engine bug is an error value too
      return { ok: false, error: { code: "eval_internal_error", message: e instanceof Error ? e.message : String(e) } };
    }
  }

  private compileQuery(query: string, asRule = false): CompiledQuery | RegoError {
    const cacheKey = asRule ? "\u0000rule:" + query : query;
    const cached = this.queryCache.get(cacheKey);
    if (cached) return cached;
    let out: CompiledQuery | RegoError;
    try {
      let body: Expr[];
      if (asRule) {
        const term = parseTerm(query, "query");
        const loc = term.loc;
        body = [{ type: "unify", lhs: { type: "var", name: RESULT_VAR, loc }, rhs: term, with: [], loc, text: query }];
      } else body = parseQuery(query, "query");
      const c = this.compiler.compileQuery(body);
      out = { ...c, texts: body.map((e) => e.text) };
    } catch (e) {
      if (!(e instanceof RegoFailure)) throw e;
      out = e.error;
    }
    if (this.queryCache.size < 1000) this.queryCache.set(cacheKey, out);
    return out;
  }
}

/** Parses and compiles modules. Errors are values with OPA's codes and locations. */
export function compile(modules: readonly ModuleSource[], options: CompileOptions = {}): CompileResult {
  const errors: RegoError[] = [];
  const parsed = [];
  for (const m of modules) {
    try {
      parsed.push(parseModule(m.source, m.file, m.regoVersion));
    } catch (e) {
      if (e instanceof RegoFailure) errors.push(e.error);
      else throw e;
    }
  }
  if (errors.length) return { ok: false, errors };
  const compiler = new Compiler();
  try {
    compiler.compileModules(parsed);
  } catch (e) {
    if (e instanceof RegoFailure) errors.push(e.error);
    else errors.push({ code: "rego_compile_error", message: `internal compiler error: ${e instanceof Error ? e.message : String(e)}` });
  }
  errors.push(...compiler.errors);
  if (errors.length) return { ok: false, errors };
  return { ok: true, policy: new CompiledPolicy(compiler, compiler.root, options.strictBuiltinErrors ?? false) };
}

/** Parses a Rego term with no variables (e.g. an `input_term`) to a JSON-like value. */
export function parseValue(text: string): { ok: true; value: unknown } | { ok: false; error: RegoError } {
  try {
    const term = parseTerm(text, "term");
    const c = new Compiler().compileConstTerm(term);
    if (c.k !== "const") {
      let out: Value | undefined;
      const ev = new Evaluator(new Compiler().root, { data: new RObject(), strict: false });
      ev.evalTerm(c, [], (v) => ((out = v), true));
      if (out === undefined) return { ok: false, error: { code: "rego_compile_error", message: "term is not a constant" } };
      return { ok: true, value: out };
    }
    return { ok: true, value: c.v };
  } catch (e) {
    if (e instanceof RegoFailure) return { ok: false, error: e.error };
    throw e;
  }
}
