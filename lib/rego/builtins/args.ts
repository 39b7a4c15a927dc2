/**
 * Argument checks shared by builtin families. Messages follow OPA's wording
 * ("operand 2 must be string but got number"); the evaluator prefixes the builtin's name.
 */
import { BigDecimal, isInteger, isNumber, RObject, RSet, toBigInt, typeName, type RNumber, type TypeName, type Value } from "../value";
import { BuiltinError } from "./registry";

export function operandTypeError(pos: number, got: Value, ...expected: string[]): BuiltinError {
  const want = expected.length === 1 ? expected[0] : `one of {${expected.join(", ")}}`;
  return new BuiltinError("eval_type_error", `operand ${pos} must be ${want} but got ${typeName(got)}`);
}

/** A builtin failure that is not about types (bad format, divide by zero...). */
export function builtinError(message: string): BuiltinError {
  return new BuiltinError("eval_builtin_error", message);
}

function check<T extends Value>(args: readonly Value[], i: number, ok: (v: Value) => v is T, ...expected: TypeName[]): T {
  const v = args[i];
  if (!ok(v)) throw operandTypeError(i + 1, v, ...expected);
  return v;
}

const isStr = (v: Value): v is string => typeof v === "string";
const isArr = (v: Value): v is readonly Value[] => Array.isArray(v);
const isObj = (v: Value): v is RObject => v instanceof RObject;
const isSet = (v: Value): v is RSet => v instanceof RSet;
const isBool = (v: Value): v is boolean => typeof v === "boolean";

export const argString = (args: readonly Value[], i: number): string => check(args, i, isStr, "string");
// an exact decimal (`1e-400`) takes part in arithmetic as its nearest double
export const argNumber = (args: readonly Value[], i: number): RNumber => {
  const v = args[i];
  return v instanceof BigDecimal ? v.approx : check(args, i, isNumber, "number");
};
export const argBoolean = (args: readonly Value[], i: number): boolean => check(args, i, isBool, "boolean");
export const argArray = (args: readonly Value[], i: number): readonly Value[] => check(args, i, isArr, "array");
export const argObject = (args: readonly Value[], i: number): RObject => check(args, i, isObj, "object");
export const argSet = (args: readonly Value[], i: number): RSet => check(args, i, isSet, "set");

/** An integer operand, as OPA requires for e.g. `numbers.range` and `substring`. */
export function argInteger(args: readonly Value[], i: number): RNumber {
  const n = argNumber(args, i);
  if (!isInteger(n)) {
    throw new BuiltinError("eval_type_error", `operand ${i + 1} must be integer number but got floating-point number`);
  }
  return n;
}

/** An integer operand as OPA's `BigIntOperand` checks it (`numbers.range`, `bits.*`). */
export function argBigInt(args: readonly Value[], i: number): bigint {
  const v = args[i];
  if (!isNumber(v)) throw operandTypeError(i + 1, v, "integer");
  const b = toBigInt(v);
  if (b === undefined) {
    throw new BuiltinError("eval_type_error", `operand ${i + 1} must be integer number but got floating-point number`);
  }
  return b;
}
