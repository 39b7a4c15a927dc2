/**
 * The time.* builtins: OPA's operand rules and registrations over the Go time port
 * (./time/gotime.ts).
 */
import { isNumber, normalizeBigInt, toBigInt, type Value } from "../value";
import { argInteger, argString, builtinError, operandTypeError } from "./args";
import type { BuiltinDef } from "./registry";
import { T } from "./types";
import {
  civilFromDays,
  daysFromCivil,
  fields,
  formatTime,
  fromUnixNano,
  goDate,
  type GoTime,
  INT64_MAX,
  INT64_MIN,
  loadLocation,
  LONG_DAYS,
  NAMED_LAYOUTS,
  parseDuration,
  ParseError,
  parseTime,
  safeUnixNano,
  unixNano,
  UTC,
} from "./time/gotime";

// ---------------------------------------------------------------------------------------------
// Operands

/** OPA's tzTime: ns, or [ns], [ns, tz] or [ns, tz, layout]. */
function tzTime(x: Value): { t: GoTime; layout: string } {
  let n: Value;
  let loc = UTC;
  let layout = "";
  const typeErr = () => operandTypeError(1, x, "either number (ns) or [number (ns), string (tz)]");
  if (Array.isArray(x)) {
    const arr = x as readonly Value[];
    if (arr.length === 0) throw typeErr();
    n = arr[0];
    if (!isNumber(n)) throw operandTypeError(1, n, "number");
    if (arr.length > 1) {
      const tz = arr[1];
      if (typeof tz !== "string") throw operandTypeError(1, tz, "string");
      loc = loadLocation(tz);
    }
    if (arr.length > 2) {
      const l = arr[2];
      if (typeof l !== "string") throw operandTypeError(1, l, "string");
      layout = l;
    }
  } else if (isNumber(x)) n = x;
  else throw typeErr();
  const ns = toBigInt(n as number | bigint);
  if (ns === undefined || ns < INT64_MIN || ns > INT64_MAX) throw builtinError("timestamp too big");
  return { t: fromUnixNano(ns, loc), layout };
}

function parseOrError(layout: string, value: string): GoTime {
  try {
    return parseTime(layout, value);
  } catch (e) {
    if (e instanceof ParseError) throw builtinError(e.message);
    throw e;
  }
}

/**
 * Blocks for `ms` (at most a minute) in slices of SLEEP_SLICE_MS, calling `check` between
 * slices: the evaluation's limits (`ctx.charge`) stop a long sleep at its time budget.
 */
function sleepMs(ms: number, check?: () => void): void {
  if (ms <= 0) return;
  const until = Date.now() + Math.min(ms, 60_000);
  let cell: Int32Array | undefined;
  try {
    cell = new Int32Array(new SharedArrayBuffer(4));
  } catch {
    cell = undefined;
  }
  for (let left = until - Date.now(); left > 0; left = until - Date.now()) {
    check?.();
    const slice = Math.min(left, SLEEP_SLICE_MS);
    try {
      if (!cell) throw new Error("no SharedArrayBuffer");
      Atomics.wait(cell, 0, 0, slice);
    } catch {
      // Browsers forbid blocking waits on the main thread: spin instead.
      const end = Date.now() + slice;
      while (Date.now() < end);
    }
  }
}

const SLEEP_SLICE_MS = 10;

const S = T.string;
// OPA's time argument: ns, or [ns, tz] (`time.format` also takes [ns, tz, layout]).
const timeArg = T.union(T.number, T.array(T.union(T.number, T.string)));

export const builtins: BuiltinDef[] = [
  {
    name: "time.now_ns",
    decl: { args: [], result: T.number },
    impl: (_args, ctx) => normalizeBigInt(ctx.nowNs),
  },
  {
    name: "time.parse_ns",
    decl: { args: [S, S], result: T.number },
    impl: (args) => {
      const layout = argString(args, 0);
      const value = argString(args, 1);
      return safeUnixNano(parseOrError(NAMED_LAYOUTS[layout] ?? layout, value));
    },
  },
  {
    name: "time.parse_rfc3339_ns",
    decl: { args: [S], result: T.number },
    impl: (args) => safeUnixNano(parseOrError(NAMED_LAYOUTS.RFC3339, argString(args, 0))),
  },
  {
    name: "time.parse_duration_ns",
    decl: { args: [S], result: T.number },
    impl: (args) => normalizeBigInt(parseDuration(argString(args, 0))),
  },
  {
    name: "time.format",
    decl: { args: [timeArg], result: S },
    impl: (args) => {
      const { t, layout } = tzTime(args[0]);
      const l = layout === "" ? NAMED_LAYOUTS.RFC3339Nano : (NAMED_LAYOUTS[layout] ?? layout);
      return formatTime(t, l);
    },
  },
  {
    name: "time.date",
    decl: { args: [timeArg], result: T.array(T.number) },
    impl: (args) => {
      const f = fields(tzTime(args[0]).t);
      return [f.year, f.month, f.day];
    },
  },
  {
    name: "time.clock",
    decl: { args: [timeArg], result: T.array(T.number) },
    impl: (args) => {
      const f = fields(tzTime(args[0]).t);
      return [f.hour, f.min, f.sec];
    },
  },
  {
    name: "time.weekday",
    decl: { args: [timeArg], result: S },
    impl: (args) => LONG_DAYS[fields(tzTime(args[0]).t).wday],
  },
  {
    name: "time.add_date",
    decl: { args: [T.number, T.number, T.number, T.number], result: T.number },
    impl: (args) => {
      const { t } = tzTime(args[0]);
      const years = Number(argInteger(args, 1));
      const months = Number(argInteger(args, 2));
      const days = Number(argInteger(args, 3));
      const f = fields(t);
      return safeUnixNano(goDate(f.year + years, f.month + months, f.day + days, f.hour, f.min, f.sec, t.nsec, t.loc));
    },
  },
  {
    name: "time.diff",
    decl: { args: [timeArg, timeArg], result: T.array(T.number) },
    impl: (args) => {
      let t1 = tzTime(args[0]).t;
      let t2 = tzTime(args[1]).t;
      if (t1.loc !== t2.loc) t2 = { ...t2, loc: t1.loc };
      if (unixNano(t1) > unixNano(t2)) [t1, t2] = [t2, t1];
      const a = fields(t1);
      const b = fields(t2);
      let year = b.year - a.year;
      let month = b.month - a.month;
      let day = b.day - a.day;
      let hour = b.hour - a.hour;
      let min = b.min - a.min;
      let sec = b.sec - a.sec;
      if (sec < 0) {
        sec += 60;
        min--;
      }
      if (min < 0) {
        min += 60;
        hour--;
      }
      if (hour < 0) {
        hour += 24;
        day--;
      }
      if (day < 0) {
        // Days in a.month: day 32 of it normalises into the next month.
        const [, , d32] = civilFromDays(daysFromCivil(a.year, a.month, 1) + 31);
        day += 32 - d32;
        month--;
      }
      if (month < 0) {
        month += 12;
        year--;
      }
      return [year, month, day, hour, min, sec];
    },
  },
  {
    name: "test.sleep",
    decl: { args: [S], result: T.null },
    nondeterministic: true,
    impl: (args, ctx) => {
      const ns = parseDuration(argString(args, 0));
      sleepMs(Number(ns / 1_000_000n), ctx.charge && (() => ctx.charge!(0, "test.sleep")));
      return null;
    },
  },
];
