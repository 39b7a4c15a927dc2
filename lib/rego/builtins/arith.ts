/**
 * Number arithmetic with OPA's results, shared by the operators (`+ - * / %`) and the number and
 * aggregate builtins.
 *
 * OPA keeps numbers as their decimal text and computes integers exactly (big.Int) and anything
 * else in a 64-bit-mantissa big.Float, printing the shortest decimal that round-trips. So
 * `0.1 + 0.2` is `0.3` in OPA, not JavaScript's `0.30000000000000004`. We get the same numbers by
 * computing non-integers on exact decimals (a bigint mantissa and a power of ten, taken from the
 * shortest decimal text of the double) and rounding once to a double at the end. Safe integers
 * stay on the plain-number fast path; other integers use bigints.
 */
import { normalizeBigInt, type RNumber } from "../value";
import { builtinError } from "./args";

/** A finite decimal: m × 10^e. */
interface Dec {
  readonly m: bigint;
  readonly e: number;
}

const TEN = 10n;

function toDec(x: RNumber): Dec {
  if (typeof x === "bigint") return { m: x, e: 0 };
  const s = String(x);
  let mant = s;
  let e = 0;
  const ei = s.indexOf("e");
  if (ei >= 0) {
    mant = s.slice(0, ei);
    e = Number(s.slice(ei + 1));
  }
  const dot = mant.indexOf(".");
  if (dot >= 0) {
    e -= mant.length - dot - 1;
    mant = mant.slice(0, dot) + mant.slice(dot + 1);
  }
  return { m: BigInt(mant), e };
}

/** Largest power of ten we turn into an exact integer (beyond it the double is used as is). */
const MAX_EXACT_EXPONENT = 400;

/** Rounds an exact decimal to a Rego number: an exact integer when it is one, else a double. */
function fromDec(m: bigint, e: number): RNumber {
  if (m === 0n) return 0;
  while (e < 0 && m % TEN === 0n) {
    m /= TEN;
    e++;
  }
  if (e >= 0) {
    if (e <= MAX_EXACT_EXPONENT) return normalizeBigInt(m * TEN ** BigInt(e));
    return finite(Number(`${m}e${e}`));
  }
  return finite(Number(`${m}e${e}`));
}

function finite(n: number): number {
  if (!Number.isFinite(n)) throw builtinError("arithmetic result out of range");
  return n === 0 ? 0 : n; // no -0
}

/**
 * The exact integer a number stands for, or undefined for a non-integer. A double beyond 2^53 is
 * read as its shortest decimal (1e300 is 10^300, as written), not as its binary expansion.
 */
function exactInt(v: RNumber): bigint | undefined {
  if (typeof v === "bigint") return v;
  if (Number.isSafeInteger(v)) return BigInt(v);
  if (!Number.isInteger(v)) return undefined;
  const d = toDec(v);
  return d.e >= 0 ? d.m * TEN ** BigInt(d.e) : undefined;
}

function alignedAddSub(a: RNumber, b: RNumber, sub: boolean): RNumber {
  const x = toDec(a);
  const y = toDec(b);
  const e = Math.min(x.e, y.e);
  const xm = x.m * TEN ** BigInt(x.e - e);
  const ym = y.m * TEN ** BigInt(y.e - e);
  return fromDec(sub ? xm - ym : xm + ym, e);
}

function isSafeInt(v: RNumber): v is number {
  return typeof v === "number" && Number.isSafeInteger(v);
}

const POW10: readonly number[] = Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));
const MAX_SAFE = Number.MAX_SAFE_INTEGER;
const MANTISSA_LIMIT = 2 ** 50;

/**
 * Fast path for short decimals: the smallest k ≤ 15 such that x is the double nearest m / 10^k
 * for an integer |m| ≤ 2^50 (then m is x's shortest decimal mantissa and exact arithmetic on m
 * needs no bigints); -1 if none.
 */
function decimalScale(x: number): number {
  for (let k = 0; k <= 15; k++) {
    // x·10^k is within 2^-52 relative of the mantissa, so rounding recovers it while it is below 2^50.
    const m = Math.round(x * POW10[k]);
    if (Math.abs(m) > MANTISSA_LIMIT) return -1;
    if (m / POW10[k] === x) return k;
  }
  return -1;
}

