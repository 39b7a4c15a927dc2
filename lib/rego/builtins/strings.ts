/**
 * String builtins with OPA's (Go's) semantics: positions and lengths count code points, `trim`
 * takes a cutset of runes, `replace` / `strings.replace_n` use Go's strings.Replacer rules.
 */
import { RObject, RSet, toFloat, typeName, type Value } from "../value";
import { argInteger, argString, builtinError, operandTypeError } from "./args";
import { isAscii, goLower, goUpper, isGoSpace, runeCount } from "./gotext";
import { BuiltinError, type BuiltinDef } from "./registry";
import { T } from "./types";

const S = T.string;
const stringsOf = T.union(T.array(T.string), T.set(T.string));

/** `operand N must be array of strings but got array containing number`, as OPA words it. */
export function elementTypeError(pos: number, composite: Value, got: Value, expected: string): BuiltinError {
  const kind = typeName(composite);
  return new BuiltinError("eval_type_error", `operand ${pos} must be ${kind} of ${expected}s but got ${kind} containing ${typeName(got)}`);
}

/**
 * Go's strings.SplitN: at most `n` parts, the last holding the rest (`n < 0`: all parts, `n == 0`:
 * none); an empty separator splits after each rune.
 */
function splitN(s: string, sep: string, n: number): string[] {
  if (n === 0) return [];
  const all = sep === "" ? splitRunes(s) : s.split(sep);
  if (n < 0 || all.length <= n) return all;
  return [...all.slice(0, n - 1), all.slice(n - 1).join(sep)];
}

/** Members of an array or set operand that must all be strings. */
function stringMembers(args: readonly Value[], i: number): string[] {
  const v = args[i];
  const members = Array.isArray(v) ? (v as readonly Value[]) : v instanceof RSet ? v.values() : undefined;
  if (members === undefined) throw operandTypeError(i + 1, v, "set", "array");
  for (const m of members) if (typeof m !== "string") throw elementTypeError(i + 1, v, m, "string");
  return members as string[];
}

/** A string, or an array/set of strings (strings.any_prefix_match and friends). */
function stringOrStrings(args: readonly Value[], i: number): string[] {
  const v = args[i];
  if (typeof v === "string") return [v];
  if (Array.isArray(v) || v instanceof RSet) return stringMembers(args, i);
  throw operandTypeError(i + 1, v, "string", "set", "array");
}

/** Go's int conversion of an integer operand (OPA's IntOperand). */
function intArg(args: readonly Value[], i: number): number {
  return toFloat(argInteger(args, i));
}

/** Index in code points of the UTF-16 index `u` in `s`. */
function cpIndex(s: string, u: number): number {
  return runeCount(s.slice(0, u));
}

function splitRunes(s: string): string[] {
  return isAscii(s) ? s.split("") : [...s];
}

function trimLeftSet(s: string, cut: Set<number>): string {
  let i = 0;
  while (i < s.length) {
    const cp = s.codePointAt(i)!;
    if (!cut.has(cp)) break;
    i += cp > 0xffff ? 2 : 1;
  }
  return s.slice(i);
}

function trimRightSet(s: string, cut: Set<number>): string {
  let j = s.length;
  while (j > 0) {
    let k = j - 1;
    const lo = s.charCodeAt(k);
    if (lo >= 0xdc00 && lo <= 0xdfff && k > 0) {
      const hi = s.charCodeAt(k - 1);
      if (hi >= 0xd800 && hi <= 0xdbff) k--;
    }
    if (!cut.has(s.codePointAt(k)!)) break;
    j = k;
  }
  return s.slice(0, j);
}

function cutset(c: string): Set<number> {
  const set = new Set<number>();
  for (const ch of c) set.add(ch.codePointAt(0)!);
  return set;
}

function trimSpace(s: string): string {
  let i = 0;
  let j = s.length;
  while (i < j && isGoSpace(s.charCodeAt(i))) i++;
  while (j > i && isGoSpace(s.charCodeAt(j - 1))) j--;
  return s.slice(i, j);
}

