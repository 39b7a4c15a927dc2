import { describe, expect, it } from "vitest";
import { lookupBuiltin, type BuiltinContext } from ".";
import { RObject, RSet, type Value } from "../value";
import { formatFloatAbs } from "./sprintf";

const ctx: BuiltinContext = { strict: true, nowNs: 0n, cache: new Map() };
const sprintf = (format: string, ...args: Value[]) => lookupBuiltin("sprintf")!.impl([format, args], ctx);

describe("sprintf (Go fmt)", () => {
  it("formats integers with flags, widths and bases", () => {
    expect(sprintf("%d|%4d|%-4d|%04d|%+d|% d", 7, 7, 7, -7, 7, 7)).toBe("7|   7|7   |-007|+7| 7");
    expect(sprintf("%x %X %#x %o %#o %b", 254, 254, 254, 9, 9, 5)).toBe("fe FE 0xfe 11 011 101");
    expect(sprintf("%c %q %U %#U", 0x263a, 0x263a, 0x263a, 0x263a)).toBe("☺ '☺' U+263A U+263A '☺'");
    expect(sprintf("%.3d", 7)).toBe("007");
  });

  it("formats integers beyond int64 as big.Int, also with %s", () => {
    expect(sprintf("%s %d %x", 2n ** 64n, 2n ** 64n, 2n ** 64n)).toBe("18446744073709551616 18446744073709551616 10000000000000000");
  });

  it("passes integers beyond float64's range as their scientific text, as OPA passes the literal 2e308", () => {
    const big = 2n * 10n ** 308n;
    expect(sprintf("hi %v|%s|%d", big, -15n * 10n ** 308n, big)).toBe("hi 2e308|-1.5e309|%!d(string=2e308)");
    expect(sprintf("%v", [big])).toBe("[2e308]");
    expect(sprintf("%v", 10n ** 300n)).toBe("1" + "0".repeat(300)); // within float64: a big.Int
  });

  it("formats floats with Go's precision and rounding rules", () => {
    expect(sprintf("%.2f %.1f %.0f %.0f", 1.005, 0.25, 0.5, 1.5)).toBe("1.00 0.2 0 2");
    expect(sprintf("%f %e %E", 2.5, 1234.5678, 0.00012)).toBe("2.500000 1.234568e+03 1.200000E-04");
    expect(sprintf("%g %g %.3g %G", 100000.5, 1e-7, 3.14159, 2.5e-10)).toBe("100000.5 1e-07 3.14 2.5E-10");
    expect(sprintf("%v %v %v", 0.1, 2.5e6 + 0.5, -1.25)).toBe("0.1 2.5000005e+06 -1.25");
    expect(sprintf("%8.2f|%-8.2f|%08.2f|%+.1f", 3.14159, 3.14159, -3.14159, 2.0 + 0.25)).toBe("    3.14|3.14    |-0003.14|+2.2");
    expect(formatFloatAbs(1e21, "g", -1)).toBe("1e+21");
    expect(formatFloatAbs(123456789, "f", 2)).toBe("123456789.00");
  });

  it("formats strings, quoting and hex", () => {
    expect(sprintf("[%s] [%6s] [%-6s] [%.2s]", "abc", "abc", "abc", "ñandú")).toBe("[abc] [   abc] [abc   ] [ña]");
    expect(sprintf("%q %x % X", 'say "hi"\n', "hi", "hi")).toBe('"say \\"hi\\"\\n" 6869 68 69');
    expect(sprintf("%#q", "raw")).toBe("`raw`");
  });

  it("prints non-string values in Rego syntax, as OPA passes them", () => {
    expect(sprintf("%v", ["a", 1, 2.5])).toBe('["a", 1, 2.5]');
    expect(sprintf("%v %s", RObject.fromRecord({ k: RSet.of([2, 1]) }), new RSet())).toBe('{"k": {1, 2}} set()');
    expect(sprintf("%s %v %v", true, false, null)).toBe("true false null");
    expect(sprintf("%v", ["tab\there", "\u0001"])).toBe('["tab\\there", "\\x01"]');
    // Booleans are Rego text (strings) for Go, so %t does not apply, exactly as in OPA.
    expect(sprintf("%t", true)).toBe("%!t(string=true)");
  });

  it("reports bad verbs, missing and extra arguments like Go", () => {
    expect(sprintf("%d", "x")).toBe("%!d(string=x)");
    expect(sprintf("%s", 5)).toBe("%!s(int=5)");
    expect(sprintf("%d", 1.5)).toBe("%!d(float64=1.5)");
    expect(sprintf("%d and %d", 1)).toBe("1 and %!d(MISSING)");
    expect(sprintf("%d", 1, "two")).toBe("1%!(EXTRA string=two)");
    expect(sprintf("100%%")).toBe("100%");
    expect(sprintf("end%")).toBe("end%!(NOVERB)");
    expect(sprintf("%T %T %T %T", 1, 1.5, "s", 2n ** 70n)).toBe("int float64 string *big.Int");
  });

  it("supports argument indexes and * widths", () => {
    expect(sprintf("%[2]s-%[1]s", "a", "b")).toBe("b-a");
    expect(sprintf("%*d|%.*f", 4, 1, 2, 3.14159)).toBe("   1|3.14");
  });

  it("requires an array of arguments", () => {
    expect(() => lookupBuiltin("sprintf")!.impl(["%d", 1], ctx)).toThrow("operand 2 must be array but got number");
  });
});
