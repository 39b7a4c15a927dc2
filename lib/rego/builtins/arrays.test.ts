import { describe, expect, it } from "vitest";
import { json, fails, o } from "./testing";

describe("array builtins", () => {
  it("concatenates", () => {
    expect(json("array.concat", [1, 2], [3, 4])).toEqual([1, 2, 3, 4]);
    expect(fails("array.concat", o({ v: 1 }), [3])).toBe("eval_type_error: operand 1 must be array but got object");
    expect(fails("array.concat", [1], o({}))).toBe("eval_type_error: operand 2 must be array but got object");
  });

  it("slices with clamped indices", () => {
    expect(json("array.slice", [1, 2, 3, 4, 5], 1, 3)).toEqual([2, 3]);
    expect(json("array.slice", [1, 2, 3], 0, 0)).toEqual([]);
    expect(json("array.slice", [1, 2, 3, 4, 5], -4, -1)).toEqual([]);
    expect(json("array.slice", [1, 2, 3, 4, 5], 4, 1)).toEqual([]);
    expect(json("array.slice", [1, 2, 3, 4, 5], -1, 2)).toEqual([1, 2]);
    expect(json("array.slice", [1, 2, 3, 4, 5], 3, 6)).toEqual([4, 5]);
    expect(json("array.slice", [1, 2, 3], 1000, 2000)).toEqual([]);
    expect(json("array.slice", [1, 2, 3], 1, 2n ** 70n)).toEqual([2, 3]);
    expect(fails("array.slice", [1], 0.5, 1)).toBe("eval_type_error: operand 2 must be integer number but got floating-point number");
    expect(fails("array.slice", [1], 0, "1")).toBe("eval_type_error: operand 3 must be number but got string");
  });

  it("reverses", () => {
    expect(json("array.reverse", [1, 2, 3])).toEqual([3, 2, 1]);
    expect(json("array.reverse", [])).toEqual([]);
    expect(fails("array.reverse", o({ bar: "baz" }))).toBe("eval_type_error: operand 1 must be array but got object");
  });
});

describe("array.flatten", () => {
  it("splices array members one level deep, keeping other values (OPA's nested-concat replacement)", () => {
    expect(json("array.flatten", [[1, 2], [3], []])).toEqual([1, 2, 3]);
    expect(json("array.flatten", ["x", [1, [2]], o({ a: 1 })])).toEqual(["x", 1, [2], { a: 1 }]);
    expect(json("array.flatten", [])).toEqual([]);
    expect(fails("array.flatten", "x")).toBe("eval_type_error: operand 1 must be array but got string");
  });
});