/**
 * Go's strings.NewReplacer(oldnew...).Replace(s): scanning left to right, at each position the
 * first pair (in argument order) whose old string matches wins; an empty old string matches at
 * every rune boundary, and right after an empty match the other pairs get their turn.
 */
export function goReplace(s: string, pairs: readonly (readonly [string, string])[]): string {
  if (pairs.length === 1 && pairs[0][0] !== "") return s.split(pairs[0][0]).join(pairs[0][1]);
  let out = "";
  let i = 0;
  let last = 0;
  let prevMatchEmpty = false;
  while (i <= s.length) {
    let found: readonly [string, string] | undefined;
    for (const p of pairs) {
      if (p[0] === "" && prevMatchEmpty) continue;
      if (s.startsWith(p[0], i)) {
        found = p;
        break;
      }
    }
    prevMatchEmpty = found !== undefined && found[0] === "";
    if (found !== undefined) {
      out += s.slice(last, i) + found[1];
      i += found[0].length;
      last = i;
      continue;
    }
    i += i < s.length && s.codePointAt(i)! > 0xffff ? 2 : 1;
  }
  return last < s.length ? out + s.slice(last) : out;
}

function reverseRunes(s: string): string {
  return isAscii(s) ? s.split("").reverse().join("") : [...s].reverse().join("");
}

