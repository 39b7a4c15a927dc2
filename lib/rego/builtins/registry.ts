import type { Value } from "../value";
import type { BuiltinDecl } from "./types";

/** Per-query state shared by builtin calls; created by the evaluator for each query. */
export interface BuiltinContext {
  /** When true, builtin errors are errors; otherwise they make the call undefined (OPA's default). */
  readonly strict: boolean;
  /** `time.now_ns()`: fixed for the whole query, as OPA does. */
  readonly nowNs: bigint;
  /** Memo for builtins that cache per query (e.g. compiled regular expressions). */
  readonly cache: Map<string, unknown>;
  /**
   * Evaluation limits: a builtin about to build `n` values from small arguments (`numbers.range`)
   * charges them as `n` steps first, so a runaway call stops with `eval_limit_error` instead of
   * exhausting memory. Throws when a limit is exceeded. Absent outside an evaluation.
   */
  readonly charge?: (n: number, what: string) => void;
}

/** Returns the result, or `undefined` for an undefined call. Throws BuiltinError on error. */
export type BuiltinImpl = (args: readonly Value[], ctx: BuiltinContext) => Value | undefined;

export interface BuiltinDef {
  /** Full name as written in Rego, e.g. `count`, `object.get`, `plus`. */
  readonly name: string;
  readonly decl: BuiltinDecl;
  readonly impl: BuiltinImpl;
  /** Operator spelling, e.g. `+` for `plus`, `==` for `equal`. */
  readonly infix?: string;
  /** Results vary between calls with the same arguments (`time.now_ns`, `rand.intn`...): never memoised. */
  readonly nondeterministic?: boolean;
  /**
   * A relation (OPA's `Relation: true`, today only `walk`): one call has any number of solutions.
   * `impl` then returns a JS array holding one output value per solution, in OPA's order (an empty
   * array: no solution; it never returns undefined). The evaluator unifies the call's output term
   * (the argument after `decl.args`, e.g. `[path, value]` in `walk(x, [path, value])`) with each
   * element in turn, backtracking between them, exactly as it iterates a collection.
   */
  readonly relation?: true;
  /**
   * Set when the builtin works only under a condition (e.g. network builtins only reach
   * allow-listed hosts) and fails with `eval_builtin_error` otherwise: the condition, in words,
   * for the README's builtin table.
   */
  readonly restriction?: string;
}

export type BuiltinErrorCode = "eval_builtin_error" | "eval_type_error";

/** Thrown inside builtins; the evaluator turns it into a located error value or an undefined result. */
export class BuiltinError extends Error {
  constructor(
    readonly code: BuiltinErrorCode,
    message: string,
  ) {
    super(message);
  }
}

const registry = new Map<string, BuiltinDef>();

/**
 * Registers the complete builtin set in one call, so a name defined by two families is caught
 * here, while a second call (the dev server re-running the families' index on hot reload)
 * replaces the earlier definitions instead of failing.
 */
export function registerBuiltins(defs: readonly BuiltinDef[]): void {
  const seen = new Set<string>();
  for (const def of defs) {
    if (seen.has(def.name)) throw new Error(`builtin ${def.name} defined twice`);
    seen.add(def.name);
  }
  for (const def of defs) registry.set(def.name, def);
}

export function lookupBuiltin(name: string): BuiltinDef | undefined {
  return registry.get(name);
}

export function allBuiltins(): IterableIterator<BuiltinDef> {
  return registry.values();
}
