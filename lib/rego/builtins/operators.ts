/**
 * Infix operators: comparisons over the total order of values, arithmetic on numbers and the set
 * operators (`-` difference, `&` intersection, `|` union). Names and spellings as OPA's.
 */
import { compare, equal, isNumber, RSet, type RNumber, type Value } from "../value";
import { argNumber, argSet, operandTypeError } from "./args";
import { divide, minus, plus, remainder, times } from "./arith";
import type { BuiltinDef } from "./registry";
import { T } from "./types";

const cmpDecl = { args: [T.any, T.any], result: T.boolean };
const numDecl = { args: [T.number, T.number], result: T.number };
const setDecl = { args: [T.set(), T.set()], result: T.set() };

function comparison(name: string, infix: string, test: (c: number) => boolean): BuiltinDef {
  return { name, infix, decl: cmpDecl, impl: (args) => test(compare(args[0], args[1])) };
}

function arithmetic(name: string, infix: string, op: (a: RNumber, b: RNumber) => RNumber): BuiltinDef {
  return {
    name,
    infix,
    decl: numDecl,
    impl: (args) => op(argNumber(args, 0), argNumber(args, 1)),
  };
}

/** Members of `a` that are not in `b`. */
export function setDifference(a: RSet, b: RSet): RSet {
  const out = new RSet();
  for (const v of a.values()) if (!b.has(v)) out.add(v);
  return out;
}

export function setIntersection(a: RSet, b: RSet): RSet {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  const out = new RSet();
  for (const v of small.values()) if (large.has(v)) out.add(v);
  return out;
}

export function setUnion(a: RSet, b: RSet): RSet {
  if (b.size === 0) return a;
  if (a.size === 0) return b;
  const out = new RSet();
  for (const v of a.values()) out.add(v);
  for (const v of b.values()) out.add(v);
  return out;
}

function minusImpl(args: readonly Value[]): Value {
  const a = args[0];
  const b = args[1];
  const an = isNumber(a);
  const bn = isNumber(b);
  if (an && bn) return minus(a, b);
  const as = a instanceof RSet;
  const bs = b instanceof RSet;
  if (as && bs) return setDifference(a, b);
  if (!an && !as) throw operandTypeError(1, a, "number", "set");
  // The first operand is fine: the second must be of its kind.
  throw operandTypeError(2, b, an ? "number" : "set");
}

export const builtins: BuiltinDef[] = [
  { name: "equal", infix: "==", decl: cmpDecl, impl: (args) => equal(args[0], args[1]) },
  { name: "neq", infix: "!=", decl: cmpDecl, impl: (args) => !equal(args[0], args[1]) },
  comparison("lt", "<", (c) => c < 0),
  comparison("gt", ">", (c) => c > 0),
  comparison("lte", "<=", (c) => c <= 0),
  comparison("gte", ">=", (c) => c >= 0),
  arithmetic("plus", "+", plus),
  {
    name: "minus",
    infix: "-",
    decl: {
      args: [T.union(T.number, T.set()), T.union(T.number, T.set())],
      result: T.union(T.number, T.set()),
    },
    impl: minusImpl,
  },
  arithmetic("mul", "*", times),
  arithmetic("div", "/", divide),
  arithmetic("rem", "%", remainder),
  { name: "and", infix: "&", decl: setDecl, impl: (args) => setIntersection(argSet(args, 0), argSet(args, 1)) },
  { name: "or", infix: "|", decl: setDecl, impl: (args) => setUnion(argSet(args, 0), argSet(args, 1)) },
];
