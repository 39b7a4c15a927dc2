/**
 * Rego numbers. Doubles and safe integers are plain JS numbers (the fast path);
 * integers beyond 2^53 are bigints so they round-trip exactly, as OPA's json.Number does.
 * Invariant: an integer within the safe range is always a `number`, never a `bigint`.
 */
export type RNumber = number | bigint;

export function isNumber(v: unknown): v is RNumber {
  return typeof v === "number" || typeof v === "bigint";
}

/** Brings a bigint back to a number when that is exact, keeping the invariant above. */
export function normalizeBigInt(b: bigint): RNumber {
  return b >= BigInt(Number.MIN_SAFE_INTEGER) && b <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(b) : b;
}

/** Parses a Rego/JSON number literal, exactly for integers of any size. */
export function parseNumber(text: string): RNumber | undefined {
  if (/^-?\d+$/.test(text)) {
    const n = Number(text);
    return Number.isSafeInteger(n) ? n : BigInt(text);
  }
  if (!/^-?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) return undefined;
  const n = Number(text);
  if (!Number.isFinite(n)) return undefined;
  return n;
}

/**
 * A Rego number literal: as `parseNumber`, but a literal beyond float64 (`2e308`), which is an
 * integer, becomes an exact bigint (up to 10k digits) instead of failing.
 */
export function parseNumberLiteral(text: string): RNumber | undefined {
  return parseNumber(text) ?? hugeInteger(text);
}

function hugeInteger(text: string): RNumber | undefined {
  const m = /^(-?)(\d*)\.?(\d*)[eE]\+?(\d+)$/.exec(text);
  if (!m) return undefined;
  const digits = (m[2] + m[3]).replace(/^0+/, "") || "0";
  const exp = Number(m[4]) - m[3].length;
  if (exp < 0 || exp > 10_000) return undefined;
  return normalizeBigInt(BigInt(m[1] + digits + "0".repeat(exp)));
}

export function isInteger(v: RNumber): boolean {
  return typeof v === "bigint" || Number.isInteger(v);
}

/** The value as a double (lossy for huge integers). */
export function toFloat(v: RNumber): number {
  return typeof v === "bigint" ? Number(v) : v;
}

/** The value as a bigint when it is an integer, else undefined. */
export function toBigInt(v: RNumber): bigint | undefined {
  if (typeof v === "bigint") return v;
  return Number.isInteger(v) ? BigInt(v) : undefined;
}

export function compareNumbers(a: RNumber, b: RNumber): number {
  if (typeof a === "number" && typeof b === "number") return a < b ? -1 : a > b ? 1 : 0;
  const ai = toBigInt(a);
  const bi = toBigInt(b);
  if (ai !== undefined && bi !== undefined) return ai < bi ? -1 : ai > bi ? 1 : 0;
  // One side is a non-integer double and the other a bigint: compare on the floor, then the fraction.
  const fa = toFloat(a);
  const fb = toFloat(b);
  return fa < fb ? -1 : fa > fb ? 1 : 0;
}

/** Canonical text of a number: equal numbers give equal text whatever their representation. */
export function formatNumber(v: RNumber): string {
  if (typeof v === "bigint") return v.toString();
  if (Number.isInteger(v) && !Number.isSafeInteger(v)) return BigInt(v).toString();
  if (Object.is(v, -0)) return "0";
  return String(v);
}

function exactIntOp(a: RNumber, b: RNumber, op: (x: bigint, y: bigint) => bigint): RNumber | undefined {
  const x = toBigInt(a);
  const y = toBigInt(b);
  return x === undefined || y === undefined ? undefined : normalizeBigInt(op(x, y));
}

export function add(a: RNumber, b: RNumber): RNumber {
  if (typeof a === "number" && typeof b === "number") {
    const r = a + b;
    if (Number.isSafeInteger(r) || !Number.isInteger(a) || !Number.isInteger(b)) return r;
  }
  return exactIntOp(a, b, (x, y) => x + y) ?? toFloat(a) + toFloat(b);
}

export function subtract(a: RNumber, b: RNumber): RNumber {
  if (typeof a === "number" && typeof b === "number") {
    const r = a - b;
    if (Number.isSafeInteger(r) || !Number.isInteger(a) || !Number.isInteger(b)) return r;
  }
  return exactIntOp(a, b, (x, y) => x - y) ?? toFloat(a) - toFloat(b);
}

export function multiply(a: RNumber, b: RNumber): RNumber {
  if (typeof a === "number" && typeof b === "number") {
    const r = a * b;
    if (Number.isSafeInteger(r) || !Number.isInteger(a) || !Number.isInteger(b)) return r;
  }
  return exactIntOp(a, b, (x, y) => x * y) ?? toFloat(a) * toFloat(b);
}