/** a ± b on short decimals with one rounding, or undefined when the fast path does not apply. */
function fastAddSub(a: number, b: number, sub: boolean): number | undefined {
  const ka = decimalScale(a);
  if (ka < 0) return undefined;
  const kb = decimalScale(b);
  if (kb < 0) return undefined;
  const k = Math.max(ka, kb);
  const ma = Math.round(a * POW10[ka]) * POW10[k - ka];
  const mb = Math.round(b * POW10[kb]) * POW10[k - kb];
  if (Math.abs(ma) > MAX_SAFE || Math.abs(mb) > MAX_SAFE) return undefined;
  const m = sub ? ma - mb : ma + mb;
  if (Math.abs(m) > MAX_SAFE) return undefined;
  const r = m / POW10[k];
  return r === 0 ? 0 : r;
}

function fastTimes(a: number, b: number): number | undefined {
  const ka = decimalScale(a);
  if (ka < 0) return undefined;
  const kb = decimalScale(b);
  if (kb < 0) return undefined;
  if (ka + kb > 22) return undefined;
  const m = Math.round(a * POW10[ka]) * Math.round(b * POW10[kb]);
  if (Math.abs(m) > MAX_SAFE) return undefined;
  const r = m / POW10[ka + kb];
  return r === 0 ? 0 : r;
}

function fastDivide(a: number, b: number): number | undefined {
  const ka = decimalScale(a);
  if (ka < 0) return undefined;
  const kb = decimalScale(b);
  if (kb < 0) return undefined;
  let ma = Math.round(a * POW10[ka]);
  let mb = Math.round(b * POW10[kb]);
  if (kb >= ka) ma *= POW10[kb - ka];
  else mb *= POW10[ka - kb];
  if (Math.abs(ma) > MAX_SAFE || Math.abs(mb) > MAX_SAFE) return undefined;
  const r = ma / mb;
  return r === 0 ? 0 : r;
}

export function plus(a: RNumber, b: RNumber): RNumber {
  if (isSafeInt(a) && isSafeInt(b)) {
    const r = a + b;
    if (Number.isSafeInteger(r)) return r;
  }
  const x = exactInt(a);
  const y = exactInt(b);
  if (x !== undefined && y !== undefined) return normalizeBigInt(x + y);
  if (typeof a === "number" && typeof b === "number") {
    const r = fastAddSub(a, b, false);
    if (r !== undefined) return r;
  }
  return alignedAddSub(a, b, false);
}

export function minus(a: RNumber, b: RNumber): RNumber {
  if (isSafeInt(a) && isSafeInt(b)) {
    const r = a - b;
    if (Number.isSafeInteger(r)) return r;
  }
  const x = exactInt(a);
  const y = exactInt(b);
  if (x !== undefined && y !== undefined) return normalizeBigInt(x - y);
  if (typeof a === "number" && typeof b === "number") {
    const r = fastAddSub(a, b, true);
    if (r !== undefined) return r;
  }
  return alignedAddSub(a, b, true);
}

export function times(a: RNumber, b: RNumber): RNumber {
  if (isSafeInt(a) && isSafeInt(b)) {
    const r = a * b;
    if (Number.isSafeInteger(r)) return r === 0 ? 0 : r;
  }
  const x = exactInt(a);
  const y = exactInt(b);
  if (x !== undefined && y !== undefined) return normalizeBigInt(x * y);
  if (typeof a === "number" && typeof b === "number") {
    const r = fastTimes(a, b);
    if (r !== undefined) return r;
  }
  const dx = toDec(a);
  const dy = toDec(b);
  return fromDec(dx.m * dy.m, dx.e + dy.e);
}

function isZero(v: RNumber): boolean {
  return typeof v === "bigint" ? v === 0n : v === 0;
}

/** Significant digits computed for an inexact quotient (a double needs 17). */
const QUOTIENT_DIGITS = 24;

function digits(m: bigint): number {
  return (m < 0n ? -m : m).toString().length;
}

/**
 * `/`: an integer when the divisor divides a non-zero dividend exactly (`4 / 2` is `2`),
 * otherwise the correctly rounded decimal quotient (`1 / 3` is `0.3333333333333333`).
 */
