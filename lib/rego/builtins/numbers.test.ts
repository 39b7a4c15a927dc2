import { describe, expect, it } from "vitest";
import { call, json, fails, o } from "./testing";

describe("rounding", () => {
  it("rounds half away from zero and keeps integers", () => {
    expect([2.5, -2.5, 2.4, -0.4, 0.49999999999999994, 7].map((x) => call("round", x))).toEqual([3, -3, 2, 0, 0, 7]);
    expect(Object.is(call("round", -0.4), -0)).toBe(false);
    expect(call("round", 2n ** 70n)).toBe(2n ** 70n);
  });

  it("ceils and floors", () => {
    expect([1.01, 1.5, 2222.2222222222, 1, -1.99999].map((x) => call("ceil", x))).toEqual([2, 2, 2223, 1, -1]);
    expect([1.01, 1.5, 99.99999, 1, -1.001].map((x) => call("floor", x))).toEqual([1, 1, 99, 1, -2]);
    expect(Object.is(call("ceil", -0.5), -0)).toBe(false);
  });

  it("takes absolute values", () => {
    expect(call("abs", -10)).toBe(10);
    expect(call("abs", -1.5)).toBe(1.5);
    expect(call("abs", -(2n ** 64n))).toBe(2n ** 64n);
    expect(fails("abs", "x")).toBe("eval_type_error: operand 1 must be number but got string");
  });
});

describe("numbers.range and numbers.range_step", () => {
  it("counts up or down, inclusive", () => {
    expect(json("numbers.range", 0, 0)).toEqual([0]);
    expect(json("numbers.range", -2, 3)).toEqual([-2, -1, 0, 1, 2, 3]);
    expect(json("numbers.range", 2, -3)).toEqual([2, 1, 0, -1, -2, -3]);
    expect(json("numbers.range", 49649733057, 49649733059)).toEqual([49649733057, 49649733058, 49649733059]);
    expect(json("numbers.range", 2n ** 60n, 2n ** 60n + 1n)).toEqual([2n ** 60n, 2n ** 60n + 1n]);
  });

  it("steps by a positive step in either direction", () => {
    expect(json("numbers.range_step", 0, 10, 2)).toEqual([0, 2, 4, 6, 8, 10]);
    expect(json("numbers.range_step", 0, -10, 2)).toEqual([0, -2, -4, -6, -8, -10]);
    expect(json("numbers.range_step", 2, 5, 2)).toEqual([2, 4]);
    expect(json("numbers.range_step", 2, 2, 2)).toEqual([2]);
  });

  it("rejects non-integers and bad steps with OPA's messages", () => {
    expect(fails("numbers.range", 3.14, 4)).toBe("eval_type_error: operand 1 must be integer number but got floating-point number");
    expect(fails("numbers.range", 3, 3.14)).toBe("eval_type_error: operand 2 must be integer number but got floating-point number");
    expect(fails("numbers.range", "3", 4)).toBe("eval_type_error: operand 1 must be integer but got string");
    expect(fails("numbers.range_step", 0, 10, -2)).toBe("eval_builtin_error: step must be a positive number above zero");
    expect(fails("numbers.range_step", 0, 10, 0)).toBe("eval_builtin_error: step must be a positive number above zero");
  });
});

describe("format_int", () => {
  it("formats the truncated integer in bases 2, 8, 10 and 16", () => {
    expect(call("format_int", 10, 2)).toBe("1010");
    expect(call("format_int", 8, 8)).toBe("10");
    expect(call("format_int", 255.9, 16)).toBe("ff");
    expect(call("format_int", -255, 16)).toBe("-ff");
    expect(call("format_int", -0.5, 10)).toBe("0");
    expect(call("format_int", 2n ** 64n, 16)).toBe("10000000000000000");
  });

  it("accepts only the four bases", () => {
    expect(fails("format_int", 10, 3)).toBe("eval_type_error: operand 2 must be one of {2, 8, 10, 16}");
  });
});

describe("to_number", () => {
  it("converts null, booleans, numbers and number strings", () => {
    expect([o("-42.0"), false, 100.1, null, true].map((x) => call("to_number", x))).toEqual([-42, 0, 100.1, 0, 1]);
    expect(call("to_number", "3")).toBe(3);
    expect(call("to_number", "+5")).toBe(5);
    expect(call("to_number", ".5")).toBe(0.5);
    expect(call("to_number", "1e3")).toBe(1000);
    expect(call("to_number", "123456789012345678901234567890")).toBe(123456789012345678901234567890n);
    expect(call("to_number", "0x1p4")).toBe(16);
  });

  it("fails like Go's ParseFloat on bad strings", () => {
    expect(fails("to_number", "broken")).toBe('eval_builtin_error: strconv.ParseFloat: parsing "broken": invalid syntax');
    expect(fails("to_number", "")).toBe('eval_builtin_error: strconv.ParseFloat: parsing "": invalid syntax');
    expect(fails("to_number", "1e400")).toBe('eval_builtin_error: strconv.ParseFloat: parsing "1e400": value out of range');
    expect(fails("to_number", "-Inf")).toBe("eval_type_error: operand 1 must be valid number string but got string");
    expect(fails("to_number", [])).toBe("eval_type_error: operand 1 must be one of {null, boolean, number, string} but got array");
  });
});
