import { describe, expect, it } from "vitest";
import { lookupBuiltin, type BuiltinContext } from ".";
import type { Value } from "../value";

const ctx: BuiltinContext = { strict: true, nowNs: 0n, cache: new Map() };
const match = (pattern: string, delims: Value, s: string) => lookupBuiltin("glob.match")!.impl([pattern, delims, s], ctx);

describe("glob.match (gobwas/glob semantics)", () => {
  it("stops * and ? at delimiters; [] defaults to '.', null means none", () => {
    expect(match("*.example.org", ["."], "www.example.org")).toBe(true);
    expect(match("*.example.org", ["."], "a.b.example.org")).toBe(false);
    expect(match("*.example.org", [], "a.b.example.org")).toBe(false);
    expect(match("*.example.org", null, "a.b.example.org")).toBe(true);
    expect(match("a?c", ["/"], "a/c")).toBe(false);
    expect(match("a?c", ["/"], "abc")).toBe(true);
  });

  it("lets ** cross delimiters", () => {
    expect(match("repo/**/main", ["/"], "repo/x/y/main")).toBe(true);
    expect(match("repo/*/main", ["/"], "repo/x/y/main")).toBe(false);
  });

  it("supports lists, ranges, negation, alternatives and escapes", () => {
    expect(match("v[0-9].x", [], "v7.x")).toBe(true);
    expect(match("v[!0-9]", [], "v7")).toBe(false);
    expect(match("[xyz]z", [], "yz")).toBe(true);
    expect(match("[!xyz]z", [], "az")).toBe(true);
    expect(match("{dev,staging}-*", ["-"], "staging-eu")).toBe(true);
    expect(match("{dev,staging}-*", ["-"], "prod-eu")).toBe(false);
    expect(match("{a,{b,c}d}", [], "cd")).toBe(true);
    expect(match("lit\\*", [], "lit*")).toBe(true);
    expect(match("lit\\*", [], "litx")).toBe(false);
    expect(match("a,b", [], "a,b")).toBe(true);
  });

  it("checks the delimiter operand and reports pattern errors", () => {
    expect(() => match("*", "x", "x")).toThrow("operand 2 must be one of {array, null} but got string");
    expect(() => match("*", [1], "x")).toThrow("operand 2 must be array of strings but got array containing number");
    expect(() => match("[abc", [], "a")).toThrow("unexpected end of input");
  });

  it("caches compiled globs per pattern and delimiters", () => {
    match("cache-*", ["-"], "cache-x");
    expect([...ctx.cache.keys()].some((k) => k.startsWith("glob:cache-*"))).toBe(true);
  });

  it("quotes glob metacharacters", () => {
    const quote = (s: string) => lookupBuiltin("glob.quote_meta")!.impl([s], ctx);
    expect(quote("*.svc?[0]{a}")).toBe("\\*.svc\\?\\[0\\]\\{a\\}");
    expect(match(quote("a*b") as string, [], "a*b")).toBe(true);
  });
});
