import { describe, expect, it } from "vitest";
import { RObject } from "../value";
import { call, json, fails, s, o } from "./testing";

describe("object.get", () => {
  it("gets a key or the default", () => {
    expect(call("object.get", o({ a: "b" }), "a", "c")).toBe("b");
    expect(call("object.get", o({ a: "b" }), "c", "c")).toBe("c");
    expect(call("object.get", RObject.fromEntries([[1, 2]]), 1, 3)).toBe(2);
    expect(json("object.get", o({ a: { b: "c" } }), "a", true)).toEqual({ b: "c" });
  });

  it("follows an array key as a path through objects, arrays and sets", () => {
    expect(json("object.get", o({ a: 1 }), [], 2)).toEqual({ a: 1 });
    expect(call("object.get", o({ a: { b: { c: 1 } } }), ["a", "b", "c"], 2)).toBe(1);
    expect(call("object.get", o({ a: { b: { c: 1 } } }), ["a", "b", "a"], 2)).toBe(2);
    expect(call("object.get", o({ a: { b: [1, 2, 3] } }), ["a", "b", "a"], 2)).toBe(2);
    expect(call("object.get", o({ a: { b: [{ c: 1 }] } }), ["a", "b", 0, "c"], 2)).toBe(1);
    const nested = RObject.fromEntries([[1, RObject.fromEntries([["b", RObject.fromEntries([[[1, 2, 3], 1]])]])]]);
    expect(call("object.get", nested, [1, "b", [1, 2, 3]], 2)).toBe(1);
    expect(call("object.get", RObject.fromEntries([["s", s("x")]]), ["s", "x"], 2)).toBe("x");
    expect(fails("object.get", "object", ["a"], 2)).toBe("eval_type_error: operand 1 must be object but got string");
  });
});

describe("object.keys, object.remove and object.filter", () => {
  it("returns the keys as a set", () => {
    expect(json("object.keys", o({ a: 1, b: 2 }))).toEqual(["a", "b"]);
    expect(json("object.keys", RObject.fromEntries([[["b"], 1], [["a"], 2]]))).toEqual([["a"], ["b"]]);
    expect(fails("object.keys", "x")).toBe("eval_type_error: operand 1 must be object but got string");
  });

  it("removes keys given as a set, an array or an object's keys", () => {
    const obj = o({ a: 1, b: { c: 3 }, d: 4 });
    expect(json("object.remove", obj, s("b", "d"))).toEqual({ a: 1 });
    expect(json("object.remove", obj, ["d", "b"])).toEqual({ a: 1 });
    expect(json("object.remove", obj, o({ b: 1, d: "" }))).toEqual({ a: 1 });
    expect(json("object.remove", obj, s("z"))).toEqual({ a: 1, b: { c: 3 }, d: 4 });
    expect(json("object.remove", o({ a: { b: { c: 2 } }, x: 123 }), o({ a: { b: { foo: "bar" } } }))).toEqual({ x: 123 });
    expect(json("object.remove", RObject.fromEntries([["a", 1], [[[7]], 2]]), s([[7]]))).toEqual({ a: 1 });
    expect(fails("object.remove", null, s("a"))).toBe("eval_type_error: operand 1 must be object but got null");
    expect(fails("object.remove", o({ a: 1 }), "foo")).toBe("eval_type_error: operand 2 must be one of {object, set, array} but got string");
  });

  it("keeps only the given keys", () => {
    const obj = o({ a: 1, b: 2, c: 3, e: 9 });
    expect(json("object.filter", obj, s("a", "e"))).toEqual({ a: 1, e: 9 });
    expect(json("object.filter", obj, ["a", "e"])).toEqual({ a: 1, e: 9 });
    expect(json("object.filter", obj, o({ a: "foo", e: "" }))).toEqual({ a: 1, e: 9 });
    expect(json("object.filter", obj, [])).toEqual({});
    expect(json("object.filter", o({ a: { b: { c: 7 } } }), s("a"))).toEqual({ a: { b: { c: 7 } } });
    const nonString = call("object.filter", RObject.fromEntries([["a", 1], [[[7]], 2]]), s([[7]]));
    expect(nonString).toEqual(RObject.fromEntries([[[[7]], 2]]));
    expect(fails("object.filter", ["a"], s("a"))).toBe("eval_type_error: operand 1 must be object but got array");
    expect(fails("object.filter", o({}), null)).toBe("eval_type_error: operand 2 must be one of {object, set, array} but got null");
  });
});

