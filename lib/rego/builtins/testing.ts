/** Helpers for builtin unit tests: call a builtin by name on Values, as the evaluator would. */
import { fromJSON, RSet, toJSON, type Value } from "../value";
import { BuiltinError, lookupBuiltin, type BuiltinContext } from ".";

/** Strict, so a builtin's error surfaces as BuiltinError; a fixed clock and a fresh cache. */
export const ctx: BuiltinContext = { strict: true, nowNs: 0n, cache: new Map() };

export const call = (name: string, ...args: Value[]) => lookupBuiltin(name)!.impl(args, ctx);

/** The result as plain JSON (sets as sorted arrays), or undefined. */
export const json = (name: string, ...args: Value[]) => {
  const r = call(name, ...args);
  return r === undefined ? undefined : toJSON(r);
};

/** `"<code>: <message>"` of the call's BuiltinError; throws when the call does not fail. */
export const fails = (name: string, ...args: Value[]) => {
  try {
    call(name, ...args);
  } catch (e) {
    if (e instanceof BuiltinError) return `${e.code}: ${e.message}`;
    throw e;
  }
  throw new Error(`${name} did not fail`);
};

export const s = (...xs: Value[]) => RSet.of(xs);
export const o = (x: unknown) => fromJSON(x);
