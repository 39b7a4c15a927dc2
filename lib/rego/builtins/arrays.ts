/**
 * Array builtins: `array.concat`, `array.slice`, `array.reverse`, and `array.flatten`, which
 * splices the elements of array members one level deep (`array.flatten([a, [b, c]])` is
 * `[a, b, c]`), so it can stand for nested `array.concat` calls, as OPA documents it.
 */
import { isNumber, toBigInt, type Value } from "../value";
import { argArray, operandTypeError } from "./args";
import { BuiltinError, type BuiltinDef } from "./registry";
import { T } from "./types";

/** An index operand as OPA's `IntOperand` reads it, clamped to ±2^53 (enough for any array). */
function argIndex(args: readonly Value[], i: number): number {
  const v = args[i];
  if (!isNumber(v)) throw operandTypeError(i + 1, v, "number");
  const b = toBigInt(v);
  if (b === undefined) {
    throw new BuiltinError("eval_type_error", `operand ${i + 1} must be integer number but got floating-point number`);
  }
  return typeof v === "number" ? v : b < 0n ? Number.MIN_SAFE_INTEGER : Number.MAX_SAFE_INTEGER;
}

function slice(args: readonly Value[]): Value {
  const arr = argArray(args, 0);
  let start = argIndex(args, 1);
  let stop = argIndex(args, 2);
  if (stop < 0) stop = 0;
  else if (stop > arr.length) stop = arr.length;
  if (start < 0) start = 0;
  else if (start > stop) start = stop;
  return arr.slice(start, stop);
}

export const builtins: BuiltinDef[] = [
  {
    name: "array.concat",
    decl: { args: [T.array(), T.array()], result: T.array() },
    impl: (args) => {
      const a = argArray(args, 0);
      const b = argArray(args, 1);
      return b.length === 0 ? a : a.length === 0 ? b : [...a, ...b];
    },
  },
  {
    name: "array.slice",
    decl: { args: [T.array(), T.number, T.number], result: T.array() },
    impl: slice,
  },
  {
    name: "array.reverse",
    decl: { args: [T.array()], result: T.array() },
    impl: (args) => argArray(args, 0).slice().reverse(),
  },
  {
    name: "array.flatten",
    decl: { args: [T.array()], result: T.array() },
    impl: (args) => argArray(args, 0).flatMap((x) => (Array.isArray(x) ? (x as readonly Value[]) : [x])),
  },
];