describe("object.union and object.union_n", () => {
  it("merges recursively, the right side winning", () => {
    expect(json("object.union", o({}), o({ a: 1 }))).toEqual({ a: 1 });
    expect(json("object.union", o({ a: { b: { c: 1 } } }), o({ b: 2 }))).toEqual({ a: { b: { c: 1 } }, b: 2 });
    expect(json("object.union", o({ a: 1 }), o({ a: { b: { c: 1 } }, d: 7 }))).toEqual({ a: { b: { c: 1 } }, d: 7 });
    expect(json("object.union", o({ a: { b: { c: 1 } }, e: 1 }), o({ a: { b: "foo", b1: "bar" }, d: 7, e: 17 }))).toEqual({
      a: { b: "foo", b1: "bar" },
      d: 7,
      e: 17,
    });
    expect(fails("object.union", o({ a: 1 }), [1])).toBe("eval_type_error: operand 2 must be object but got array");
  });

  it("folds an array of objects", () => {
    expect(json("object.union_n", [o({})])).toEqual({});
    expect(json("object.union_n", [o({ foo: "bar" }), o({ foo: "baz" })])).toEqual({ foo: "baz" });
    expect(json("object.union_n", [o({ a: 1, b: 2, c: 3 }), o({ foo: "baz", a: "a", d: 4 }), o({ a: "final A!", e: 5.0 })])).toEqual({
      a: "final A!",
      b: 2,
      c: 3,
      d: 4,
      e: 5,
      foo: "baz",
    });
    expect(json("object.union_n", [o({ a: { b: 2 } }), o({ a: 4 }), o({ a: { c: 3 } })])).toEqual({ a: { c: 3 } });
    expect(json("object.union_n", [o({ a: { b: 2 } }), o({ a: { c: 3 } })])).toEqual({ a: { b: 2, c: 3 } });
    expect(fails("object.union_n", [o({ foo: 1 }), "baz"])).toBe("eval_type_error: operand 1 must be array of objects but got array containing string");
  });
});

describe("object.subset", () => {
  it("matches objects recursively, sets by members and arrays as contiguous runs", () => {
    const A = o({ a: 5, b: 7, nested: { x: 10, y: 15, z: 20 } });
    expect(call("object.subset", A, o({ a: 5, nested: { x: 10 } }))).toBe(true);
    expect(call("object.subset", o({ a: 5 }), A)).toBe(false);
    expect(call("object.subset", o({ a: 5, b: 7 }), o({ a: 5, b: 10 }))).toBe(false);
    const withColl = RObject.fromEntries([["s", s(1, 2, 3, 4)], ["a", [6, 7, 8, 9]]]);
    expect(call("object.subset", withColl, RObject.fromEntries([["s", s(4, 1)], ["a", [6, 7]]]))).toBe(true);
    expect(call("object.subset", s(1, 2, 3), s(3, 2))).toBe(true);
    expect(call("object.subset", s(1, 2, 3, s("a", "b", "c")), s(3, s("a", "b")))).toBe(false);
    expect(call("object.subset", [1, 2, 3, 4, 5, 6], [3, 4, 5])).toBe(true);
    expect(call("object.subset", [1, 2, 3, 4, 5, 6], [4, 5, 6, 8])).toBe(false);
    expect(call("object.subset", [1, 2, 3, 4, 5, 6], [1, 2, 3, 4, 5, 6])).toBe(true);
    expect(call("object.subset", [1, 2, 3, 4, 5, 6], s(4, 3, 2))).toBe(true);
    expect(call("object.subset", [1, 2, 3], s(9))).toBe(false);
  });

  it("rejects other combinations", () => {
    expect(fails("object.subset", s(4, 3), [1])).toBe(
      "eval_type_error: both arguments object.subset must be of the same type or array and set",
    );
  });
});
