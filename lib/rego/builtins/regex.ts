/**
 * Regular expressions with RE2 syntax and semantics (Go's regexp, via re2js). Compiled patterns
 * are cached per query in ctx.cache and in a small process-wide cache (compiled regexps are
 * immutable, so sharing them across evaluations is safe).
 */
import { RE2JS } from "re2js";
import { type Value } from "../value";
import { argInteger, argString, builtinError } from "./args";
import { BuiltinError, type BuiltinContext, type BuiltinDef } from "./registry";
import { T } from "./types";

const S = T.string;

type RE2 = ReturnType<RE2JS["re2"]>;

const GLOBAL_MAX = 256;
const globalCache = new Map<string, RE2JS | Error>();

function remember(key: string, v: RE2JS | Error): void {
  if (globalCache.size >= GLOBAL_MAX) globalCache.delete(globalCache.keys().next().value!);
  globalCache.set(key, v);
}

/** Go's regexp error text, e.g. "error parsing regexp: missing closing ]: `[`" (re2js words them alike). */
function compileError(e: unknown): Error {
  if (e instanceof BuiltinError) return new Error(e.message);
  const msg = e instanceof Error ? e.message : String(e);
  return new Error(msg.startsWith("error parsing regexp") ? msg : "error parsing regexp: " + msg);
}

function compileCached(key: string, ctx: BuiltinContext | undefined, build: () => RE2JS): RE2JS {
  let hit = ctx?.cache.get(key) as RE2JS | Error | undefined;
  if (hit === undefined) {
    hit = globalCache.get(key);
    if (hit === undefined) {
      try {
        hit = build();
      } catch (e) {
        hit = compileError(e);
      }
      remember(key, hit);
    }
    ctx?.cache.set(key, hit);
  }
  if (hit instanceof Error) throw builtinError(hit.message);
  return hit;
}

/** A compiled RE2 pattern (throws the builtin error OPA reports for a bad pattern). */
export function getRegexp(pattern: string, ctx?: BuiltinContext): RE2JS {
  return compileCached("re:" + pattern, ctx, () => RE2JS.compile(pattern));
}

export function isValidRegexp(pattern: string): boolean {
  try {
    getRegexp(pattern);
    return true;
  } catch {
    return false;
  }
}

function re2(r: RE2JS): RE2 {
  return r.re2();
}

/** Go's Regexp.FindAllStringIndex: [start, end] pairs (UTF-16 offsets). */
function findAllIndex(r: RE2JS, s: string, n: number): number[][] {
  return (re2(r).findAllIndex(s, n) as number[][] | null) ?? [];
}

/** Go's Regexp.Split(s, -1). */
function goSplit(r: RE2JS, s: string): string[] {
  if (r.pattern().length > 0 && s.length === 0) return [""];
  const matches = findAllIndex(r, s, -1);
  const out: string[] = [];
  let beg = 0;
  let end = 0;
  for (const m of matches) {
    end = m[0];
    if (m[1] !== 0) out.push(s.slice(beg, end));
    beg = m[1];
  }
  if (end !== s.length) out.push(s.slice(beg));
  return out;
}

function isNameChar(c: string): boolean {
  return /^[\p{L}\p{Nd}_]$/u.test(c);
}

/** Go's Regexp.Expand of a `$1` / `${name}` template for one match. */
function expand(template: string, src: string, match: readonly number[], names: Record<string, number>): string {
  let out = "";
  let t = template;
  for (;;) {
    const k = t.indexOf("$");
    if (k < 0) break;
    out += t.slice(0, k);
    t = t.slice(k + 1);
    if (t.startsWith("$")) {
      out += "$";
      t = t.slice(1);
      continue;
    }
    // extract: name of letters/digits/underscore, optionally in braces.
    let brace = false;
    let rest = t;
    if (rest.startsWith("{")) {
      brace = true;
      rest = rest.slice(1);
    }
    let i = 0;
    const chars = [...rest];
    let name = "";
    while (i < chars.length && isNameChar(chars[i])) name += chars[i++];
    let after = chars.slice(i).join("");
    let ok = name !== "";
    if (ok && brace) {
      if (after.startsWith("}")) after = after.slice(1);
      else ok = false;
    }
    if (!ok) {
      out += "$";
      continue;
    }
    t = after;
    let group = -1;
    if (/^\d+$/.test(name)) {
      const n = Number(name);
      group = n < 1e8 ? n : -1;
    } else if (Object.prototype.hasOwnProperty.call(names, name)) group = names[name];
    if (group >= 0 && 2 * group + 1 < match.length && match[2 * group] >= 0) {
      out += src.slice(match[2 * group], match[2 * group + 1]);
    }
  }
  return out + t;
}

function regexReplace(r: RE2JS, s: string, template: string): string {
  const all = (re2(r).findAllSubmatchIndex(s, -1) as number[][] | null) ?? [];
  if (all.length === 0) return s;
  const names = r.namedGroups();
  let out = "";
  let last = 0;
  for (const m of all) {
    out += s.slice(last, m[0]) + expand(template, s, m, names);
    last = m[1];
  }
  return out + s.slice(last);
}

