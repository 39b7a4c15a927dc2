import { describe, expect, it } from "vitest";
import { lookupBuiltin, type BuiltinContext } from ".";
import type { Value } from "../value";

const ctx: BuiltinContext = { strict: true, nowNs: 0n, cache: new Map() };
const compare = (a: Value, b: Value) => lookupBuiltin("semver.compare")!.impl([a, b], ctx);
const valid = (a: Value) => lookupBuiltin("semver.is_valid")!.impl([a], ctx);

describe("semver", () => {
  it("compares by precedence", () => {
    expect(compare("1.2.3", "1.10.0")).toBe(-1);
    expect(compare("2.0.0", "2.0.0+build.5")).toBe(0);
    expect(compare("1.0.0", "1.0.0-rc.1")).toBe(1);
    expect(compare("1.0.0-rc.2", "1.0.0-rc.10")).toBe(-1);
    expect(compare("1.0.0-rc.1", "1.0.0-rc.1.1")).toBe(-1);
    expect(compare("1.0.0-1", "1.0.0-alpha")).toBe(-1);
    expect(compare("v3.1.0", "3.0.9")).toBe(1);
  });

  it("rejects invalid versions with OPA's message", () => {
    expect(() => compare("1.2", "1.2.0")).toThrow('operand 1: string "1.2" is not a valid SemVer');
    expect(() => compare("1.2.0", "x")).toThrow('operand 2: string "x" is not a valid SemVer');
    expect(() => compare(1, "1.0.0")).toThrow("operand 1 must be string but got number");
  });

  it("validates versions and accepts any operand type", () => {
    expect(valid("0.1.0-beta.2+sha.5114f85")).toBe(true);
    expect(valid("v1.0.0")).toBe(true);
    expect(valid("1.0")).toBe(false);
    expect(valid("1.0.0-be_ta")).toBe(false);
    expect(valid("1.0.0+")).toBe(true);
    expect(valid(["1.0.0"])).toBe(false);
  });

  it("rejects leading zeros in MAJOR.MINOR.PATCH, as OPA", () => {
    for (const v of ["01.2.3", "1.02.3", "1.2.03", "v00.1.0"]) expect(valid(v), v).toBe(false);
    expect(valid("0.0.0")).toBe(true);
    expect(valid("10.20.30")).toBe(true);
    expect(() => compare("01.2.3", "1.2.3")).toThrow('operand 1: string "01.2.3" is not a valid SemVer');
    expect(() => compare("1.2.3", "1.02.3")).toThrow('operand 2: string "1.02.3" is not a valid SemVer');
  });
});
