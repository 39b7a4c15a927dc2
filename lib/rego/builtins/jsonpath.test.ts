import { describe, expect, it } from "vitest";
import { RObject } from "../value";
import { json, fails, s, o } from "./testing";

const doc = o({ a: { b: { c: 7, d: 8 } }, e: 9 });

describe("json.filter", () => {
  it("keeps the given paths", () => {
    expect(json("json.filter", doc, s("a/b/c"))).toEqual({ a: { b: { c: 7 } } });
    expect(json("json.filter", doc, ["a/b/c", "e"])).toEqual({ a: { b: { c: 7 } }, e: 9 });
    expect(json("json.filter", doc, s(["a", "b", "c"], ["e"]))).toEqual({ a: { b: { c: 7 } }, e: 9 });
    expect(json("json.filter", doc, s("a/b/d", ["a", "b", "c"]))).toEqual({ a: { b: { c: 7, d: 8 } } });
    expect(json("json.filter", o({ a: { b: 7 } }), s("a", "a/b"))).toEqual({ a: { b: 7 } });
    expect(json("json.filter", o({ a: 7 }), s())).toEqual({});
    expect(json("json.filter", o({ a: [{ b: 7, c: 8 }, { d: 9 }] }), s("a/0/b", "a/1"))).toEqual({ a: [{ b: 7 }, { d: 9 }] });
    expect(json("json.filter", o({ a: [{ "1": ["b", "c", "d"] }, { x: "y" }] }), s("a/0/1/2"))).toEqual({ a: [{ "1": ["d"] }] });
    expect(json("json.filter", o({ "a/b": 1, "m~n": 2, c: 3 }), ["/a~1b", "m~0n"])).toEqual({ "a/b": 1, "m~n": 2 });
  });
});

describe("json.remove", () => {
  it("drops the given paths", () => {
    expect(json("json.remove", doc, s("a/b/c"))).toEqual({ a: { b: { d: 8 } }, e: 9 });
    expect(json("json.remove", doc, ["a/b/c", "e"])).toEqual({ a: { b: { d: 8 } } });
    expect(json("json.remove", o({ a: { b: 7 }, c: 1 }), s("a", "a/b"))).toEqual({ c: 1 });
    expect(json("json.remove", o({ a: { b: 7 }, c: 1 }), s("a/b", "c"))).toEqual({ a: {} });
    expect(json("json.remove", o({ a: [{ b: 7, c: 8 }, { d: 9 }] }), s("a/0/b", "a/1"))).toEqual({ a: [{ c: 8 }] });
    expect(json("json.remove", o({ a: 7 }), s())).toEqual({ a: 7 });
    expect(json("json.remove", doc, s("a/b/d", ["a", "b", "c"]))).toEqual({ a: { b: {} }, e: 9 });
  });

  it("reports bad operands with OPA's wording", () => {
    expect(fails("json.remove", "foo", s("a"))).toBe("eval_type_error: operand 1 must be object but got string");
    expect(fails("json.remove", doc, o({ y: 1 }))).toBe("eval_type_error: operand 2 must be one of {set, array} but got object");
    expect(fails("json.remove", doc, s(1, "a"))).toBe(
      "eval_type_error: operand 2 must be one of {set, array} containing string paths or array of path segments but got number",
    );
    expect(fails("json.filter", doc, ["a", o({ x: 1 })])).toBe(
      "eval_type_error: operand 2 must be one of {set, array} containing string paths or array of path segments but got object",
    );
  });
});

