/**
 * Number builtins: `abs`, `ceil`, `floor`, `round`, `numbers.range`, `numbers.range_step`,
 * `format_int` and `to_number`, with OPA's results and error wording.
 */
import { isNumeric, normalizeBigInt, parseNumber, toBigInt, type RNumber, type Value } from "../value";
import { argBigInt, argNumber, builtinError, operandTypeError } from "./args";
import { absolute, ceiling, flooring, roundHalfAway } from "./arith";
import { BuiltinError, type BuiltinContext, type BuiltinDef } from "./registry";
import { T } from "./types";

/**
 * Longest array `numbers.range` builds. OPA has no such limit but can cancel a long range; a
 * synchronous builtin cannot be interrupted by the evaluator's deadline, so a huge range is an
 * error here rather than an out-of-memory crash of the server.
 */
export const MAX_RANGE_LENGTH = 10_000_000;

function range(from: bigint, to: bigint, step: bigint, ctx: BuiltinContext, name: string): Value {
  const span = from <= to ? to - from : from - to;
  const length = span / step + 1n;
  // the evaluation's step limit applies before anything is allocated
  ctx.charge?.(length > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(length), `${name} of ${length} numbers`);
  if (length > BigInt(MAX_RANGE_LENGTH)) {
    throw builtinError(`range of more than ${MAX_RANGE_LENGTH} numbers`);
  }
  const out: RNumber[] = [];
  const safe = (x: bigint) => x >= BigInt(Number.MIN_SAFE_INTEGER) && x <= BigInt(Number.MAX_SAFE_INTEGER);
  if (safe(from) && safe(to)) {
    let i = Number(from);
    const end = Number(to);
    const s = Number(step);
    if (i <= end) for (; i <= end; i += s) out.push(i);
    else for (; i >= end; i -= s) out.push(i);
    return out;
  }
  if (from <= to) for (let i = from; i <= to; i += step) out.push(normalizeBigInt(i));
  else for (let i = from; i >= to; i -= step) out.push(normalizeBigInt(i));
  return out;
}

function unary(name: string, op: (a: RNumber) => RNumber): BuiltinDef {
  return { name, decl: { args: [T.number], result: T.number }, impl: (args) => op(argNumber(args, 0)) };
}

const RADIX: Record<string, number> = { "2": 2, "8": 8, "10": 10, "16": 16 };

function formatInt(args: readonly Value[]): Value {
  const n = argNumber(args, 0);
  const base = argNumber(args, 1);
  const radix = RADIX[String(base)];
  if (radix === undefined) throw new BuiltinError("eval_type_error", "operand 2 must be one of {2, 8, 10, 16}");
  const i = typeof n === "bigint" ? n : BigInt(Math.trunc(n));
  return i.toString(radix);
}

/** Go's `strconv.ParseFloat` syntax for a hexadecimal float (`0x1.8p3`); undefined if not one. */
function parseHexFloat(s: string): number | undefined {
  const m = /^([+-]?)0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?[pP]([+-]?\d+)$/.exec(s);
  if (!m || (m[2] === "" && (m[3] ?? "") === "")) return undefined;
  const frac = m[3] ?? "";
  const mant = parseInt(m[2] + frac || "0", 16);
  const v = mant * Math.pow(2, Number(m[4]) - 4 * frac.length);
  return m[1] === "-" ? -v : v;
}

function toNumber(args: readonly Value[]): Value {
  const v = args[0];
  if (v === null) return 0;
  if (typeof v === "boolean") return v ? 1 : 0;
  if (isNumeric(v)) return v;
  if (typeof v !== "string") throw operandTypeError(1, v, "null", "boolean", "number", "string");
  const special = v.replace(/^[+-]+/, "").toLowerCase();
  if (special === "inf" || special === "infinity" || special === "nan") {
    throw operandTypeError(1, v, "valid number string");
  }
  const text = v.startsWith("+") ? v.slice(1) : v;
  const n = parseNumber(text);
  if (n !== undefined) return n;
  const h = parseHexFloat(v);
  if (h !== undefined && Number.isFinite(h)) return h === 0 ? 0 : h;
  if (h !== undefined || /^-?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) {
    throw builtinError(`strconv.ParseFloat: parsing ${JSON.stringify(v)}: value out of range`);
  }
  throw builtinError(`strconv.ParseFloat: parsing ${JSON.stringify(v)}: invalid syntax`);
}

export const builtins: BuiltinDef[] = [
  unary("abs", absolute),
  unary("ceil", ceiling),
  unary("floor", flooring),
  unary("round", roundHalfAway),
  {
    name: "numbers.range",
    decl: { args: [T.number, T.number], result: T.array(T.number) },
    impl: (args, ctx) => range(argBigInt(args, 0), argBigInt(args, 1), 1n, ctx, "numbers.range"),
  },
  {
    name: "numbers.range_step",
    decl: { args: [T.number, T.number, T.number], result: T.array(T.number) },
    impl: (args, ctx) => {
      const from = argBigInt(args, 0);
      const to = argBigInt(args, 1);
      const step = argBigInt(args, 2);
      if (step <= 0n) throw builtinError("step must be a positive number above zero");
      return range(from, to, step, ctx, "numbers.range_step");
    },
  },
  { name: "format_int", decl: { args: [T.number, T.number], result: T.string }, impl: formatInt },
  {
    name: "to_number",
    decl: { args: [T.union(T.null, T.boolean, T.number, T.string)], result: T.number },
    impl: toNumber,
  },
];
