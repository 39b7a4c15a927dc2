import { describe, expect, it } from "vitest";
import { lookupBuiltin, type BuiltinContext } from ".";
import { RObject, RSet, type Value } from "../value";

const ctx: BuiltinContext = { strict: true, nowNs: 0n, cache: new Map() };
const call = (name: string, ...args: Value[]) => lookupBuiltin(name)!.impl(args, ctx);
const fails = (name: string, ...args: Value[]) => expect(() => call(name, ...args));

describe("string builtins", () => {
  it("concat joins arrays and sets of strings", () => {
    expect(call("concat", "-", ["", "x", "y"])).toBe("-x-y");
    expect(call("concat", ",", RSet.of(["b", "a"]))).toBe("a,b");
    expect(call("concat", ",", [])).toBe("");
    fails("concat", ",", ["a", 2]).toThrow("operand 2 must be array of strings but got array containing number");
    fails("concat", ",", "ab").toThrow("operand 2 must be one of {set, array} but got string");
  });

  it("counts positions in code points (indexof, indexof_n, substring)", () => {
    expect(call("indexof", "héllo wörld", "wö")).toBe(6);
    expect(call("indexof", "🍕🍔🍟", "🍟")).toBe(2);
    expect(call("indexof", "abc", "z")).toBe(-1);
    expect(call("indexof_n", "🐱🐶🐱🐶", "🐶")).toEqual([1, 3]);
    expect(call("indexof_n", "aaaa", "aa")).toEqual([0, 1, 2]);
    fails("indexof", "abc", "").toThrow("empty search character");
    expect(call("substring", "ñandú", 1, 3)).toBe("and");
    expect(call("substring", "ñandú", 2, -1)).toBe("ndú");
    expect(call("substring", "abc", 5, 1)).toBe("");
    expect(call("substring", "abc", 1, 100)).toBe("bc");
    fails("substring", "abc", -2, 1).toThrow("negative offset");
    fails("substring", "abc", 0.5, 1).toThrow("operand 2 must be integer number but got floating-point number");
  });

  it("splits like Go's strings.Split", () => {
    expect(call("split", "a.b..c", ".")).toEqual(["a", "b", "", "c"]);
    expect(call("split", "", ".")).toEqual([""]);
    expect(call("split", "xyz", "/")).toEqual(["xyz"]);
    expect(call("split", "añ😀", "")).toEqual(["a", "ñ", "😀"]);
  });

  it("trims with cutsets of runes, prefixes, suffixes and Unicode spaces", () => {
    expect(call("trim", "¿¿hola??", "?¿")).toBe("hola");
    expect(call("trim_left", "xxyxz", "xy")).toBe("z");
    expect(call("trim_right", "axyxy", "yx")).toBe("a");
    expect(call("trim_prefix", "prefix-body", "prefix-")).toBe("body");
    expect(call("trim_prefix", "body", "x")).toBe("body");
    expect(call("trim_suffix", "body.rego", ".rego")).toBe("body");
    expect(call("trim_space", "\u00a0\t x y \n\u3000")).toBe("x y");
    // U+FEFF is not a space for Go.
    expect(call("trim_space", "\ufeffx")).toBe("\ufeffx");
  });

  it("maps case rune by rune as Go does", () => {
    expect(call("upper", "grüße")).toBe("GRÜßE");
    expect(call("lower", "ÀÉÎ")).toBe("àéî");
  });

  it("replaces like Go's strings.Replacer", () => {
    expect(call("replace", "a-b-c", "-", "+")).toBe("a+b+c");
    expect(call("replace", "aaa", "aa", "b")).toBe("ba");
    expect(call("replace", "ab", "", "_")).toBe("_a_b_");
    const pats = RObject.fromRecord({ "&": "&amp;", "<": "&lt;" });
    expect(call("strings.replace_n", pats, "<a & b>")).toBe("&lt;a &amp; b>");
    // Keys are tried in sorted order at each position: "a" before "ab".
    expect(call("strings.replace_n", RObject.fromRecord({ ab: "2", a: "1" }), "abab")).toBe("1b1b");
    fails("strings.replace_n", RObject.fromEntries([[1, "x"]]), "a").toThrow("operand 1 non-string key found in pattern object");
    fails("strings.replace_n", RObject.fromRecord({ a: 1 }), "a").toThrow("operand 1 non-string value found in pattern object");
  });

  it("reverses and counts", () => {
    expect(call("strings.reverse", "añ😀")).toBe("😀ña");
    expect(call("strings.count", "banana", "an")).toBe(2);
    expect(call("strings.count", "añ", "")).toBe(3);
    fails("strings.reverse", 5).toThrow("operand 1 must be string but got number");
  });

  it("matches any prefix or suffix among strings, arrays and sets", () => {
    expect(call("strings.any_prefix_match", ["x/1", "y/2"], "y/")).toBe(true);
    expect(call("strings.any_prefix_match", "x/1", RSet.of(["z", "q"]))).toBe(false);
    expect(call("strings.any_suffix_match", RSet.of(["a.rego", "b.json"]), [".yaml", ".json"])).toBe(true);
    expect(call("strings.any_suffix_match", [], ["x"])).toBe(false);
    fails("strings.any_prefix_match", [1], ["x"]).toThrow("operand 1 must be array of strings but got array containing number");
    fails("strings.any_suffix_match", "a", 3).toThrow("operand 2 must be one of {string, set, array} but got number");
  });

  it("checks containment, prefixes and suffixes", () => {
    expect(call("contains", "policy hub", "y h")).toBe(true);
    expect(call("contains", "policy hub", "hubs")).toBe(false);
    expect(call("startswith", "deploy-prod", "deploy")).toBe(true);
    expect(call("endswith", "deploy-prod", "dev")).toBe(false);
  });
});

describe("strings.replace_n with an empty pattern", () => {
  it("inserts at every rune boundary and still lets other patterns match, as Go's Replacer", () => {
    expect(call("strings.replace_n", RObject.fromRecord({ "": "_", a: "1" }), "ab")).toBe("_1_b_");
    expect(call("strings.replace_n", RObject.fromRecord({ "": "_" }), "é😀")).toBe("_é_😀_");
  });
});

describe("strings.split_n", () => {
  const splitN = (...args: Value[]) => lookupBuiltin("strings.split_n")!.impl(args, ctx);
  it("splits into at most n parts, as Go's strings.SplitN", () => {
    expect(splitN("a,b,c,d", ",", 2)).toEqual(["a", "b,c,d"]);
    expect(splitN("a,b,c", ",", -1)).toEqual(["a", "b", "c"]);
    expect(splitN("a,b,c", ",", 0)).toEqual([]);
    expect(splitN("a,b", ",", 5)).toEqual(["a", "b"]);
    expect(splitN("héllo", "", 3)).toEqual(["h", "é", "llo"]);
  });
});
