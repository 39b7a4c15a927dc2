import { describe, expect, it } from "vitest";
import { call, json, fails, s, o } from "./testing";

describe("count", () => {
  it("counts elements, keys, members and code points", () => {
    expect(call("count", [1, 2, 3, 4])).toBe(4);
    expect(call("count", o({ v1: "hello", v2: "goodbye" }))).toBe(2);
    expect(call("count", s(1, 2, 2))).toBe(2);
    expect(call("count", "abcde")).toBe(5);
    expect(call("count", "åäö")).toBe(3);
    expect(call("count", "a😀b")).toBe(3);
    expect(call("count", "\uFFFD\uFFFD")).toBe(2);
  });

  it("rejects other kinds", () => {
    expect(fails("count", null)).toBe("eval_type_error: operand 1 must be one of {array, object, set, string} but got null");
    expect(fails("count", 5)).toBe("eval_type_error: operand 1 must be one of {array, object, set, string} but got number");
  });
});

describe("sum and product", () => {
  it("sums and multiplies arrays and sets, exactly", () => {
    expect(call("sum", [1, 2, 3, 4])).toBe(10);
    expect(call("sum", s(1, 2, 3, 4))).toBe(10);
    expect(call("sum", [])).toBe(0);
    expect(call("sum", [49649733057, 1])).toBe(49649733058);
    expect(call("sum", [9007199254740991, 9007199254740991])).toBe(18014398509481982n);
    expect(call("sum", [0.1, 0.2, 1])).toBe(1.3);
    expect(call("product", [1, 2, 3, 4])).toBe(24);
    expect(call("product", s(1, 2, 3, 4))).toBe(24);
    expect(call("product", [])).toBe(1);
    expect(call("product", [2 ** 40, 2 ** 40])).toBe(2n ** 80n);
    expect(call("product", [0.1, 3])).toBe(0.3);
  });

  it("rejects non-numbers with OPA's element message", () => {
    expect(fails("sum", [1, "a"])).toBe("eval_type_error: operand 1 must be array of numbers but got array containing string");
    expect(fails("product", s(1, null))).toBe("eval_type_error: operand 1 must be set of numbers but got set containing null");
    expect(fails("sum", 1)).toBe("eval_type_error: operand 1 must be one of {set, array} but got number");
  });
});

describe("max, min and sort", () => {
  it("use the total order; empty collections have no max or min", () => {
    expect(call("max", [1, 2, 3, 4])).toBe(4);
    expect(call("max", s(1, 2, 3, 4))).toBe(4);
    expect(call("min", [3, 2, 1, 4, 6, -7, 10])).toBe(-7);
    expect(call("min", s(1, 2))).toBe(1);
    expect(call("max", [1, "a", null])).toBe("a");
    expect(call("max", [])).toBeUndefined();
    expect(call("min", s())).toBeUndefined();
    expect(json("sort", [4, 3, 2, 1])).toEqual([1, 2, 3, 4]);
    expect(json("sort", s(3, 1, 2))).toEqual([1, 2, 3]);
    expect(json("sort", [s(1), o({}), [], "b", 2, true, null])).toEqual([null, true, 2, "b", [], {}, [1]]);
    expect(fails("sort", "x")).toBe("eval_type_error: operand 1 must be one of {set, array} but got string");
  });
});

describe("all and any", () => {
  it("test for true members only", () => {
    expect(call("all", s())).toBe(true);
    expect(call("all", [])).toBe(true);
    expect(call("all", [true, true])).toBe(true);
    expect(call("all", s(false, true))).toBe(false);
    expect(call("all", [o({}), "", true, true, 123])).toBe(false);
    expect(call("any", s())).toBe(false);
    expect(call("any", [])).toBe(false);
    expect(call("any", s(false, true))).toBe(true);
    expect(call("any", [true, o({}), "false"])).toBe(true);
    expect(call("any", [false])).toBe(false);
    expect(fails("any", 1)).toBe("eval_type_error: operand 1 must be one of {array, set} but got number");
  });
});

describe("membership (in)", () => {
  it("looks in set members, array elements and object values; false for scalars", () => {
    expect(call("internal.member_2", 1, s(1))).toBe(true);
    expect(call("internal.member_2", 1, [1.0])).toBe(true);
    expect(call("internal.member_2", 1, o({ foo: 1 }))).toBe(true);
    expect(call("internal.member_2", 1, s(2))).toBe(false);
    expect(call("internal.member_2", 1, "foo")).toBe(false);
    expect(call("internal.member_2", o({ foo: { baz: 2000 } }), [o({ foo: { baz: 2000 } })])).toBe(true);
  });

  it("checks key and value together", () => {
    expect(call("internal.member_3", "foo", 1, o({ foo: 1 }))).toBe(true);
    expect(call("internal.member_3", 1, "two", ["one", "two"])).toBe(true);
    expect(call("internal.member_3", "1", "two", ["one", "two"])).toBe(false);
    expect(call("internal.member_3", 2, 2, s(2))).toBe(true);
    expect(call("internal.member_3", 1, "foo", 1)).toBe(false);
  });
});