function regexpQuoteMeta(s: string): string {
  return s.replace(/[\\.+*?()|[\]{}^$]/g, "\\$&");
}

/** Positions of the outermost delimiter pairs (gorilla/mux's template parsing, as OPA). */
function delimiterIndices(s: string, open: string, close: string): number[] {
  let level = 0;
  let idx = 0;
  const idxs: number[] = [];
  for (let i = 0; i < s.length; i++) {
    if (s[i] === open) {
      if (++level === 1) idx = i;
    } else if (s[i] === close) {
      if (--level === 0) idxs.push(idx, i + 1);
      else if (level < 0) throw builtinError(`unbalanced braces in ${JSON.stringify(s)}`);
    }
  }
  if (level !== 0) throw builtinError(`unbalanced braces in ${JSON.stringify(s)}`);
  return idxs;
}

function compileTemplate(tpl: string, open: string, close: string): RE2JS {
  const idxs = delimiterIndices(tpl, open, close);
  let pattern = "^";
  let end = 0;
  for (let i = 0; i < idxs.length; i += 2) {
    const raw = tpl.slice(end, idxs[i]);
    end = idxs[i + 1];
    const patt = tpl.slice(idxs[i] + 1, end - 1);
    pattern += regexpQuoteMeta(raw) + "(" + patt + ")";
    RE2JS.compile("^" + patt + "$");
  }
  pattern += regexpQuoteMeta(tpl.slice(end)) + "$";
  return RE2JS.compile(pattern);
}



// ---------------------------------------------------------------------------------------------
// regex.globs_match: do two "regex-style globs" (literals, `.`, `[...]` classes with ranges, `*` and
// `+` on the preceding element, `\` escapes; implicitly anchored) match a common string?

interface GlobToken {
  /** Code points matched, or undefined for `.` (any). */
  readonly set: ReadonlySet<number> | undefined;
  readonly flag: "" | "*" | "+";
}

function invalidGlob(pos: number, msg: string): never {
  throw builtinError(`pos:${pos}:${msg}: the input provided is invalid`);
}

function tokenizeRegexGlob(input: string): GlobToken[] {
  const rs = [...input].map((c) => c.codePointAt(0)!);
  const tokens: GlobToken[] = [];
  let i = 0;
  const next = (): { r: number; escaped: boolean } | undefined => {
    if (i >= rs.length) return undefined;
    if (rs[i] === 0x5c) {
      if (i === rs.length - 1) invalidGlob(i, "input ends with a \\ (escape) character");
      i += 2;
      return { r: rs[i - 1], escaped: true };
    }
    return { r: rs[i++], escaped: false };
  };
  for (let t = next(); t !== undefined; t = next()) {
    const { r, escaped } = t;
    if (!escaped && (r === 0x2b || r === 0x2a)) {
      const prev = tokens[tokens.length - 1];
      if (prev === undefined || prev.flag !== "") invalidGlob(i, `flag '${String.fromCodePoint(r)}' must be preceded by a non-flag`);
      tokens[tokens.length - 1] = { set: prev.set, flag: r === 0x2b ? "+" : "*" };
    } else if (!escaped && r === 0x2e) tokens.push({ set: undefined, flag: "" });
    else if (!escaped && r === 0x5d) invalidGlob(i, "set-close ']' with no preceding '['");
    else if (!escaped && r === 0x5b) {
      const set = new Set<number>();
      let prev: number | undefined;
      let complete = false;
      for (let u = next(); u !== undefined; u = next()) {
        if (!u.escaped && u.r === 0x5d) {
          complete = true;
          break;
        }
        if (!u.escaped && u.r === 0x2d) {
          if (prev === undefined) invalidGlob(i, "range character '-' must be preceded by a Unicode character");
          if (i >= rs.length - 1) invalidGlob(i, "range character '-' must be followed by a Unicode character");
          const hi = next()!;
          if (!hi.escaped && (hi.r === 0x5d || hi.r === 0x2d)) invalidGlob(i, "range character '-' cannot be followed by a special symbol");
          if (hi.r < prev!) {
            invalidGlob(i, `range is out of order: '${String.fromCodePoint(hi.r)}' comes before '${String.fromCodePoint(prev!)}' in Unicode`);
          }
          for (let x = prev!; x <= hi.r; x++) set.add(x);
          prev = undefined;
          continue;
        }
        set.add(u.r);
        prev = u.r;
      }
      if (!complete) invalidGlob(i, "found [ without matching ]");
      tokens.push({ set, flag: "" });
    } else tokens.push({ set: new Set([r]), flag: "" });
  }
  return tokens;
}

