/**
 * `sprintf` with Go's fmt semantics, as OPA calls fmt.Sprintf: numbers become Go `int` (within
 * int64), `*big.Int` (larger integers) or `float64`; strings stay strings; every other value is
 * passed as its Rego text (so `%v` of an array prints `["a", 1]` and `%d` of `true` prints
 * `%!d(string=true)`, exactly as OPA does).
 */
import { formatValue, isNumber, RObject, RSet, toBigInt, type Value } from "../value";
import { argString, operandTypeError } from "./args";
import { canBackquote, goQuote, goQuoteRune, isGoPrintable, runeCount, utf8Bytes } from "./gotext";
import type { BuiltinDef } from "./registry";
import { T } from "./types";

export type GoArg =
  | { readonly t: "int"; readonly v: bigint }
  | { readonly t: "big"; readonly v: bigint }
  | { readonly t: "float"; readonly v: number }
  | { readonly t: "string"; readonly v: string };

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

export function toGoArg(x: Value): GoArg {
  if (isNumber(x)) {
    // Doubles beyond 2^53 came from float literals or float arithmetic: Go sees a float64.
    if (typeof x === "number" && !Number.isSafeInteger(x)) return { t: "float", v: x };
    if (typeof x === "bigint" && !Number.isFinite(Number(x))) return { t: "string", v: beyondFloatText(x) };
    const b = toBigInt(x);
    if (b !== undefined) return b >= INT64_MIN && b <= INT64_MAX ? { t: "int", v: b } : { t: "big", v: b };
    return { t: "float", v: x as number };
  }
  if (typeof x === "string") return { t: "string", v: x };
  return { t: "string", v: regoText(x) };
}

/**
 * An integer beyond float64's range. OPA passes a number whose text is not an integer and not a
 * finite float64 as that text: such a number is almost always a literal like `2e308` (OPA's own
 * arithmetic writes integers as digits), so it prints in that scientific form. The engine keeps
 * the value, not the literal, so a 309-digit literal prints this way too (OPA would print digits).
 */
function beyondFloatText(b: bigint): string {
  const digits = (b < 0n ? -b : b).toString();
  const mantissa = digits.replace(/0+$/, "");
  const frac = mantissa.slice(1);
  return (b < 0n ? "-" : "") + mantissa[0] + (frac ? "." + frac : "") + "e" + (digits.length - 1);
}

/** A term's text as OPA's String() prints it: Rego syntax, strings quoted by strconv.Quote. */
export function regoText(v: Value): string {
  if (typeof v === "string") return goQuote(v);
  if (typeof v === "bigint" && !Number.isFinite(Number(v))) return beyondFloatText(v);
  if (Array.isArray(v)) return "[" + v.map(regoText).join(", ") + "]";
  if (v instanceof RSet) return v.size === 0 ? "set()" : "{" + v.values().map(regoText).join(", ") + "}";
  if (v instanceof RObject) return "{" + v.entries().map(([k, x]) => regoText(k) + ": " + regoText(x)).join(", ") + "}";
  return formatValue(v);
}

function goTypeName(a: GoArg): string {
  switch (a.t) {
    case "int":
      return "int";
    case "big":
      return "*big.Int";
    case "float":
      return "float64";
    default:
      return "string";
  }
}

interface Flags {
  plus: boolean;
  minus: boolean;
  sharp: boolean;
  space: boolean;
  zero: boolean;
  plusV: boolean;
  sharpV: boolean;
  wid: number;
  widPresent: boolean;
  prec: number;
  precPresent: boolean;
}

function newFlags(): Flags {
  return { plus: false, minus: false, sharp: false, space: false, zero: false, plusV: false, sharpV: false, wid: 0, widPresent: false, prec: 0, precPresent: false };
}

/** No flags, width or precision (never mutated). */
const PLAIN: Flags = Object.freeze(newFlags());

function padding(n: number, f: Flags): string {
  return n > 0 ? (f.zero ? "0" : " ").repeat(n) : "";
}

