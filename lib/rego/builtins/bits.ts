/**
 * `bits.*`: bitwise operations on integers of any size, as OPA computes them with Go's big.Int
 * (two's complement semantics for negative numbers: `bits.negate(x)` is `-x - 1`, `bits.rsh` of a
 * negative number rounds toward minus infinity).
 */
import { normalizeBigInt, type Value } from "../value";
import { argBigInt, builtinError } from "./args";
import type { BuiltinDef, BuiltinImpl } from "./registry";
import { T } from "./types";

const N = T.number;

const binary =
  (op: (a: bigint, b: bigint) => bigint): BuiltinImpl =>
  (args) =>
    normalizeBigInt(op(argBigInt(args, 0), argBigInt(args, 1)));

/**
 * Widest left shift: OPA has no bound, but a synchronous builtin cannot be stopped by the
 * evaluation's deadline once it allocates, so `bits.lsh(1, 1e12)` is an error here.
 */
export const MAX_SHIFT = 1n << 20n;

/** The shift count: a non-negative integer (OPA's wording). */
function shiftCount(args: readonly Value[]): bigint {
  const n = argBigInt(args, 1);
  if (n < 0n) throw builtinError("operand 2 must be an unsigned integer number but got a negative integer");
  return n;
}

export const builtins: BuiltinDef[] = [
  { name: "bits.and", decl: { args: [N, N], result: N }, impl: binary((a, b) => a & b) },
  { name: "bits.or", decl: { args: [N, N], result: N }, impl: binary((a, b) => a | b) },
  { name: "bits.xor", decl: { args: [N, N], result: N }, impl: binary((a, b) => a ^ b) },
  { name: "bits.negate", decl: { args: [N], result: N }, impl: (args) => normalizeBigInt(~argBigInt(args, 0)) },
  {
    name: "bits.lsh",
    decl: { args: [N, N], result: N },
    impl: (args, ctx) => {
      const a = argBigInt(args, 0);
      const n = shiftCount(args);
      if (a === 0n) return 0;
      if (n > MAX_SHIFT) throw builtinError(`shift by more than ${MAX_SHIFT} bits`);
      ctx.charge?.(Number(n / 64n), `bits.lsh by ${n}`);
      return normalizeBigInt(a << n);
    },
  },
  {
    name: "bits.rsh",
    decl: { args: [N, N], result: N },
    impl: (args) => {
      const a = argBigInt(args, 0);
      const n = shiftCount(args);
      // past the number's width only the sign remains
      return n > MAX_SHIFT ? (a < 0n ? -1 : 0) : normalizeBigInt(a >> n);
    },
  },
];