export const builtins: BuiltinDef[] = [
  {
    name: "concat",
    decl: { args: [S, stringsOf], result: S },
    impl: (args) => {
      const sep = argString(args, 0);
      return stringMembers(args, 1).join(sep);
    },
  },
  {
    name: "split",
    decl: { args: [S, S], result: T.array(S) },
    impl: (args) => {
      const s = argString(args, 0);
      const d = argString(args, 1);
      if (d === "") return splitRunes(s);
      return s.split(d);
    },
  },
  {
    name: "strings.split_n",
    decl: { args: [S, S, T.number], result: T.array(S) },
    impl: (args) => {
      const s = argString(args, 0);
      const d = argString(args, 1);
      const n = Number(argInteger(args, 2));
      return splitN(s, d, n);
    },
  },
  {
    name: "trim",
    decl: { args: [S, S], result: S },
    impl: (args) => {
      const s = argString(args, 0);
      const c = cutset(argString(args, 1));
      return trimRightSet(trimLeftSet(s, c), c);
    },
  },
  {
    name: "trim_left",
    decl: { args: [S, S], result: S },
    impl: (args) => trimLeftSet(argString(args, 0), cutset(argString(args, 1))),
  },
  {
    name: "trim_right",
    decl: { args: [S, S], result: S },
    impl: (args) => trimRightSet(argString(args, 0), cutset(argString(args, 1))),
  },
  {
    name: "trim_prefix",
    decl: { args: [S, S], result: S },
    impl: (args) => {
      const s = argString(args, 0);
      const p = argString(args, 1);
      return s.startsWith(p) ? s.slice(p.length) : s;
    },
  },
  {
    name: "trim_suffix",
    decl: { args: [S, S], result: S },
    impl: (args) => {
      const s = argString(args, 0);
      const p = argString(args, 1);
      return p !== "" && s.endsWith(p) ? s.slice(0, s.length - p.length) : s;
    },
  },
  {
    name: "trim_space",
    decl: { args: [S], result: S },
    impl: (args) => trimSpace(argString(args, 0)),
  },
  {
    name: "substring",
    decl: { args: [S, T.number, T.number], result: S },
    impl: (args) => {
      const s = argString(args, 0);
      const start = intArg(args, 1);
      const length = intArg(args, 2);
      if (start < 0) throw builtinError("negative offset");
      if (isAscii(s)) {
        if (start >= s.length) return "";
        return length < 0 ? s.slice(start) : s.slice(start, Math.min(s.length, start + length));
      }
      const runes = [...s];
      if (start >= runes.length) return "";
      return (length < 0 ? runes.slice(start) : runes.slice(start, Math.min(runes.length, start + length))).join("");
    },
  },
  {
    name: "indexof",
    decl: { args: [S, S], result: T.number },
    impl: (args) => {
      const s = argString(args, 0);
      const search = argString(args, 1);
      if (search === "") throw builtinError("empty search character");
      const u = s.indexOf(search);
      return u < 0 ? -1 : cpIndex(s, u);
    },
  },
  {
    name: "indexof_n",
    decl: { args: [S, S], result: T.array(T.number) },
    impl: (args) => {
      const s = argString(args, 0);
      const search = argString(args, 1);
      if (search === "") throw builtinError("empty search character");
      const out: Value[] = [];
      if (isAscii(s)) {
        for (let u = s.indexOf(search); u >= 0; u = s.indexOf(search, u + 1)) out.push(u);
        return out;
      }
      let prevU = 0;
      let prevCp = 0;
      for (let u = s.indexOf(search); u >= 0; u = s.indexOf(search, u + 1)) {
        prevCp += cpIndex(s.slice(prevU), u - prevU);
        prevU = u;
        out.push(prevCp);
      }
      return out;
    },
  },
  {
    name: "contains",
    decl: { args: [S, S], result: T.boolean },
    impl: (args) => argString(args, 0).includes(argString(args, 1)),
  },
  {
    name: "startswith",
    decl: { args: [S, S], result: T.boolean },
    impl: (args) => argString(args, 0).startsWith(argString(args, 1)),
  },
  {
    name: "endswith",
    decl: { args: [S, S], result: T.boolean },
    impl: (args) => argString(args, 0).endsWith(argString(args, 1)),
  },
  {
    name: "lower",
    decl: { args: [S], result: S },
    impl: (args) => goLower(argString(args, 0)),
  },
  {
    name: "upper",
    decl: { args: [S], result: S },
    impl: (args) => goUpper(argString(args, 0)),
  },
  {
    name: "replace",
    decl: { args: [S, S, S], result: S },
    impl: (args) => {
      const s = argString(args, 0);
      const old = argString(args, 1);
      const rep = argString(args, 2);
      return goReplace(s, [[old, rep]]);
    },
  },
  {
    name: "strings.replace_n",
    decl: { args: [T.object(S, S), S], result: S },
    impl: (args) => {
      const patterns = args[0];
      if (!(patterns instanceof RObject)) throw operandTypeError(1, patterns, "object");
      const s = argString(args, 1);
      const pairs: [string, string][] = [];
      for (const [k, v] of patterns.entries()) {
        if (typeof k !== "string") throw new BuiltinError("eval_type_error", "operand 1 non-string key found in pattern object");
        if (typeof v !== "string") throw new BuiltinError("eval_type_error", "operand 1 non-string value found in pattern object");
        pairs.push([k, v]);
      }
      return pairs.length === 0 ? s : goReplace(s, pairs);
    },
  },
  {
    name: "strings.reverse",
    decl: { args: [S], result: S },
    impl: (args) => reverseRunes(argString(args, 0)),
  },
  {
    name: "strings.count",
    decl: { args: [S, S], result: T.number },
    impl: (args) => {
      const s = argString(args, 0);
      const sub = argString(args, 1);
      if (sub === "") return runeCount(s) + 1;
      return s.split(sub).length - 1;
    },
  },
  {
    name: "strings.any_prefix_match",
    decl: { args: [T.union(S, stringsOf), T.union(S, stringsOf)], result: T.boolean },
    impl: (args) => {
      const strs = stringOrStrings(args, 0);
      const prefixes = stringOrStrings(args, 1);
      return strs.some((s) => prefixes.some((p) => s.startsWith(p)));
    },
  },
  {
    name: "strings.any_suffix_match",
    decl: { args: [T.union(S, stringsOf), T.union(S, stringsOf)], result: T.boolean },
    impl: (args) => {
      const strs = stringOrStrings(args, 0);
      const suffixes = stringOrStrings(args, 1);
      return strs.some((s) => suffixes.some((p) => s.endsWith(p)));
    },
  },
];