function pad(s: string, f: Flags): string {
  if (!f.widPresent || f.wid === 0) return s;
  const w = f.wid - runeCount(s);
  return f.minus ? s + (w > 0 ? " ".repeat(w) : "") : padding(w, f) + s;
}

// ---------------------------------------------------------------------------------------------
// Integers (Go int and *big.Int)

function fmtInteger(v: bigint, base: number, f: Flags, upper: boolean, unicode = false): string {
  if (f === PLAIN && !unicode && !upper) return v.toString(base);
  if (f.precPresent && f.prec === 0 && v === 0n) return pad("", f);
  const negative = v < 0n;
  let digits = (negative ? -v : v).toString(base);
  if (upper) digits = digits.toUpperCase();
  let prec = 0;
  let zero = f.zero;
  if (f.precPresent) {
    prec = f.prec;
    zero = false;
  } else if (f.zero && f.widPresent && !f.minus && f.wid > 0) {
    prec = f.wid;
    if (negative || f.plus || f.space) prec--;
  }
  if (digits.length < prec) digits = "0".repeat(prec - digits.length) + digits;
  if (f.sharp) {
    if (base === 8 && digits[0] !== "0") digits = "0" + digits;
    else if (base === 16) digits = (upper ? "0X" : "0x") + digits;
    else if (base === 2) digits = "0b" + digits;
  }
  if (unicode) digits = "U+" + digits;
  if (negative) digits = "-" + digits;
  else if (f.plus) digits = "+" + digits;
  else if (f.space) digits = " " + digits;
  return pad(digits, { ...f, zero });
}

