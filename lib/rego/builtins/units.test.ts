import { describe, expect, it } from "vitest";
import { lookupBuiltin, type BuiltinContext } from ".";

const ctx: BuiltinContext = { strict: true, nowNs: 0n, cache: new Map() };
const parse = (s: string) => lookupBuiltin("units.parse")!.impl([s], ctx);
const bytes = (s: string) => lookupBuiltin("units.parse_bytes")!.impl([s], ctx);

describe("units.parse", () => {
  it("scales by SI and binary suffixes exactly", () => {
    expect(parse("250m")).toBe(0.25);
    expect(parse("3k")).toBe(3000);
    expect(parse("3K")).toBe(3000);
    expect(parse("2M")).toBe(2_000_000);
    expect(parse("1.5Ki")).toBe(1536);
    expect(parse("2.2Ki")).toBe(2252.8);
    expect(parse("0.000002M")).toBe(2);
    expect(parse("3Ei")).toBe(3n * 2n ** 60n);
    expect(parse("12E")).toBe(12n * 10n ** 18n);
    expect(parse('"7GI"')).toBe(7 * 2 ** 30);
    expect(parse("1e3")).toBe(1000);
    expect(parse(".25")).toBe(0.25);
  });

  it("reports OPA's errors", () => {
    expect(() => parse("")).toThrow("no amount provided");
    expect(() => parse("Mi")).toThrow("no amount provided");
    expect(() => parse("1.2.3")).toThrow("could not parse amount to a number");
    expect(() => parse("5 k")).toThrow("spaces not allowed in resource strings");
    expect(() => parse("5kb")).toThrow("unit kb not recognized");
    expect(() => parse("1e12345678")).toThrow("exponent too large");
  });
});

describe("units.parse_bytes", () => {
  it("is case-insensitive and truncates to whole bytes", () => {
    expect(bytes("5")).toBe(5);
    expect(bytes("5KB")).toBe(5000);
    expect(bytes("5kib")).toBe(5120);
    expect(bytes("5Mi")).toBe(5 * 2 ** 20);
    expect(bytes("1.3KiB")).toBe(1331);
    expect(bytes("2EiB")).toBe(2n * 2n ** 60n);
    expect(bytes(".5k")).toBe(500);
  });

  it("reports OPA's errors", () => {
    expect(() => bytes("kb")).toThrow("no byte amount provided");
    expect(() => bytes("1..2")).toThrow("could not parse byte amount to a number");
    expect(() => bytes("1 kb")).toThrow("spaces not allowed in resource strings");
    expect(() => bytes("1qb")).toThrow("byte unit qb not recognized");
  });
});
