import { describe, expect, it } from "vitest";
import { lookupBuiltin, type BuiltinContext } from ".";
import type { Value } from "../value";

const ctx: BuiltinContext = { strict: true, nowNs: 0n, cache: new Map() };
const call = (name: string, ...args: Value[]) => lookupBuiltin(name)!.impl(args, ctx);

describe("regex builtins (RE2)", () => {
  it("matches anywhere unless anchored, for both spellings", () => {
    expect(call("regex.match", "b+", "abbbc")).toBe(true);
    expect(call("re_match", "^b+$", "abbbc")).toBe(false);
    expect(call("regex.match", `^\\d{3}-\\d{4}$`, "555-1234")).toBe(true);
  });

  it("reports Go's parse errors and caches compiled patterns in the query cache", () => {
    expect(() => call("regex.match", "a(b", "x")).toThrow("error parsing regexp: missing closing ): `a(b`");
    expect(() => call("re_match", "x**", "x")).toThrow("error parsing regexp: invalid nested repetition operator: `**`");
    expect(() => call("regex.match", "[z-a]", "x")).toThrow("error parsing regexp: invalid character class range: `z-a`");
    call("regex.match", "cached+", "x");
    expect(ctx.cache.has("re:cached+")).toBe(true);
  });

  it("validates patterns without raising", () => {
    expect(call("regex.is_valid", "^[a-z]+$")).toBe(true);
    expect(call("regex.is_valid", "*a")).toBe(false);
    expect(call("regex.is_valid", "(?<name>x)")).toBe(true);
  });

  it("splits like Go's Regexp.Split", () => {
    expect(call("regex.split", ",\\s*", "a, b,c")).toEqual(["a", "b", "c"]);
    expect(call("regex.split", "o", "foo")).toEqual(["f", "", ""]);
    expect(call("regex.split", "x*", "abc")).toEqual(["a", "b", "c"]);
    expect(call("regex.split", "a", "")).toEqual([""]);
  });

  it("finds matches and submatches with a limit", () => {
    expect(call("regex.find_n", "[0-9]+", "a1b22c333", -1)).toEqual(["1", "22", "333"]);
    expect(call("regex.find_n", "[0-9]+", "a1b22c333", 2)).toEqual(["1", "22"]);
    expect(call("regex.find_n", "z", "abc", -1)).toEqual([]);
    expect(call("regex.find_all_string_submatch_n", "(\\w)=(\\d)?", "a=1 b= c=3", -1)).toEqual([
      ["a=1", "a", "1"],
      ["b=", "b", ""],
      ["c=3", "c", "3"],
    ]);
    expect(call("regex.find_all_string_submatch_n", "q", "abc", -1)).toEqual([]);
  });

  it("replaces with Go's template expansion ($1, ${name}, $$)", () => {
    expect(call("regex.replace", "2024-01-31", "(\\d+)-(\\d+)-(\\d+)", "$3/$2/$1")).toBe("31/01/2024");
    expect(call("regex.replace", "k=v", "(?P<key>\\w)=(?P<val>\\w)", "${val}=${key}$$")).toBe("v=k$");
    // "$1x" names group "1x", which does not exist: it expands to nothing, as in Go.
    expect(call("regex.replace", "ab", "(a)", "$1x")).toBe("b");
    expect(call("regex.replace", "aaa", "b", "c")).toBe("aaa");
    expect(() => call("regex.replace", "x", "(", "y")).toThrow("missing closing )");
  });

  it("matches templates with custom delimiters", () => {
    expect(call("regex.template_match", "id:<[0-9]+>:end", "id:42:end", "<", ">")).toBe(true);
    expect(call("regex.template_match", "id:{[0-9]+}", "id:x", "{", "}")).toBe(false);
    expect(call("regex.template_match", "a.{b}", "axb", "{", "}")).toBe(false);
    expect(() => call("regex.template_match", "id:{x", "id:x", "{", "}")).toThrow('unbalanced braces in "id:{x"');
    expect(() => call("regex.template_match", "x", "x", "<<", ">")).toThrow("start delimiter has to be exactly one character long but is 2 long");
  });
});

describe("regex.globs_match", () => {
  const gm = (a: string, b: string) => call("regex.globs_match", a, b);
  it("decides whether two regex-style globs share a match", () => {
    expect(gm("a.a.", ".b.b")).toBe(true);
    expect(gm("[a-z]+", "[0-9]*")).toBe(false);
    expect(gm("[a-z]+", "[0-9]+")).toBe(false);
    expect(gm("svc-.*", "svc-[0-9]+")).toBe(true);
    expect(gm("svc-a.*", "svc-[0-9]+")).toBe(false);
    expect(gm("a\\.b", "a.b")).toBe(true);
    expect(gm("a\\.b", "axb")).toBe(false);
  });

  it("reports malformed globs", () => {
    expect(() => gm("[abc", "a")).toThrow("found [ without matching ]");
    expect(() => gm("*a", "a")).toThrow("flag '*' must be preceded by a non-flag");
  });
});
