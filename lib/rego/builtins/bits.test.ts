import { describe, expect, it } from "vitest";
import { call, fails } from "./testing";

// Examples from OPA's policy reference (bits) and Go's big.Int semantics.
describe("bits", () => {
  it("and, or, xor of integers", () => {
    expect(call("bits.and", 5, 3)).toBe(1);
    expect(call("bits.or", 5, 3)).toBe(7);
    expect(call("bits.xor", 5, 3)).toBe(6);
    expect(call("bits.and", -1, 12)).toBe(12);
    expect(call("bits.or", 2n ** 64n, 1)).toBe(2n ** 64n + 1n);
  });

  it("negate is two's complement NOT", () => {
    expect(call("bits.negate", 0)).toBe(-1);
    expect(call("bits.negate", 42)).toBe(-43);
    expect(call("bits.negate", -43)).toBe(42);
  });

  it("shifts left and right, arithmetic for negatives", () => {
    expect(call("bits.lsh", 1, 3)).toBe(8);
    expect(call("bits.lsh", 1, 64)).toBe(2n ** 64n);
    expect(call("bits.rsh", 8, 2)).toBe(2);
    expect(call("bits.rsh", -7, 1)).toBe(-4);
    expect(call("bits.rsh", 2n ** 64n, 64)).toBe(1);
    expect(call("bits.rsh", -5, 10n ** 12n)).toBe(-1);
    expect(call("bits.lsh", 0, 10n ** 12n)).toBe(0);
  });

  it("rejects non-integers and negative shifts as OPA", () => {
    expect(fails("bits.and", 1.5, 1)).toBe("eval_type_error: operand 1 must be integer number but got floating-point number");
    expect(fails("bits.or", 1, "a")).toBe("eval_type_error: operand 2 must be integer but got string");
    expect(fails("bits.lsh", 1, -1)).toBe("eval_builtin_error: operand 2 must be an unsigned integer number but got a negative integer");
    expect(fails("bits.lsh", 1, 10n ** 12n)).toMatch(/^eval_builtin_error: shift by more than/);
  });
});