function tokensOverlap(a: GlobToken, b: GlobToken): boolean {
  if (a.set === undefined || b.set === undefined) return true;
  const [small, big] = a.set.size <= b.set.size ? [a.set, b.set] : [b.set, a.set];
  for (const x of small) if (big.has(x)) return true;
  return false;
}

/** Emptiness of the intersection of the two globs' languages, by search over the product automaton. */
export function regexGlobsIntersect(p1: string, p2: string): boolean {
  // `x+` is `x` followed by `x*`.
  const expand = (ts: GlobToken[]): GlobToken[] =>
    ts.flatMap((t) => (t.flag === "+" ? [{ set: t.set, flag: "" as const }, { set: t.set, flag: "*" as const }] : [t]));
  const g1 = expand(tokenizeRegexGlob(p1));
  const g2 = expand(tokenizeRegexGlob(p2));
  const n2 = g2.length + 1;
  const seen = new Uint8Array((g1.length + 1) * n2);
  const stack: number[] = [0];
  seen[0] = 1;
  const push = (i: number, j: number): void => {
    const k = i * n2 + j;
    if (!seen[k]) {
      seen[k] = 1;
      stack.push(k);
    }
  };
  while (stack.length > 0) {
    const k = stack.pop()!;
    const i = Math.floor(k / n2);
    const j = k % n2;
    if (i === g1.length && j === g2.length) return true;
    const a = g1[i];
    const b = g2[j];
    // A starred element may be skipped.
    if (a?.flag === "*") push(i + 1, j);
    if (b?.flag === "*") push(i, j + 1);
    // Both consume one common character.
    if (a && b && tokensOverlap(a, b)) push(a.flag === "*" ? i : i + 1, b.flag === "*" ? j : j + 1);
  }
  return false;
}

export const builtins: BuiltinDef[] = [
  {
    name: "regex.is_valid",
    decl: { args: [S], result: T.boolean },
    impl: (args) => typeof args[0] === "string" && isValidRegexp(args[0]),
  },
  {
    name: "regex.match",
    decl: { args: [S, S], result: T.boolean },
    impl: (args, ctx) => {
      const p = argString(args, 0);
      const s = argString(args, 1);
      return getRegexp(p, ctx).test(s);
    },
  },
  {
    name: "re_match",
    decl: { args: [S, S], result: T.boolean },
    impl: (args, ctx) => {
      const p = argString(args, 0);
      const s = argString(args, 1);
      return getRegexp(p, ctx).test(s);
    },
  },
  {
    name: "regex.split",
    decl: { args: [S, S], result: T.array(S) },
    impl: (args, ctx) => {
      const p = argString(args, 0);
      const s = argString(args, 1);
      return goSplit(getRegexp(p, ctx), s);
    },
  },
  {
    name: "regex.find_n",
    decl: { args: [S, S, T.number], result: T.array(S) },
    impl: (args, ctx) => {
      const p = argString(args, 0);
      const s = argString(args, 1);
      const n = Number(argInteger(args, 2));
      const r = getRegexp(p, ctx);
      return findAllIndex(r, s, n).map((m) => s.slice(m[0], m[1]));
    },
  },
  {
    name: "regex.find_all_string_submatch_n",
    decl: { args: [S, S, T.number], result: T.array(T.array(S)) },
    impl: (args, ctx) => {
      const p = argString(args, 0);
      const s = argString(args, 1);
      const n = Number(argInteger(args, 2));
      const r = getRegexp(p, ctx);
      const all = (re2(r).findAllSubmatchIndex(s, n) as number[][] | null) ?? [];
      return all.map((m) => {
        const groups: Value[] = [];
        for (let i = 0; i + 1 < m.length; i += 2) groups.push(m[i] >= 0 ? s.slice(m[i], m[i + 1]) : "");
        return groups;
      });
    },
  },
  {
    name: "regex.replace",
    decl: { args: [S, S, S], result: S },
    impl: (args, ctx) => {
      const s = argString(args, 0);
      const p = argString(args, 1);
      const v = argString(args, 2);
      return regexReplace(getRegexp(p, ctx), s, v);
    },
  },
  {
    name: "regex.template_match",
    decl: { args: [S, S, S, S], result: T.boolean },
    impl: (args, ctx) => {
      const pattern = argString(args, 0);
      const match = argString(args, 1);
      const start = argString(args, 2);
      const end = argString(args, 3);
      const startLen = new TextEncoder().encode(start).length;
      if (startLen !== 1) throw builtinError(`start delimiter has to be exactly one character long but is ${startLen} long`);
      if (new TextEncoder().encode(end).length !== 1) {
        throw builtinError(`end delimiter has to be exactly one character long but is ${startLen} long`);
      }
      const r = compileCached(`tpl:${start}${end}:${pattern}`, ctx, () => compileTemplate(pattern, start, end));
      return r.test(match);
    },
  },
  {
    name: "regex.globs_match",
    decl: { args: [S, S], result: T.boolean },
    impl: (args) => regexGlobsIntersect(argString(args, 0), argString(args, 1)),
  },
];
