import { describe, expect, it } from "vitest";
import { fromJSON, RObject, RSet, toJSON, type Value } from "../value";
import { lookupBuiltin } from ".";
import { call, fails, s } from "./testing";

describe("comparison operators", () => {
  it("compare across kinds with the total order", () => {
    expect(call("lt", null, false)).toBe(true);
    expect(call("lt", 10, "a")).toBe(true);
    expect(call("gt", RSet.of([]), fromJSON({}))).toBe(true);
    expect(call("lte", -1, 0)).toBe(true);
    expect(call("gte", 1, 2)).toBe(false);
    expect(call("gt", [1, 2], [1])).toBe(true);
  });

  it("treat integers and floats of equal value as equal, also nested", () => {
    expect(call("equal", 1, 1.0)).toBe(true);
    expect(call("equal", fromJSON({ x: [1, 2, { b: 3.0 }] }), fromJSON({ x: [1, 2, { b: 3 }] }))).toBe(true);
    expect(call("neq", 28857836529306024611913n, 28857836529306024611912n)).toBe(true);
    expect(call("neq", 0, 0)).toBe(false);
  });

  it("declare their infix spellings", () => {
    const infix = Object.fromEntries(
      ["equal", "neq", "lt", "gt", "lte", "gte", "plus", "minus", "mul", "div", "rem", "and", "or"].map((n) => [n, lookupBuiltin(n)!.infix]),
    );
    expect(infix).toEqual({ equal: "==", neq: "!=", lt: "<", gt: ">", lte: "<=", gte: ">=", plus: "+", minus: "-", mul: "*", div: "/", rem: "%", and: "&", or: "|" });
  });
});

describe("arithmetic", () => {
  it("adds, subtracts and multiplies integers exactly, also beyond 2^53", () => {
    expect(call("plus", 49649733057, 1)).toBe(49649733058);
    expect(call("plus", 9007199254740991, 2)).toBe(9007199254740993n);
    expect(call("minus", 9007199254740993n, 2)).toBe(9007199254740991);
    expect(call("mul", 2 ** 40, 2 ** 40)).toBe(2n ** 80n);
    expect(call("minus", 1, 2)).toBe(-1);
  });

  it("computes decimals as OPA does (no binary floating-point noise)", () => {
    expect(call("plus", 0.1, 0.2)).toBe(0.3);
    expect(call("mul", 100, 1.1)).toBe(110);
    expect(call("minus", 1.5, 0.5)).toBe(1);
    expect(call("mul", 0.5, 4)).toBe(2);
    expect(call("plus", 1.5, 2n ** 60n)).toBe(Number(2n ** 60n) + 1.5);
    expect(call("plus", -535513.996645, 8.780120327)).toBe(-535505.216524673);
    expect(call("minus", 8447.38231, -8.5727032678)).toBe(8455.9550132678);
    expect(call("plus", 1e300, 1e300)).toBe(2n * 10n ** 300n);
    expect(call("rem", 1e21, 7)).toBe(Number(10n ** 21n % 7n));
  });

  it("divides to an integer when exact and to a decimal otherwise", () => {
    expect(call("div", 4, 2)).toBe(2);
    expect(call("div", 1, 3)).toBe(0.3333333333333333);
    expect(call("div", 0, -5)).toBe(0);
    expect(Object.is(call("div", 0, -5), -0)).toBe(false);
    expect(call("div", 0.3, 0.1)).toBe(3);
    expect(call("div", 2n ** 64n, 2)).toBe(2n ** 63n);
    expect(call("div", 1, 0.5)).toBe(2);
    expect(call("div", 7, 2)).toBe(3.5);
  });

  it("reports division and modulo errors with OPA's wording", () => {
    expect(fails("div", 1, 0)).toBe("eval_builtin_error: divide by zero");
    expect(fails("div", 1.5, 0)).toBe("eval_builtin_error: divide by zero");
    expect(fails("rem", 7, 0)).toBe("eval_builtin_error: modulo by zero");
    expect(fails("rem", 1.1, 1)).toBe("eval_builtin_error: modulo on floating-point number");
    expect(fails("rem", 1.1, 0)).toBe("eval_builtin_error: modulo on floating-point number");
    expect(fails("plus", "1", 1)).toBe("eval_type_error: operand 1 must be number but got string");
    expect(fails("mul", 1, null)).toBe("eval_type_error: operand 2 must be number but got null");
  });

  it("takes the remainder with the dividend's sign, exactly for big integers", () => {
    expect(call("rem", 7, 4)).toBe(3);
    expect(call("rem", -7, 4)).toBe(-3);
    expect(Object.is(call("rem", -4, 2), -0)).toBe(false);
    expect(call("rem", 10, 18446744073709551616n)).toBe(10);
    expect(call("rem", 18446744073709551617n, 2)).toBe(1);
  });
});

describe("set operators and minus", () => {
  const s = (...xs: Value[]) => RSet.of(xs);
  it("computes difference, intersection and union", () => {
    expect(toJSON(call("minus", s(1, 2, 3, 4), s(1, 3))!)).toEqual([2, 4]);
    expect(toJSON(call("and", s(3, 2, 3), s(3, 4))!)).toEqual([3]);
    expect(toJSON(call("or", s(3, 2), s(3, 4))!)).toEqual([2, 3, 4]);
    expect(toJSON(call("minus", s(1), s(1))!)).toEqual([]);
  });

  it("reports mixed operands as OPA does", () => {
    expect(fails("minus", s(1), 1)).toBe("eval_type_error: operand 2 must be set but got number");
    expect(fails("minus", 1, s(1))).toBe("eval_type_error: operand 2 must be number but got set");
    expect(fails("minus", "a", 1)).toBe("eval_type_error: operand 1 must be one of {number, set} but got string");
    expect(fails("and", s(1), [1])).toBe("eval_type_error: operand 2 must be set but got array");
    expect(fails("or", new RObject(), s())).toBe("eval_type_error: operand 1 must be set but got object");
  });
});
