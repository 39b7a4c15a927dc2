/**
 * `units.parse` and `units.parse_bytes`, computed exactly on decimals (OPA uses big.Rat /
 * big.Float, so "1.1Ki" is exactly 1126.4 and "10Ei" is an exact 64-bit integer).
 */
import { normalizeBigInt, type RNumber } from "../value";
import { argString, builtinError } from "./args";
import type { BuiltinDef } from "./registry";
import { T } from "./types";

const MAX_EXPONENT_DIGITS = 6;

const K = 1000n;
const KI = 1024n;
const DECIMAL: Record<string, bigint> = { k: K, m: K ** 2n, g: K ** 3n, t: K ** 4n, p: K ** 5n, e: K ** 6n };
const BINARY: Record<string, bigint> = { k: KI, m: KI ** 2n, g: KI ** 3n, t: KI ** 4n, p: KI ** 5n, e: KI ** 6n };

const isDigit = (c: string): boolean => c >= "0" && c <= "9";

/**
 * Splits "10.5Ki" into the number "10.5" and the unit "Ki" as OPA does (a number may carry a
 * scientific exponent like "1e3"; an `e` not followed by a digit or sign starts the unit).
 * Returns undefined when the exponent has too many digits.
 */
function extractNumAndUnit(s: string): [string, string] | undefined {
  let first = -1;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (!isDigit(c) && c !== "." && c !== "e" && c !== "E" && c !== "+" && c !== "-") {
      first = i;
      break;
    }
    if (c === "e" || c === "E") {
      const next = s[i + 1];
      if (i === s.length - 1 || (!isDigit(next) && next !== "+" && next !== "-")) {
        first = i;
        break;
      }
      if (next === "+" || next === "-") i++;
      let end = i + 1;
      while (end < s.length && isDigit(s[end])) end++;
      if (end - (i + 1) > MAX_EXPONENT_DIGITS) return undefined;
    }
  }
  if (first === -1) return [s, ""];
  if (first === 0) return ["", s];
  return [s.slice(0, first), s.slice(first)];
}

/** A decimal number as mantissa × 10^exp, or undefined if it is not one. */
function parseDecimal(num: string): { m: bigint; exp: number } | undefined {
  const match = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(num);
  if (!match) return undefined;
  const [, sign, int, frac = "", e] = match;
  if (int === "" && frac === "") return undefined;
  let m = BigInt((int || "0") + frac);
  if (sign === "-") m = -m;
  return { m, exp: (e ? Number(e) : 0) - frac.length };
}

/** value = m × 10^exp × mul, as an exact Rego number; non-integers round to 10 decimals (big.Rat.FloatString(10)). */
function scaled(m: bigint, exp: number, mul: bigint, truncate: boolean): RNumber {
  let n = m * mul;
  if (exp >= 0) return normalizeBigInt(n * 10n ** BigInt(exp));
  const den = 10n ** BigInt(-exp);
  if (n % den === 0n) return normalizeBigInt(n / den);
  if (truncate) return normalizeBigInt(n / den);
  const neg = n < 0n;
  if (neg) n = -n;
  // Round half away from zero to 10 decimal places.
  const scale = 10n ** 10n;
  let q = (n * scale) / den;
  const r = (n * scale) % den;
  if (2n * r >= den) q += 1n;
  const ip = q / scale;
  const fp = (q % scale).toString().padStart(10, "0");
  return Number(`${neg ? "-" : ""}${ip}.${fp}`);
}

function unitsParse(raw: string): RNumber {
  const s = raw.replaceAll('"', "");
  if (s.includes(" ")) throw builtinError("spaces not allowed in resource strings");
  const parts = extractNumAndUnit(s);
  if (parts === undefined) throw builtinError("exponent too large");
  const [num, rawUnit] = parts;
  if (num === "") throw builtinError("no amount provided");
  // Only letters after the first are lowercased, so "m" (milli) and "M" (mega) stay apart.
  const unit = rawUnit.length > 1 ? rawUnit[0] + rawUnit.slice(1).toLowerCase() : rawUnit;
  let mul = 1n;
  let milli = false;
  if (unit === "m") milli = true;
  else if (unit !== "") {
    const lower = unit[0].toLowerCase();
    const known = /^[kKMgGtTpPeE]i?$/.test(unit) || /^[kmgtpe]i$/.test(unit);
    if (!known) throw builtinError(`unit ${unit} not recognized`);
    mul = unit.length === 2 ? BINARY[lower] : DECIMAL[lower];
  }
  const d = parseDecimal(num);
  if (d === undefined) throw builtinError("could not parse amount to a number");
  return scaled(d.m, milli ? d.exp - 3 : d.exp, mul, false);
}

function unitsParseBytes(raw: string): RNumber {
  const s = raw.toLowerCase().replaceAll('"', "");
  if (s.includes(" ")) throw builtinError("spaces not allowed in resource strings");
  const parts = extractNumAndUnit(s);
  if (parts === undefined) throw builtinError("exponent too large");
  const [num, unit] = parts;
  if (num === "") throw builtinError("no byte amount provided");
  let mul = 1n;
  if (unit !== "") {
    const m = /^([kmgtpe])(i?)(b?)$/.exec(unit);
    if (!m || (m[2] === "" && m[3] === "" && unit.length !== 1)) throw builtinError(`byte unit ${unit} not recognized`);
    mul = m[2] === "i" ? BINARY[m[1]] : DECIMAL[m[1]];
  }
  const d = parseDecimal(num);
  if (d === undefined) throw builtinError("could not parse byte amount to a number");
  return scaled(d.m, d.exp, mul, true);
}

export const builtins: BuiltinDef[] = [
  {
    name: "units.parse",
    decl: { args: [T.string], result: T.number },
    impl: (args) => unitsParse(argString(args, 0)),
  },
  {
    name: "units.parse_bytes",
    decl: { args: [T.string], result: T.number },
    impl: (args) => unitsParseBytes(argString(args, 0)),
  },
];
