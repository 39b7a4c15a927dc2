import { describe, expect, it } from "vitest";
import { lookupBuiltin, type BuiltinContext } from ".";
import type { Value } from "../value";

const ctx: BuiltinContext = { strict: true, nowNs: 1_700_000_000_123_456_789n, cache: new Map() };
const call = (name: string, ...args: Value[]) => lookupBuiltin(name)!.impl(args, ctx);

// 2021-03-14T01:30:00Z (a Sunday), and the same instant in ns.
const S = 1_000_000_000n;
const T0 = 1615685400n * S;

describe("time", () => {
  it("reads the query's fixed clock", () => {
    expect(call("time.now_ns")).toBe(1_700_000_000_123_456_789n);
    expect(lookupBuiltin("time.now_ns")!.nondeterministic).not.toBe(true);
    expect(lookupBuiltin("test.sleep")!.nondeterministic).toBe(true);
  });

  it("sleeps for a Go duration (test.sleep)", () => {
    const t = Date.now();
    expect(call("test.sleep", "20ms")).toBe(null);
    expect(Date.now() - t).toBeGreaterThanOrEqual(15);
    expect(() => call("test.sleep", "soon")).toThrow('time: invalid duration "soon"');
  });

  it("parses RFC 3339 and Go layouts", () => {
    expect(call("time.parse_rfc3339_ns", "2021-03-14T01:30:00Z")).toBe(T0);
    expect(call("time.parse_rfc3339_ns", "2021-03-14T03:30:00.25+02:00")).toBe(T0 + 250_000_000n);
    expect(call("time.parse_ns", "2006-01-02", "2021-03-14")).toBe(1615680000n * S);
    expect(call("time.parse_ns", "02/01/2006 15:04 -0700", "14/03/2021 00:30 -0100")).toBe(T0);
    expect(call("time.parse_ns", "Jan _2 2006 3:04:05.000PM", "Mar 14 2021 1:30:00.500AM")).toBe(T0 + 500_000_000n);
    expect(call("time.parse_ns", "RFC1123Z", "Sun, 14 Mar 2021 01:30:00 +0000")).toBe(T0);
    expect(call("time.parse_ns", "2006-01-02 15:04:05", "2021-03-14 01:30:00.123")).toBe(T0 + 123_000_000n);
  });

  it("reports Go's parse errors and int64 range", () => {
    expect(() => call("time.parse_ns", "2006-01-02", "2021-3-14")).toThrow('parsing time "2021-3-14" as "2006-01-02": cannot parse "3-14" as "01"');
    expect(() => call("time.parse_ns", "2006-01-02", "2021-02-30")).toThrow('parsing time "2021-02-30": day out of range');
    expect(() => call("time.parse_ns", "2006-01-02", "2021-02-03x")).toThrow('parsing time "2021-02-03x": extra text: "x"');
    expect(() => call("time.parse_rfc3339_ns", "2300-01-01T00:00:00Z")).toThrow("time outside of valid range");
    expect(() => call("time.parse_rfc3339_ns", "2021-02-30T00:00:00Z")).toThrow('parsing time "2021-02-30T00:00:00Z": day out of range');
    expect(() => call("time.parse_rfc3339_ns", "2021-02-03T00:00:00")).toThrow('cannot parse "" as "Z07:00"');
    expect(call("time.parse_rfc3339_ns", "2021-03-13T20:30:00-05:00")).toBe(T0);
  });

  it("parses Go durations", () => {
    expect(call("time.parse_duration_ns", "1h2m3s")).toBe(3723e9);
    expect(call("time.parse_duration_ns", "1.5ms")).toBe(1_500_000);
    expect(call("time.parse_duration_ns", "-2us")).toBe(-2000);
    expect(call("time.parse_duration_ns", "0")).toBe(0);
    expect(() => call("time.parse_duration_ns", "10")).toThrow('time: missing unit in duration "10"');
    expect(() => call("time.parse_duration_ns", "3d")).toThrow('time: unknown unit "d" in duration "3d"');
    expect(() => call("time.parse_duration_ns", "h")).toThrow('time: invalid duration "h"');
  });

  it("splits instants into date, clock and weekday, in UTC or a zone", () => {
    expect(call("time.date", T0)).toEqual([2021, 3, 14]);
    expect(call("time.clock", T0)).toEqual([1, 30, 0]);
    expect(call("time.weekday", T0)).toBe("Sunday");
    expect(call("time.date", [T0, "America/Los_Angeles"])).toEqual([2021, 3, 13]);
    expect(call("time.clock", [T0, "Asia/Kolkata"])).toEqual([7, 0, 0]);
    expect(call("time.weekday", [T0, "America/Los_Angeles"])).toBe("Saturday");
    expect(call("time.date", -1)).toEqual([1969, 12, 31]);
    expect(() => call("time.date", 2n ** 64n)).toThrow("timestamp too big");
    expect(() => call("time.date", [T0, "Mars/Olympus"])).toThrow("unknown time zone Mars/Olympus");
    expect(() => call("time.date", "now")).toThrow("operand 1 must be either number (ns) or [number (ns), string (tz)] but got string");
  });

  it("formats with Go layouts", () => {
    expect(call("time.format", T0 + 5_000n)).toBe("2021-03-14T01:30:00.000005Z");
    expect(call("time.format", [T0, "America/New_York"])).toBe("2021-03-13T20:30:00-05:00");
    expect(call("time.format", [T0, "UTC", "Monday, 02-Jan-06 3:04PM"])).toBe("Sunday, 14-Mar-21 1:30AM");
    expect(call("time.format", [T0, "America/New_York", "RFC1123"])).toBe("Sat, 13 Mar 2021 20:30:00 EST");
    expect(call("time.format", [T0, "Asia/Kolkata", "2006-01-02T15:04:05.000Z0700"])).toBe("2021-03-14T07:00:00.000+0530");
  });

  it("adds calendar dates with Go's normalisation", () => {
    // 2021-01-31 + 1 month is "February 31", i.e. 2021-03-03.
    const jan31 = 1612051200n * S;
    expect(call("time.date", call("time.add_date", jan31, 0, 1, 0)!)).toEqual([2021, 3, 3]);
    expect(call("time.add_date", T0, 1, 0, 0)).toBe((1615685400n + 365n * 86400n) * S);
    expect(() => call("time.add_date", T0, 300, 0, 0)).toThrow("time outside of valid range");
  });

  it("diffs two instants into years, months, days, hours, minutes, seconds", () => {
    const a = 1609459200n * S; // 2021-01-01T00:00:00Z
    const b = 1646361000n * S; // 2022-03-04T02:30:00Z
    expect(call("time.diff", b, a)).toEqual([1, 2, 3, 2, 30, 0]);
    expect(call("time.diff", a, b)).toEqual([1, 2, 3, 2, 30, 0]);
  });
});