export function divide(a: RNumber, b: RNumber): RNumber {
  if (isZero(b)) throw builtinError("divide by zero");
  if (isSafeInt(a) && isSafeInt(b)) {
    // Exact doubles: JavaScript's quotient is the correctly rounded exact one.
    return finite(a / b);
  }
  if (typeof a === "number" && typeof b === "number") {
    const r = fastDivide(a, b);
    if (r !== undefined && Number.isFinite(r)) return r;
  }
  const x = toDec(a);
  const y = toDec(b);
  if (x.m === 0n) return 0;
  const k = Math.max(0, QUOTIENT_DIGITS + digits(y.m) - digits(x.m));
  const num = x.m * TEN ** BigInt(k);
  const q = num / y.m;
  const e = x.e - y.e - k;
  if (num % y.m === 0n) return fromDec(q, e);
  return finite(Number(`${q}e${e}`));
}

/** `%`: integers only, with the sign of the dividend (Go's and JavaScript's remainder). */
export function remainder(a: RNumber, b: RNumber): RNumber {
  if (isSafeInt(a) && isSafeInt(b)) {
    if (b === 0) throw builtinError("modulo by zero");
    const r = a % b;
    return r === 0 ? 0 : r;
  }
  const x = exactInt(a);
  const y = exactInt(b);
  if (x === undefined || y === undefined) throw builtinError("modulo on floating-point number");
  if (y === 0n) throw builtinError("modulo by zero");
  return normalizeBigInt(x % y);
}

export function absolute(a: RNumber): RNumber {
  if (typeof a === "bigint") return a < 0n ? -a : a;
  return Math.abs(a);
}

/** Rounds half away from zero, as OPA's `round`. */
export function roundHalfAway(a: RNumber): RNumber {
  if (typeof a === "bigint") return a;
  const r = Math.sign(a) * Math.round(Math.abs(a));
  return r === 0 ? 0 : r;
}

export function ceiling(a: RNumber): RNumber {
  if (typeof a === "bigint") return a;
  const r = Math.ceil(a);
  return r === 0 ? 0 : r;
}

export function flooring(a: RNumber): RNumber {
  if (typeof a === "bigint") return a;
  const r = Math.floor(a);
  return r === 0 ? 0 : r;
}

/**
 * Sum of numbers, as OPA's `sum`: exact for integers, and for other numbers an exact decimal sum
 * rounded once (OPA accumulates in a wide float and rounds at the end).
 */
export function sumAll(ns: readonly RNumber[]): RNumber {
  let small = 0;
  let i = 0;
  for (; i < ns.length; i++) {
    const n = ns[i];
    if (!isSafeInt(n)) break;
    const s = small + n;
    if (!Number.isSafeInteger(s)) break;
    small = s;
  }
  if (i === ns.length) return small;
  const fast = fastSum(ns);
  if (fast !== undefined) return fast;
  let big = BigInt(small);
  let j = i;
  for (; j < ns.length; j++) {
    const b = exactInt(ns[j]);
    if (b === undefined) break;
    big += b;
  }
  if (j === ns.length) return normalizeBigInt(big);
  let m = big;
  let e = 0;
  for (; j < ns.length; j++) {
    const d = toDec(ns[j]);
    if (d.e < e) {
      m *= TEN ** BigInt(e - d.e);
      e = d.e;
    }
    m += d.m * TEN ** BigInt(d.e - e);
  }
  return fromDec(m, e);
}

/** Sum of short decimals on scaled safe integers, or undefined when they do not fit. */
function fastSum(ns: readonly RNumber[]): number | undefined {
  let k = 0;
  const scales: number[] = new Array(ns.length);
  for (let i = 0; i < ns.length; i++) {
    const n = ns[i];
    if (typeof n !== "number") return undefined;
    const ki = decimalScale(n);
    if (ki < 0) return undefined;
    scales[i] = ki;
    if (ki > k) k = ki;
  }
  let m = 0;
  for (let i = 0; i < ns.length; i++) {
    const mi = Math.round((ns[i] as number) * POW10[scales[i]]) * POW10[k - scales[i]];
    if (Math.abs(mi) > MAX_SAFE) return undefined;
    m += mi;
    if (Math.abs(m) > MAX_SAFE) return undefined;
  }
  const r = m / POW10[k];
  return r === 0 ? 0 : r;
}
