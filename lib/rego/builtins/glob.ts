/**
 * `glob.match` with the syntax and semantics of github.com/gobwas/glob, which OPA uses:
 * `*` matches any run of non-delimiter characters, `**` any run at all, `?` one non-delimiter
 * character, `[abc]` / `[a-z]` / `[!...]` character lists and ranges, `{a,b}` alternatives, and
 * `\` escapes. Delimiters default to "." when the list is empty and are disabled by `null`.
 * Globs compile to RE2 programs (linear-time matching, no catastrophic backtracking).
 */
import { RE2JS } from "re2js";
import { argString, builtinError, operandTypeError } from "./args";
import { elementTypeError } from "./strings";
import type { BuiltinContext, BuiltinDef } from "./registry";
import { T } from "./types";

const META = new Set(["*", "?", "\\", "[", "]", "{", "}"]);

/** gobwas/glob's QuoteMeta: escapes the glob special characters. */
export function globQuoteMeta(s: string): string {
  let out = "";
  for (const ch of s) out += META.has(ch) ? "\\" + ch : ch;
  return out;
}

function reLiteral(ch: string): string {
  const cp = ch.codePointAt(0)!;
  if (/^[A-Za-z0-9_]$/.test(ch)) return ch;
  if (cp < 0x80) return "\\x{" + cp.toString(16) + "}";
  return ch;
}

class GlobParser {
  private i = 0;
  private readonly chars: string[];

  constructor(
    pattern: string,
    private readonly seps: readonly string[],
  ) {
    this.chars = [...pattern];
  }

  private notSep(): string {
    if (this.seps.length === 0) return "(?s:.)";
    return "[^" + this.seps.map(reLiteral).join("") + "]";
  }

  /** Parses a sequence up to the end, or (inside braces) up to `,` or `}`. */
  parseSeq(inTerms: number): string {
    let out = "";
    while (this.i < this.chars.length) {
      const c = this.chars[this.i];
      if (inTerms > 0 && (c === "," || c === "}")) return out;
      this.i++;
      switch (c) {
        case "{": {
          const alts: string[] = [];
          for (;;) {
            alts.push(this.parseSeq(inTerms + 1));
            if (this.i >= this.chars.length) throw new Error("unexpected end of input");
            const d = this.chars[this.i++];
            if (d === "}") break;
          }
          out += "(?:" + alts.join("|") + ")";
          break;
        }
        case "[":
          out += this.parseRange();
          break;
        case "?":
          out += this.notSep();
          break;
        case "*":
          if (this.chars[this.i] === "*") {
            this.i++;
            out += "(?s:.*)";
          } else out += this.notSep() + "*";
          break;
        case "\\":
          if (this.i < this.chars.length) out += reLiteral(this.chars[this.i++]);
          break;
        default:
          out += reLiteral(c);
      }
    }
    return out;
  }

  private parseRange(): string {
    const c = this.chars;
    let not = false;
    if (c[this.i] === "!") {
      not = true;
      this.i++;
    }
    if (this.i >= c.length) throw new Error("unexpected end of input");
    if (c[this.i + 1] === "-" && this.i + 2 < c.length) {
      const lo = c[this.i];
      const hi = c[this.i + 2];
      this.i += 3;
      if (this.i >= c.length) throw new Error("unexpected end of input");
      if (c[this.i] !== "]") throw new Error("expected close range character");
      this.i++;
      if (lo.codePointAt(0)! > hi.codePointAt(0)!) throw new Error("hi character should be greater than lo character");
      return "[" + (not ? "^" : "") + reLiteral(lo) + "-" + reLiteral(hi) + "]";
    }
    let list = "";
    let escaped = false;
    for (;;) {
      if (this.i >= c.length) throw new Error("unexpected end of input");
      const ch = c[this.i++];
      if (!escaped && ch === "\\") {
        escaped = true;
        continue;
      }
      if (!escaped && ch === "]") break;
      escaped = false;
      list += reLiteral(ch);
    }
    if (list === "") throw new Error("could not parse range");
    return "[" + (not ? "^" : "") + list + "]";
  }
}

const GLOBAL_MAX = 256;
const globalCache = new Map<string, RE2JS | Error>();

export function compileGlob(pattern: string, seps: readonly string[], ctx?: BuiltinContext): RE2JS {
  const key = "glob:" + pattern + "\u0000" + seps.join("");
  let hit = ctx?.cache.get(key) as RE2JS | Error | undefined;
  if (hit === undefined) {
    hit = globalCache.get(key);
    if (hit === undefined) {
      try {
        const body = new GlobParser(pattern, seps).parseSeq(0);
        hit = RE2JS.compile("\\A(?:" + body + ")\\z");
      } catch (e) {
        hit = e instanceof Error ? e : new Error(String(e));
      }
      if (globalCache.size >= GLOBAL_MAX) globalCache.delete(globalCache.keys().next().value!);
      globalCache.set(key, hit);
    }
    ctx?.cache.set(key, hit);
  }
  if (hit instanceof Error) throw builtinError(hit.message);
  return hit;
}

export const builtins: BuiltinDef[] = [
  {
    name: "glob.match",
    decl: { args: [T.string, T.union(T.null, T.array(T.string)), T.string], result: T.boolean },
    impl: (args, ctx) => {
      const pattern = argString(args, 0);
      const d = args[1];
      let seps: string[];
      if (d === null) seps = [];
      else if (Array.isArray(d)) {
        seps = [];
        for (const x of d) {
          if (typeof x !== "string") throw elementTypeError(2, d, x, "string");
          const runes = [...x];
          if (runes.length !== 1) throw elementTypeError(2, d, x, "rune");
          seps.push(runes[0]);
        }
        if (seps.length === 0) seps = ["."];
      } else throw operandTypeError(2, d, "array", "null");
      const match = argString(args, 2);
      return compileGlob(pattern, seps, ctx).matches(match);
    },
  },
  {
    name: "glob.quote_meta",
    decl: { args: [T.string], result: T.string },
    impl: (args) => globQuoteMeta(argString(args, 0)),
  },
];