describe("json.patch", () => {
  const patch = (d: unknown, ...ops: unknown[]) => json("json.patch", o(d), o(ops));

  it("applies RFC 6902 operations", () => {
    expect(patch({ foo: "bar" }, { op: "add", path: "/baz", value: "qux" })).toEqual({ baz: "qux", foo: "bar" });
    expect(patch({ foo: ["bar", "baz"] }, { op: "add", path: "/foo/1", value: "qux" })).toEqual({ foo: ["bar", "qux", "baz"] });
    expect(patch({ foo: ["bar", "qux", "baz"] }, { op: "remove", path: "/foo/1" })).toEqual({ foo: ["bar", "baz"] });
    expect(patch({ baz: "qux" }, { op: "replace", path: "/baz", value: "boo" })).toEqual({ baz: "boo" });
    expect(patch({ foo: { bar: "baz", waldo: "fred" }, qux: { corge: "grault" } }, { op: "move", from: "/foo/waldo", path: "/qux/thud" })).toEqual({
      foo: { bar: "baz" },
      qux: { corge: "grault", thud: "fred" },
    });
    expect(patch({ foo: ["all", "grass", "cows", "eat"] }, { op: "move", from: "/foo/1", path: "/foo/3" })).toEqual({ foo: ["all", "cows", "eat", "grass"] });
    expect(patch({ baz: [{ qux: "hello" }], bar: 1 }, { op: "copy", from: "/baz/0", path: "/boo" })).toEqual({ baz: [{ qux: "hello" }], bar: 1, boo: { qux: "hello" } });
    expect(patch({ baz: "qux", foo: ["a", 2] }, { op: "test", path: "/baz", value: "qux" }, { op: "test", path: "/foo/1", value: 2 })).toEqual({ baz: "qux", foo: ["a", 2] });
    expect(patch([1, 2], { op: "add", path: "/-", value: 3 })).toEqual([1, 2, 3]);
    expect(patch({}, { op: "add", path: "", value: [] })).toEqual([]);
    expect(patch({}, { op: "add", path: "/", value: 1 })).toEqual({ "": 1 });
    expect(patch({ "/": 9, "~1": 10 }, { op: "test", path: "/~01", value: 10 })).toEqual({ "/": 9, "~1": 10 });
    expect(patch({ foo: null }, { op: "move", from: "/foo", path: "/bar" })).toEqual({ bar: null });
    expect(patch([1, 2, 3, 4], { op: "remove", path: "/1" }, { op: "remove", path: "/2" })).toEqual([1, 3]);
  });

  it("is undefined when an operation cannot apply", () => {
    expect(patch({ q: { bar: 2 } }, { op: "add", path: "/a/b", value: 1 })).toBeUndefined();
    expect(patch({ baz: "qux" }, { op: "test", path: "/baz", value: "bar" })).toBeUndefined();
    expect(patch({ bar: [1, 2] }, { op: "add", path: "/bar/8", value: "5" })).toBeUndefined();
    expect(patch({ bar: [1, 2] }, { op: "add", path: "/bar/-1", value: "5" })).toBeUndefined();
    expect(patch(["foo", "bar"], { op: "test", path: "/1e0", value: "bar" })).toBeUndefined();
    expect(patch(["foo", "bar"], { op: "test", path: "/01", value: "bar" })).toBeUndefined();
    expect(patch({ foo: "bar" }, { op: "remove", path: "/baz" })).toBeUndefined();
    expect(patch(["foo", "bar"], { op: "remove", path: "/2" })).toBeUndefined();
    expect(patch({ foo: 1 }, { op: "copy", from: "/bar", path: "/foo" })).toBeUndefined();
    expect(patch([1, 2, 3], { op: "add", path: "1.2", value: "foo" })).toBeUndefined();
  });

  it("extends paths to sets and non-string segments", () => {
    const d = RObject.fromEntries([["foo", s("a", "b", "c")]]);
    expect(json("json.patch", d, [o({ op: "remove", path: "foo/b" })])).toEqual({ foo: ["a", "c"] });
    expect(json("json.patch", d, [o({ op: "add", path: "foo/d", value: "d" })])).toEqual({ foo: ["a", "b", "c", "d"] });
    expect(json("json.patch", d, [o({ op: "add", path: "foo/d", value: "e" })])).toBeUndefined();
    const nested = s([1]);
    expect(json("json.patch", nested, [RObject.fromEntries([["op", "add"], ["path", [[1], 1]], ["value", 2]])])).toEqual([[1, 2]]);
  });

  it("rejects malformed operations", () => {
    expect(fails("json.patch", o({}), o([{ op: "add", value: "bar" }]))).toBe("eval_type_error: operand 2 patch is missing 'path' attribute");
    expect(fails("json.patch", o({}), o([{ op: "spam", path: "/foo", value: 1 }]))).toBe("eval_type_error: operand 2 must be an array of JSON-Patch objects");
    expect(fails("json.patch", o({}), o([1]))).toBe("eval_type_error: operand 2 must be an array of JSON-Patch objects");
    expect(fails("json.patch", o({}), o([{ op: 1, path: "" }]))).toBe("eval_type_error: operand 2 patch attribute 'op' must be a string");
    expect(fails("json.patch", o({}), o({}))).toBe("eval_type_error: operand 2 must be array but got object");
  });
});
