import { describe, expect, it } from "vitest";
import { add, BigDecimal, compare, equal, formatValue, fromJSON, keyOf, multiply, parseNumber, parseNumberLiteral, RObject, RSet, toJSON, type Value } from ".";

describe("value model", () => {
  it("orders kinds as OPA: null < boolean < number < string < array < object < set", () => {
    const ordered: Value[] = [null, false, true, -1, 2.5, 3n ** 40n, "", "a", [], [1], new RObject(), RSet.of([1])];
    const shuffled = [...ordered].reverse();
    expect(shuffled.sort(compare).map(keyOf)).toEqual(ordered.map(keyOf));
  });

  it("treats structurally equal composites as equal keys", () => {
    const a = RObject.fromEntries([[[1, 2], "x"], ["k", RSet.of(["b", "a"])]]);
    const b = RObject.fromEntries([["k", RSet.of(["a", "b"])], [[1, 2], "x"]]);
    expect(equal(a, b)).toBe(true);
    expect(a.get([1, 2])).toBe("x");
    expect(equal(RSet.of([1, "1"]), RSet.of([1]))).toBe(false);
  });

  it("keeps string keys and NUL-prefixed strings apart from other kinds", () => {
    const o = RObject.fromEntries([["\u0000#1", "s"], [1, "n"]]);
    expect(o.get(1)).toBe("n");
    expect(o.get("\u0000#1")).toBe("s");
    expect(o.size).toBe(2);
  });

  it("keeps integers beyond 2^53 exact and equal across representations", () => {
    const big = parseNumber("9223372036854775808");
    expect(typeof big).toBe("bigint");
    expect(add(big!, 1)).toBe(9223372036854775809n);
    expect(multiply(2 ** 52, 4)).toBe(2n ** 54n);
    expect(equal(1e20, 100000000000000000000n)).toBe(true);
    expect(add(2n ** 60n, -(2n ** 60n))).toBe(0);
  });

  it("formats values as Rego terms and converts to JSON with sets as sorted arrays", () => {
    const v = fromJSON({ b: [1, "x", null], a: true });
    expect(formatValue(v)).toBe('{"a": true, "b": [1, "x", null]}');
    expect(formatValue(new RSet())).toBe("set()");
    expect(toJSON(RSet.of([3, 1, 2]))).toEqual([1, 2, 3]);
  });

  it("parses literals beyond float64 as exact integers, within a size cap", () => {
    expect(parseNumberLiteral("2e308")).toBe(2n * 10n ** 308n);
    expect(parseNumberLiteral("-1.5e309")).toBe(-15n * 10n ** 308n);
    expect(parseNumberLiteral("1e100000")).toBeUndefined();
    // a decimal no double holds stays exact (OPA compares such numbers with big.Rat)
    const tiny = parseNumberLiteral("2.5e-400")!;
    expect(tiny).toBeInstanceOf(BigDecimal);
    expect([compare(tiny, 0), compare(tiny, 5e-324), compare(tiny, parseNumberLiteral("25e-401")!)]).toEqual([1, -1, 0]);
    expect(equal(parseNumberLiteral("0.1000000000000000001")!, 0.1)).toBe(false);
    expect(compare(parseNumberLiteral("0.1000000000000000001")!, 0.1)).toBe(1);
    expect(formatValue([tiny])).toBe("[2.5e-400]");
    expect(toJSON(tiny)).toBe(0);
    // decimals a double does hold, and integers written with a fraction, keep their usual form
    expect([parseNumberLiteral("0.1"), parseNumberLiteral("100.50"), parseNumberLiteral("12345678901234567890.0")]).toEqual([0.1, 100.5, 12345678901234567890n]);
    // JSON-ish parsing (to_number) still rejects them, as Go's ParseFloat
    expect(parseNumber("2e308")).toBeUndefined();
  });
});
