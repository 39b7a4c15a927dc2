/**
 * Aggregates: `count`, `sum`, `product`, `max`, `min`, `sort`, `all`, `any`, and the membership
 * tests behind the `in` operator (`internal.member_2` for `x in xs`, `internal.member_3` for
 * `k, v in xs`), as OPA registers them.
 */
import { BigDecimal, compare, equal, isNumber, RObject, RSet, typeName, type RNumber, type Value } from "../value";
import { operandTypeError } from "./args";
import { sumAll, times } from "./arith";
import { runeCount } from "./gotext";
import { BuiltinError, type BuiltinDef } from "./registry";
import { T } from "./types";

/** Members of an array or set operand; `expected` names the kinds in the error, in OPA's order. */
function collection(args: readonly Value[], ...expected: string[]): readonly Value[] {
  const v = args[0];
  if (Array.isArray(v)) return v;
  if (v instanceof RSet) return v.values();
  throw operandTypeError(1, v, ...expected);
}

/** The members as numbers, or OPA's element error ("must be array of numbers but got array containing string"). */
function numbers(args: readonly Value[]): RNumber[] {
  const items = collection(args, "set", "array");
  const kind = typeName(args[0]);
  // Arithmetic runs on doubles and integers: an exact decimal counts as its nearest double.
  return items.map((x) => {
    if (x instanceof BigDecimal) return x.approx;
    if (!isNumber(x)) {
      throw new BuiltinError("eval_type_error", `operand 1 must be ${kind} of numbers but got ${kind} containing ${typeName(x)}`);
    }
    return x;
  });
}

function count(args: readonly Value[]): Value {
  const v = args[0];
  if (typeof v === "string") return runeCount(v);
  if (Array.isArray(v)) return v.length;
  if (v instanceof RObject || v instanceof RSet) return v.size;
  throw operandTypeError(1, v, "array", "object", "set", "string");
}

function max(args: readonly Value[]): Value | undefined {
  const v = args[0];
  if (v instanceof RSet) return v.size === 0 ? undefined : v.values()[v.size - 1];
  const items = collection(args, "set", "array");
  if (items.length === 0) return undefined;
  let best = items[0];
  for (const x of items) if (compare(best, x) <= 0) best = x;
  return best;
}

function min(args: readonly Value[]): Value | undefined {
  const v = args[0];
  if (v instanceof RSet) return v.size === 0 ? undefined : v.values()[0];
  const items = collection(args, "set", "array");
  if (items.length === 0) return undefined;
  let best = items[0];
  for (const x of items) if (compare(best, x) >= 0) best = x;
  return best;
}

function sort(args: readonly Value[]): Value {
  const v = args[0];
  if (v instanceof RSet) return v.values().slice();
  return collection(args, "set", "array").slice().sort(compare);
}

/** `x in xs`: membership among set members, array elements or object values; false for other kinds. */
export function member(x: Value, xs: Value): boolean {
  if (xs instanceof RSet) return xs.has(x);
  if (Array.isArray(xs)) return xs.some((y) => equal(x, y));
  if (xs instanceof RObject) return xs.values().some((y) => equal(x, y));
  return false;
}

/** `k, v in xs`: `xs[k]` is `v` (for a set, `k` and `v` are the same member). */
export function memberWithKey(k: Value, v: Value, xs: Value): boolean {
  if (xs instanceof RSet) return xs.has(k) && equal(k, v);
  if (xs instanceof RObject) {
    const got = xs.get(k);
    return got !== undefined && equal(got, v);
  }
  if (Array.isArray(xs)) {
    if (typeof k !== "number" || !Number.isInteger(k) || k < 0 || k >= xs.length) return false;
    return equal(xs[k], v);
  }
  return false;
}

const collectionType = T.union(T.set(), T.array());

export const builtins: BuiltinDef[] = [
  {
    name: "count",
    decl: { args: [T.union(T.set(), T.array(), T.object(), T.string)], result: T.number },
    impl: count,
  },
  {
    name: "sum",
    decl: { args: [T.union(T.set(T.number), T.array(T.number))], result: T.number },
    impl: (args) => sumAll(numbers(args)),
  },
  {
    name: "product",
    decl: { args: [T.union(T.set(T.number), T.array(T.number))], result: T.number },
    impl: (args) => numbers(args).reduce<RNumber>((acc, n) => times(acc, n), 1),
  },
  { name: "max", decl: { args: [collectionType], result: T.any }, impl: max },
  { name: "min", decl: { args: [collectionType], result: T.any }, impl: min },
  { name: "sort", decl: { args: [T.union(T.array(), T.set())], result: T.array() }, impl: sort },
  {
    name: "all",
    decl: { args: [collectionType], result: T.boolean },
    impl: (args) => collection(args, "array", "set").every((x) => x === true),
  },
  {
    name: "any",
    decl: { args: [collectionType], result: T.boolean },
    impl: (args) => {
      const v = args[0];
      if (v instanceof RSet) return v.has(true);
      return collection(args, "array", "set").some((x) => x === true);
    },
  },
  {
    name: "internal.member_2",
    decl: { args: [T.any, T.any], result: T.boolean },
    impl: ([x, xs]) => member(x, xs),
  },
  {
    name: "internal.member_3",
    decl: { args: [T.any, T.any, T.any], result: T.boolean },
    impl: ([k, v, xs]) => memberWithKey(k, v, xs),
  },
];
