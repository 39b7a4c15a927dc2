/**
 * Rego numbers. Doubles and safe integers are plain JS numbers (the fast path);
 * integers beyond 2^53 are bigints so they round-trip exactly, as OPA's json.Number does.
 * Invariant: an integer within the safe range is always a `number`, never a `bigint`.
 */
export type RNumber = number | bigint;

/**
 * A decimal literal that float64 cannot hold (`1e-400`, `0.1000000000000000001`): OPA keeps
 * such numbers exact and compares them exactly (big.Rat), so they are kept as
 * `unscaled × 10^exp` for comparison and keys, with their literal text for printing. Builtins
 * taking numbers see `approx`, the nearest double. Never equal to a double or an integer (those
 * literals parse as numbers and bigints).
 */
export class BigDecimal {
  /** Canonical text (`#<unscaled>e<exp>`, no trailing zeros), as keyOf needs. */
  readonly key: string;
  constructor(
    readonly unscaled: bigint,
    readonly exp: number,
    readonly text: string,
    readonly approx: number,
  ) {
    this.key = `#${unscaled}e${exp}`;
  }
}

/** Any Rego number, the exact decimals included. */
export type Numeric = RNumber | BigDecimal;

export function isNumeric(v: unknown): v is Numeric {
  return typeof v === "number" || typeof v === "bigint" || v instanceof BigDecimal;
}

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
 * integer, becomes an exact bigint (up to 10k digits) instead of failing, and a decimal that no
 * double holds exactly (`1e-400`) an exact BigDecimal.
 */
export function parseNumberLiteral(text: string): Numeric | undefined {
  const n = parseNumber(text);
  if (n === undefined) return hugeInteger(text);
  if (typeof n === "bigint" || String(n) === text) return n;
  return exactDecimal(text, n);
}

/** `n` when its shortest text has the literal's value, else the exact value. */
function exactDecimal(text: string, n: number): Numeric {
  const d = decimalParts(text);
  if (d === undefined || Math.abs(d.exp) > 10_000) return n;
  const shortest = decimalParts(String(n))!;
  if (shortest.unscaled === d.unscaled && shortest.exp === d.exp) return n;
  if (d.exp >= 0) return normalizeBigInt(d.unscaled * 10n ** BigInt(d.exp));
  return new BigDecimal(d.unscaled, d.exp, text, n);
}

/** `unscaled × 10^exp` of a decimal text, without trailing zeros in `unscaled`. */
function decimalParts(text: string): { unscaled: bigint; exp: number } | undefined {
  const m = /^(-?)(\d*)\.?(\d*)(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!m) return undefined;
  let digits = (m[2] + m[3]).replace(/^0+/, "");
  let exp = Number(m[4] ?? 0) - m[3].length;
  if (digits === "") return { unscaled: 0n, exp: 0 };
  const trimmed = digits.replace(/0+$/, "");
  exp += digits.length - trimmed.length;
  digits = trimmed;
  return { unscaled: BigInt(m[1] + digits), exp };
}

/** A number as a fraction `p / q` (q > 0); a double counts as its shortest decimal text, as OPA reads the literal `0.1`. */
function rational(v: Numeric): [bigint, bigint] {
  if (typeof v === "bigint") return [v, 1n];
  const d = v instanceof BigDecimal ? v : decimalParts(String(v))!;
  return d.exp >= 0 ? [d.unscaled * 10n ** BigInt(d.exp), 1n] : [d.unscaled, 10n ** BigInt(-d.exp)];
}

function compareRational([p1, q1]: [bigint, bigint], [p2, q2]: [bigint, bigint]): number {
  const l = p1 * q2;
  const r = p2 * q1;
  return l < r ? -1 : l > r ? 1 : 0;
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

/** The value as a double (lossy for huge integers and exact decimals). */
export function toFloat(v: Numeric): number {
  return typeof v === "bigint" ? Number(v) : v instanceof BigDecimal ? v.approx : v;
}

/** The value as a bigint when it is an integer, else undefined. */
export function toBigInt(v: RNumber): bigint | undefined {
  if (typeof v === "bigint") return v;
  return Number.isInteger(v) ? BigInt(v) : undefined;
}

export function compareNumbers(a: Numeric, b: Numeric): number {
  if (typeof a === "number" && typeof b === "number") return a < b ? -1 : a > b ? 1 : 0;
  if (a instanceof BigDecimal || b instanceof BigDecimal) return compareRational(rational(a), rational(b));
  const ai = toBigInt(a);
  const bi = toBigInt(b);
  if (ai !== undefined && bi !== undefined) return ai < bi ? -1 : ai > bi ? 1 : 0;
  // One side is a non-integer double and the other a bigint: compare on the floor, then the fraction.
  const fa = toFloat(a);
  const fb = toFloat(b);
  return fa < fb ? -1 : fa > fb ? 1 : 0;
}

/** Canonical text of a number: equal numbers give equal text whatever their representation (an exact decimal prints as written, as OPA). */
export function formatNumber(v: Numeric): string {
  if (typeof v === "bigint") return v.toString();
  if (v instanceof BigDecimal) return v.text;
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

export function multiply(a: RNumber, b: RNumber): RNumber {
  if (typeof a === "number" && typeof b === "number") {
    const r = a * b;
    if (Number.isSafeInteger(r) || !Number.isInteger(a) || !Number.isInteger(b)) return r;
  }
  return exactIntOp(a, b, (x, y) => x * y) ?? toFloat(a) * toFloat(b);
}
