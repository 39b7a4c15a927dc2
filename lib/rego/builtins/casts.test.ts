import { describe, expect, it } from "vitest";
import { call, json, fails, s, o } from "./testing";

describe("casts", () => {
  it("convert between arrays and sets", () => {
    expect(json("cast_array", [1, 2, 3])).toEqual([1, 2, 3]);
    expect(json("cast_array", s(3, 1, 2))).toEqual([1, 2, 3]);
    expect(call("cast_set", [1, 1, 1])).toEqual(s(1));
    expect(call("cast_set", s(1, 2))).toEqual(s(1, 2));
    expect(fails("cast_array", "hello")).toBe("eval_type_error: operand 1 must be one of {array, set} but got string");
    expect(fails("cast_set", "hello")).toBe("eval_type_error: operand 1 must be one of {array, set} but got string");
  });

  it("pass through values of their own type and reject others", () => {
    expect(call("cast_null", null)).toBe(null);
    expect(call("cast_boolean", false)).toBe(false);
    expect(call("cast_string", "x")).toBe("x");
    expect(json("cast_object", o({}))).toEqual({});
    expect(fails("cast_null", o({}))).toBe("eval_type_error: operand 1 must be null but got object");
    expect(fails("cast_string", ["1"])).toBe("eval_type_error: operand 1 must be string but got array");
    expect(fails("cast_boolean", 1)).toBe("eval_type_error: operand 1 must be boolean but got number");
    expect(fails("cast_object", [1])).toBe("eval_type_error: operand 1 must be object but got array");
  });
});
