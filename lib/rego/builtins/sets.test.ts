import { describe, expect, it } from "vitest";
import { json, fails, s } from "./testing";

describe("union and intersection", () => {
  it("combine a set of sets", () => {
    expect(json("union", s())).toEqual([]);
    expect(json("union", s(s(), s(1, 2)))).toEqual([1, 2]);
    expect(json("union", s(s(1, 2, 3), s(2, 3, 4), s(4, 5, 6)))).toEqual([1, 2, 3, 4, 5, 6]);
    expect(json("intersection", s())).toEqual([]);
    expect(json("intersection", s(s(), s(1, 2)))).toEqual([]);
    expect(json("intersection", s(s(1, 2, 3), s(2)))).toEqual([2]);
    expect(json("intersection", s(s(1, 2, 3), s(2, 3, 4), s(4, 5, 6)))).toEqual([]);
    expect(json("intersection", s(s("a", "b", "c", "d"), s("b", "c", "d"), s("c", "d"), s("d")))).toEqual(["d"]);
  });

  it("require sets of sets", () => {
    expect(fails("union", [s()])).toBe("eval_type_error: operand 1 must be set but got array");
    expect(fails("intersection", s(1))).toBe("eval_type_error: operand 1 must be set but got number");
  });
});

describe("set_diff (deprecated)", () => {
  it("is the set difference", () => {
    expect(json("set_diff", s(1, 2, 3), s(2))).toEqual([1, 3]);
    expect(fails("set_diff", s(1), [1])).toBe("eval_type_error: operand 2 must be set but got array");
  });
});
