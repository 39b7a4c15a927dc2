/**
 * Public API of the Rego engine: compile a set of modules once, then evaluate rules or queries
 * against `input` and `data` many times. A CompiledPolicy is immutable; each evaluation has its
 * own state, so one policy can serve concurrent evaluations.
 */
import "./builtins";
import { AnnotationIndex } from "./builtins/metadata";
import type { Expr } from "./ast";
import { Compiler, type CExpr, type RuleNode } from "./compile";
import { RegoFailure, type Location, type RegoError } from "./errors";
import { EMPTY_DATA, Evaluator } from "./eval";
import { RuleTracer, type RuleExplanation } from "./eval/trace";
import { DEFAULT_LIMITS, resourceError } from "./limits";
import { parseModule, parseQuery, parseTerm } from "./parser";
import { fromJSON, RObject, toJSON, type Value } from "./value";

export type { RegoError, Location } from "./errors";
export { formatError } from "./errors";
export { DEFAULT_LIMITS } from "./limits";
export { prepareInput, type PreparedInput } from "./prepare";
export { configureNetwork, type NetworkOptions } from "./builtins/network";
export type { BodyExplanation, ClauseKind, RuleExplanation } from "./eval/trace";

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
  /** Bytes that builtins building big values (`json.marshal`, `concat`, `walk`...) may build in one evaluation. */
  maxBytes?: number;
}

export interface EvalInput {
  input?: unknown;
  data?: unknown;
  limits?: EvalLimits;
  /** Overrides the compile option for this evaluation. */
  strictBuiltinErrors?: boolean;
  /** Fixed `time.now_ns()` (nanoseconds); defaults to the wall clock at evaluation start. */
  nowNs?: bigint;
  /** Receives `print(...)` output (arguments joined by spaces; undefined ones as `<undefined>`). */
  print?: (message: string, location: Location) => void;
}

export interface EvalRuleOptions extends EvalInput {
  /** Also explain the rule's value: the clause that gave it and how each body that ran ended (`explanation`). */
  explain?: boolean;
}

export type EvalRuleResult = ({ ok: true; defined: true; value: unknown } | { ok: true; defined: false } | { ok: false; error: RegoError }) & {
  explanation?: RuleExplanation;
};

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
  /** Of a rule query (`__result__ = <path>`): the slot of `__result__`, found once instead of per evaluation. */
  resultSlot?: number;
}

/** Converts `input`/`data` given as JSON-like JS (or already Values) once per evaluation. */
function toValue(x: unknown): Value | undefined {
  return x === undefined ? undefined : fromJSON(x);
}

const RESULT_VAR = "__result__";

export class CompiledPolicy {
  private readonly queryCache = new Map<string, CompiledQuery | RegoError>();
  private readonly ruleCache = new Map<string, CompiledQuery | RegoError>();

  /** @internal */
  constructor(
    private readonly compiler: Compiler,
    private readonly root: RuleNode,
    private readonly strict: boolean,
  ) {}

  /** Evaluates a rule (or any ref) like `data.x.evaluate`. */
  evalRule(path: string, opts: EvalRuleOptions = {}): EvalRuleResult {
    // `false` is a value here, not a failed expression: evaluate `__result__ = <path>`
    let q = this.ruleCache.get(path);
    if (q === undefined) {
      q = this.compileQuery(path, true);
      if (this.ruleCache.size < 1000) this.ruleCache.set(path, q);
    }
    if ("code" in q) return { ok: false, error: q };
    const slot = q.resultSlot!;
    let value: Value | undefined;
    const trace = opts.explain ? new RuleTracer(path) : undefined;
    const err = this.run(
      q,
      opts,
      (frame) => {
        value = frame[slot];
        return true;
      },
      trace,
    );
    if (err) return { ok: false, error: err };
    // no spread of an empty object when not explaining: in profiles it was a tenth of a small policy's evaluation
    const out: EvalRuleResult = value === undefined ? { ok: true, defined: false } : { ok: true, defined: true, value: toJSON(value) };
    if (trace) out.explanation = trace.result();
    return out;
  }