function fmtIntVerb(a: GoArg & { v: bigint }, verb: string, f: Flags): string | undefined {
  const v = a.v;
  switch (verb) {
    case "v":
    case "d":
      return fmtInteger(v, 10, f, false);
    case "s":
      return a.t === "big" ? fmtInteger(v, 10, f, false) : undefined;
    case "b":
      return fmtInteger(v, 2, f, false);
    case "o":
      return fmtInteger(v, 8, f, false);
    case "O":
      if (a.t === "big") return undefined;
      return pad((v < 0n ? "-0o" : "0o") + (v < 0n ? -v : v).toString(8), f);
    case "x":
      return fmtInteger(v, 16, f, false);
    case "X":
      return fmtInteger(v, 16, f, true);
  }
  if (a.t === "big") return undefined;
  switch (verb) {
    case "c": {
      const cp = v < 0n || v > 0x10ffffn || (v >= 0xd800n && v <= 0xdfffn) ? 0xfffd : Number(v);
      return pad(String.fromCodePoint(cp), f);
    }
    case "q":
      return pad(goQuoteRune(v < 0n || v > 0x10ffffn ? 0xfffd : Number(v), f.plus), f);
    case "U": {
      let hex = (v < 0n ? -v : v).toString(16).toUpperCase();
      const prec = f.precPresent && f.prec > 4 ? f.prec : 4;
      if (hex.length < prec) hex = "0".repeat(prec - hex.length) + hex;
      let s = "U+" + hex;
      if (f.sharp && v >= 0n && v <= 0x10ffffn && isGoPrintable(Number(v))) s += " '" + String.fromCodePoint(Number(v)) + "'";
      return pad(s, { ...f, zero: false });
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Floats: Go's strconv.FormatFloat, with exact decimal rounding (half to even on the exact value)

interface Decimal {
  /** Significant digits without trailing zeros; "" for zero. */
  d: string;
  /** Decimal point position: value = 0.d × 10^dp. */
  dp: number;
}

/** Exact decimal expansion of a finite double's magnitude. */
function exactDecimal(x: number): Decimal {
  x = Math.abs(x);
  if (x === 0) return { d: "", dp: 0 };
  const buf = new DataView(new ArrayBuffer(8));
  buf.setFloat64(0, x);
  const hi = buf.getUint32(0);
  const lo = buf.getUint32(4);
  const bexp = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let e2: number;
  if (bexp === 0) e2 = -1074;
  else {
    mant |= 1n << 52n;
    e2 = bexp - 1075;
  }
  let digits: string;
  let dp: number;
  if (e2 >= 0) {
    digits = (mant << BigInt(e2)).toString();
    dp = digits.length;
  } else {
    digits = (mant * 5n ** BigInt(-e2)).toString();
    dp = digits.length + e2;
  }
  return trimDecimal({ d: digits, dp });
}

function trimDecimal(x: Decimal): Decimal {
  let d = x.d;
  let i = d.length;
  while (i > 0 && d[i - 1] === "0") i--;
  d = d.slice(0, i);
  let j = 0;
  while (j < d.length && d[j] === "0") j++;
  if (j === d.length) return { d: "", dp: 0 };
  return { d: d.slice(j), dp: x.dp - j };
}

/** Rounds to `nd` significant digits, half to even as Go's strconv does. */
function roundDecimal(x: Decimal, nd: number): Decimal {
  if (nd < 0 || nd >= x.d.length) return x;
  if (nd === 0 && x.d.length === 0) return x;
  const next = x.d.charCodeAt(nd) - 48;
  let up: boolean;
  if (next > 5) up = true;
  else if (next < 5) up = false;
  else if (nd + 1 < x.d.length) up = true;
  else up = nd > 0 && (x.d.charCodeAt(nd - 1) - 48) % 2 === 1;
  if (!up) return trimDecimal({ d: x.d.slice(0, nd), dp: x.dp });
  // Round up: increment the kept digits.
  const kept = x.d.slice(0, nd).split("");
  let i = kept.length - 1;
  while (i >= 0 && kept[i] === "9") {
    kept[i] = "0";
    i--;
  }
  if (i < 0) return trimDecimal({ d: "1" + kept.join(""), dp: x.dp + 1 });
  kept[i] = String.fromCharCode(kept[i].charCodeAt(0) + 1);
  return trimDecimal({ d: kept.join(""), dp: x.dp });
}

/** Shortest digits that round-trip (JavaScript and Go agree on them). */
function shortestDecimal(x: number): Decimal {
  x = Math.abs(x);
  if (x === 0) return { d: "", dp: 0 };
  const s = x.toExponential();
  const m = /^(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(s)!;
  return trimDecimal({ d: m[1] + (m[2] ?? ""), dp: Number(m[3]) + 1 });
}

function digitAt(d: Decimal, i: number): string {
  return i >= 0 && i < d.d.length ? d.d[i] : "0";
}

function fmtE(d: Decimal, prec: number, e: string): string {
  let s = d.d.length === 0 ? "0" : d.d[0];
  if (prec > 0) {
    s += ".";
    for (let i = 1; i <= prec; i++) s += digitAt(d, i);
  }
  const exp = d.d.length === 0 ? 0 : d.dp - 1;
  const a = Math.abs(exp);
  return s + e + (exp < 0 ? "-" : "+") + (a < 10 ? "0" + a : String(a));
}

function fmtF(d: Decimal, prec: number): string {
  let s = "";
  if (d.dp > 0) {
    for (let i = 0; i < d.dp; i++) s += digitAt(d, i);
  } else s = "0";
  if (prec > 0) {
    s += ".";
    for (let i = 1; i <= prec; i++) s += digitAt(d, d.dp + i - 1);
  }
  return s;
}

/**
 * Whether x might sit exactly halfway between two values with `prec` decimals (where Go rounds
 * to even and JavaScript's toFixed rounds up): only if x·10^(prec+1) is an integer ending in 5.
 */
function mayTie(x: number, prec: number): boolean {
  const y = Math.abs(x * 10 ** (prec + 1));
  return y >= 2 ** 53 || (Number.isInteger(y) && y % 10 === 5);
}

/** Go's strconv.FormatFloat(x, fmt, prec, 64) for finite x, without the sign. */
export function formatFloatAbs(x: number, fmt: "e" | "E" | "f" | "g" | "G", prec: number): string {
  const shortest = prec < 0;
  let d: Decimal;
  if (shortest) {
    d = shortestDecimal(x);
    if (fmt === "e" || fmt === "E") prec = Math.max(d.d.length - 1, 0);
    else if (fmt === "f") prec = Math.max(d.d.length - d.dp, 0);
    else prec = d.d.length;
  } else if (fmt === "f" && prec <= 100 && Math.abs(x) < 1e21 && !mayTie(x, prec)) {
    // No exact tie at this precision, so JavaScript's nearest rounding is Go's.
    return Math.abs(x).toFixed(prec);
  } else {
    const exact = exactDecimal(x);
    if (fmt === "e" || fmt === "E") d = roundDecimal(exact, prec + 1);
    else if (fmt === "f") d = roundDecimal(exact, exact.dp + prec);
    else {
      if (prec === 0) prec = 1;
      d = roundDecimal(exact, prec);
    }
    if (fmt === "f" && exact.dp + prec < 0) d = { d: "", dp: 0 };
  }
  switch (fmt) {
    case "e":
    case "E":
      return fmtE(d, prec, fmt);
    case "f":
      return fmtF(d, prec);
  }
  let eprec = prec;
  if (eprec > d.d.length && d.d.length >= d.dp) eprec = d.d.length;
  if (shortest) eprec = 6;
  const exp = d.dp - 1;
  if (d.d.length !== 0 && (exp < -4 || exp >= eprec)) {
    if (prec > d.d.length) prec = d.d.length;
    return fmtE(d, prec - 1, fmt === "g" ? "e" : "E");
  }
  if (prec > d.dp) prec = d.d.length;
  return fmtF(d, Math.max(prec - d.dp, 0));
}

function fmtFloat(v: number, verb: string, prec: number, f: Flags): string {
  // Shortest %v / %g of a moderate magnitude is JavaScript's plain notation (same digits).
  if (f === PLAIN && prec < 0 && (verb === "v" || verb === "g")) {
    const a = Math.abs(v);
    if (a >= 1e-4 && a < 1e6) return String(v);
  }
  const fmt = (verb === "v" ? "g" : verb === "F" ? "f" : verb) as "e" | "E" | "f" | "g" | "G";
  if (f.precPresent) prec = f.prec;
  let num = formatFloatAbs(v, fmt, prec);
  if (f.sharp) {
    // %#g keeps trailing zeros and %#e / %#f always print a decimal point.
    let digits = verb === "v" || verb === "g" || verb === "G" ? (prec === -1 ? 6 : prec) : 0;
    const ePos = num.search(/[eE]/);
    let tail = "";
    if (ePos >= 0) {
      tail = num.slice(ePos);
      num = num.slice(0, ePos);
    }
    let hasDot = false;
    let sawNonzero = false;
    for (const c of num) {
      if (c === ".") hasDot = true;
      else {
        sawNonzero = sawNonzero || c !== "0";
        if (sawNonzero) digits--;
      }
    }
    if (!hasDot) {
      if (num === "0") digits--;
      num += ".";
    }
    if (digits > 0) num += "0".repeat(digits);
    num += tail;
  }
  const negative = v < 0 || Object.is(v, -0);
  const sign = negative ? "-" : f.plus ? "+" : f.space ? " " : "";
  if (sign !== "" && f.zero && f.widPresent && f.wid > num.length + 1) {
    return sign + pad(num, { ...f, wid: f.wid - 1 });
  }
  return pad(sign + num, f);
}

function fmtFloatVerb(v: number, verb: string, f: Flags): string | undefined {
  switch (verb) {
    case "v":
    case "g":
    case "G":
      return fmtFloat(v, verb, -1, f);
    case "f":
    case "F":
    case "e":
    case "E":
      return fmtFloat(v, verb, 6, f);
    case "b":
    case "x":
    case "X":
      return fmtFloat(v, "g", -1, f);
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Strings

function truncate(s: string, f: Flags): string {
  if (!f.precPresent) return s;
  const runes = [...s];
  return runes.length > f.prec ? runes.slice(0, f.prec).join("") : s;
}

function fmtSx(s: string, f: Flags, upper: boolean): string {
  let bytes = utf8Bytes(s);
  if (f.precPresent && f.prec < bytes.length) bytes = bytes.slice(0, f.prec);
  if (bytes.length === 0) return f.widPresent ? " ".repeat(f.wid) : "";
  const pre = upper ? "0X" : "0x";
  let out = "";
  bytes.forEach((b, i) => {
    if (f.space && i > 0) out += " ";
    if (f.sharp && (f.space || i === 0)) out += pre;
    const h = b.toString(16).padStart(2, "0");
    out += upper ? h.toUpperCase() : h;
  });
  if (f.widPresent && f.wid > out.length) {
    const p = " ".repeat(f.wid - out.length);
    return f.minus ? out + p : p + out;
  }
  return out;
}

function fmtStringVerb(s: string, verb: string, f: Flags): string | undefined {
  switch (verb) {
    case "v":
      if (f.sharpV) return pad(goQuote(s), f);
      return pad(truncate(s, f), f);
    case "s":
      return pad(truncate(s, f), f);
    case "x":
      return fmtSx(s, f, false);
    case "X":
      return fmtSx(s, f, true);
    case "q": {
      const t = truncate(s, f);
      return pad(f.sharp && canBackquote(t) ? "`" + t + "`" : goQuote(t, f.plus), f);
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------

function printArg(a: GoArg, verb: string, f: Flags): string {
  if (verb === "T") return pad(truncate(goTypeName(a), f), f);
  let out: string | undefined;
  switch (a.t) {
    case "int":
    case "big":
      out = fmtIntVerb(a, verb, f);
      break;
    case "float":
      out = fmtFloatVerb(a.v, verb, f);
      break;
    default:
      out = fmtStringVerb(a.v, verb, f);
  }
  if (out !== undefined) return out;
  // Bad verb: %!verb(type=value); *big.Int formats its own complaint.
  const plain = printArg(a, "v", PLAIN);
  if (a.t === "big") return `%!${verb}(big.Int=${plain})`;
  return `%!${verb}(${goTypeName(a)}=${plain})`;
}

function parseNum(s: string, i: number): { n: number; ok: boolean; i: number } {
  let n = 0;
  let ok = false;
  while (i < s.length && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) {
    if (n > 1e6) return { n: 0, ok: false, i: s.length };
    n = n * 10 + (s.charCodeAt(i) - 48);
    ok = true;
    i++;
  }
  return { n, ok, i };
}

interface ScanState {
  readonly format: string;
  readonly args: readonly GoArg[];
  i: number;
  argNum: number;
  reordered: boolean;
  goodArgNum: boolean;
  afterIndex: boolean;
}

/** Go's argNumber: an explicit `[n]` argument index. */
function scanArgIndex(st: ScanState): void {
  st.afterIndex = false;
  const { format } = st;
  if (st.i >= format.length || format[st.i] !== "[") return;
  st.reordered = true;
  const close = format.indexOf("]", st.i + 1);
  if (close < 0) {
    st.goodArgNum = false;
    return;
  }
  const r = parseNum(format, st.i + 1);
  st.i = close + 1;
  if (!r.ok || r.i !== close || r.n < 1 || r.n > st.args.length) {
    st.goodArgNum = false;
    return;
  }
  st.argNum = r.n - 1;
  st.afterIndex = true;
}

/** Go's intFromArg: a `*` width or precision taken from the arguments. */
function intFromArg(st: ScanState): { n: number; ok: boolean } {
  if (st.argNum >= st.args.length) return { n: 0, ok: false };
  const a = st.args[st.argNum++];
  if (a.t !== "int" || a.v > 1000000n || a.v < -1000000n) return { n: 0, ok: false };
  return { n: Number(a.v), ok: true };
}

/** Go's fmt.Sprintf over converted arguments. */
export function goSprintf(format: string, args: readonly GoArg[]): string {
  let out = "";
  const end = format.length;
  const st: ScanState = { format, args, i: 0, argNum: 0, reordered: false, goodArgNum: true, afterIndex: false };
  while (st.i < end) {
    const pct = format.indexOf("%", st.i);
    if (pct < 0) {
      out += format.slice(st.i);
      break;
    }
    out += format.slice(st.i, pct);
    st.i = pct + 1;
    // Fast path: a bare verb without flags, width, precision or index.
    const c0 = format.charCodeAt(st.i);
    if (((c0 >= 97 && c0 <= 122) || c0 === 84) && st.argNum < args.length) {
      st.i++;
      out += printArg(args[st.argNum++], format[st.i - 1], PLAIN);
      continue;
    }
    const f = newFlags();
    st.goodArgNum = true;
    st.afterIndex = false;
    flags: for (; st.i < end; st.i++) {
      switch (format[st.i]) {
        case "#":
          f.sharp = true;
          break;
        case "0":
          f.zero = !f.minus;
          break;
        case "+":
          f.plus = true;
          break;
        case "-":
          f.minus = true;
          f.zero = false;
          break;
        case " ":
          f.space = true;
          break;
        default:
          break flags;
      }
    }
    scanArgIndex(st);
    if (st.i < end && format[st.i] === "*") {
      st.i++;
      const r = intFromArg(st);
      f.wid = r.n;
      f.widPresent = r.ok;
      if (!r.ok) out += "%!(BADWIDTH)";
      if (f.wid < 0) {
        f.wid = -f.wid;
        f.minus = true;
        f.zero = false;
      }
      st.afterIndex = false;
    } else {
      const r = parseNum(format, st.i);
      f.wid = r.n;
      f.widPresent = r.ok;
      st.i = r.i;
      if (st.afterIndex && f.widPresent) st.goodArgNum = false;
    }
    if (st.i + 1 < end && format[st.i] === ".") {
      st.i++;
      if (st.afterIndex) st.goodArgNum = false;
      scanArgIndex(st);
      if (st.i < end && format[st.i] === "*") {
        st.i++;
        const r = intFromArg(st);
        f.prec = r.n;
        f.precPresent = r.ok;
        if (f.prec < 0) {
          f.prec = 0;
          f.precPresent = false;
        }
        if (!r.ok) out += "%!(BADPREC)";
        st.afterIndex = false;
      } else {
        const r = parseNum(format, st.i);
        f.prec = r.n;
        f.precPresent = true;
        st.i = r.i;
      }
    }
    if (!st.afterIndex) scanArgIndex(st);
    if (st.i >= end) {
      out += "%!(NOVERB)";
      break;
    }
    const verb = String.fromCodePoint(format.codePointAt(st.i)!);
    st.i += verb.length;
    if (verb === "%") {
      out += "%";
    } else if (!st.goodArgNum) {
      out += `%!${verb}(BADINDEX)`;
    } else if (st.argNum >= args.length) {
      out += `%!${verb}(MISSING)`;
    } else {
      if (verb === "v") {
        f.sharpV = f.sharp;
        f.sharp = false;
        f.plusV = f.plus;
        f.plus = false;
      }
      out += printArg(args[st.argNum], verb, f);
      st.argNum++;
    }
  }
  if (!st.reordered && st.argNum < args.length) {
    out += "%!(EXTRA " + args.slice(st.argNum).map((a) => goTypeName(a) + "=" + printArg(a, "v", PLAIN)).join(", ") + ")";
  }
  return out;
}

export const builtins: BuiltinDef[] = [
  {
    name: "sprintf",
    decl: { args: [T.string, T.array(T.any)], result: T.string },
    impl: (args) => {
      const format = argString(args, 0);
      const list = args[1];
      if (!Array.isArray(list)) throw operandTypeError(2, list, "array");
      return goSprintf(format, (list as readonly Value[]).map(toGoArg));
    },
  },
];