  /** Evaluates a query; one result per solution, with the query's variable bindings. */
  query(query: string, opts: EvalInput = {}): QueryResponse {
    const q = this.compileQuery(query);
    if ("code" in q) return { ok: false, error: q };
    const results: QueryResult[] = [];
    const err = this.run(q, opts, (frame) => {
      const bindings: Record<string, unknown> = {};
      for (const v of q.vars) {
        const x = frame[v.slot];
        if (x !== undefined) bindings[v.name] = toJSON(x);
      }
      const expressions = q.exprSlots.map((s, i) => ({ value: s === undefined ? true : toJSON(frame[s] as Value), text: q.texts[i] }));
      results.push({ bindings, expressions });
      return false;
    });
    return err ? { ok: false, error: err } : { ok: true, results };
  }

  /** Runs a compiled query, calling `onSolution` per solution (`true` stops); returns an error or undefined. */
  private run(q: CompiledQuery, opts: EvalInput, onSolution: (frame: (Value | undefined)[]) => boolean, trace?: RuleTracer): RegoError | undefined {
    try {
      const ev = new Evaluator(this.root, {
        input: toValue(opts.input),
        data: opts.data === undefined ? EMPTY_DATA : (toValue(opts.data) as Value),
        strict: opts.strictBuiltinErrors ?? this.strict,
        maxSteps: opts.limits?.maxSteps ?? DEFAULT_LIMITS.maxSteps,
        timeoutMs: opts.limits?.timeoutMs ?? DEFAULT_LIMITS.timeoutMs,
        maxBytes: opts.limits?.maxBytes ?? DEFAULT_LIMITS.maxBytes,
        nowNs: opts.nowNs,
        print: opts.print,
        trace,
      });
      const frame: (Value | undefined)[] = new Array(q.frameSize);
      ev.evalBody(q.body, 0, frame, () => onSolution(frame));
      return undefined;
    } catch (e) {
      if (e instanceof RegoFailure) return e.error;
      const limit = resourceError(e, "evaluation");
      if (limit) return limit;
      // never throw at callers: an engine bug is an error value too
      return { code: "eval_internal_error", message: e instanceof Error ? e.message : String(e) };
    }
  }

  private compileQuery(query: string, asRule = false): CompiledQuery | RegoError {
    const cached = asRule ? undefined : this.queryCache.get(query);
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
      out = { ...c, texts: body.map((e) => e.text), resultSlot: asRule ? c.vars.find((v) => v.name === RESULT_VAR)!.slot : undefined };
    } catch (e) {
      if (e instanceof RegoFailure) out = e.error;
      else out = resourceError(e, "compilation") ?? { code: "rego_compile_error", message: `internal compiler error: ${e instanceof Error ? e.message : String(e)}` };
    }
    if (!asRule && this.queryCache.size < 1000) this.queryCache.set(query, out);
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
      // never throw at callers, not even on absurdly nested source (stack overflow)
      else errors.push({ ...(resourceError(e, "parsing") ?? { code: "rego_parse_error", message: `internal parser error: ${e instanceof Error ? e.message : String(e)}` }), location: { file: m.file, row: 1, col: 1 } });
    }
  }
  if (errors.length) return { ok: false, errors };
  const compiler = new Compiler();
  compiler.annotations = new AnnotationIndex(parsed.map((module, i) => ({ module, source: modules[i].source })));
  try {
    compiler.compileModules(parsed);
  } catch (e) {
    if (e instanceof RegoFailure) errors.push(e.error);
    else errors.push(resourceError(e, "compilation") ?? { code: "rego_compile_error", message: `internal compiler error: ${e instanceof Error ? e.message : String(e)}` });
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
