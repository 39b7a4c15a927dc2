/**
 * A port of the parts of Go's time package the time.* builtins need, with Go's semantics: int64
 * nanoseconds since the Unix epoch, reference-time layouts ("2006-01-02T15:04:05Z07:00") for
 * Format and Parse, Go durations ("1h30m"), and IANA time zones (offsets and abbreviations from
 * Intl). Kept apart from the builtin registrations (../time.ts), as Regorus keeps time/compat.rs.
 */
import { normalizeBigInt, type Value } from "../../value";
import { builtinError } from "../args";
import { goQuote } from "../gotext";

const NS_PER_SEC = 1_000_000_000n;
export const INT64_MIN = -(2n ** 63n);
export const INT64_MAX = 2n ** 63n - 1n;

// ---------------------------------------------------------------------------------------------
// Civil calendar (proleptic Gregorian), days since 1970-01-01

export function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function civilFromDays(z: number): [number, number, number] {
  z += 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

function isLeap(y: number): boolean {
  return y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
}

function daysIn(m: number, y: number): number {
  return m === 2 ? (isLeap(y) ? 29 : 28) : [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
}

export const LONG_DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const LONG_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

// ---------------------------------------------------------------------------------------------
// Locations

interface Location {
  readonly name: string;
  /** Offset east of UTC in seconds, and the zone abbreviation, at a Unix second. */
  lookup(sec: number): { offset: number; abbr: string };
}

export const UTC: Location = { name: "UTC", lookup: () => ({ offset: 0, abbr: "UTC" }) };

const fixedZones = new Map<string, Location>();

function fixedZone(name: string, offset: number): Location {
  const key = name + "\u0000" + offset;
  let loc = fixedZones.get(key);
  if (loc === undefined) {
    const zone = { offset, abbr: name };
    loc = { name, lookup: () => zone };
    if (fixedZones.size >= 1024) fixedZones.clear();
    fixedZones.set(key, loc);
  }
  return loc;
}

const locations = new Map<string, Location | Error>();

function intlLocation(tz: string): Location {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone: tz,
    hourCycle: "h23",
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "numeric",
    minute: "numeric",
    second: "numeric",
    era: "short",
  });
  let names: Intl.DateTimeFormat[] | undefined;
  const abbreviation = (ms: number, offset: number): string => {
    // Intl spells few zones by letters in any one locale; Go's tzdata knows CET, IST, AEST, JST...
    names ??= ABBREVIATION_LOCALES.map((l) => new Intl.DateTimeFormat(l, { timeZone: tz, timeZoneName: "short" }));
    let first = "";
    for (const f of names) {
      const n = f.formatToParts(ms).find((x) => x.type === "timeZoneName")?.value ?? "";
      first ||= n;
      if (/^[A-Z]{2,5}$/.test(n) && n !== "GMT") return n;
    }
    return goAbbreviation(first, offset);
  };
  const memo = new Map<number, { offset: number; abbr: string }>();
  return {
    name: tz,
    lookup(sec: number) {
      // Offsets change at quarter-hour boundaries at most; memoise per quarter hour.
      const hour = Math.floor(sec / 900);
      let hit = memo.get(hour);
      if (hit) return hit;
      const ms = sec * 1000;
      if (Math.abs(ms) > 8.64e15) return { offset: 0, abbr: "UTC" };
      const p: Record<string, string> = {};
      for (const x of parts.formatToParts(ms)) p[x.type] = x.value;
      let year = Number(p.year);
      if (p.era === "BC" || p.era === "B") year = 1 - year;
      const wallSec = daysFromCivil(year, Number(p.month), Number(p.day)) * 86400 + Number(p.hour) * 3600 + Number(p.minute) * 60 + Number(p.second);
      const offset = wallSec - Math.floor(sec);
      hit = { offset, abbr: abbreviation(ms, offset) };
      if (memo.size > 4096) memo.clear();
      memo.set(hour, hit);
      return hit;
    },
  };
}

const ABBREVIATION_LOCALES = ["en-US", "en-GB", "en-IN", "en-AU", "en-NZ", "en-ZA", "ja-JP"];

/** Intl's "GMT+5:30" style names become Go's "+0530" style; letter abbreviations stay. */
function goAbbreviation(name: string, offset: number): string {
  if (/^[A-Z]{3,5}$/.test(name) && name !== "GMT") return name;
  if (name === "GMT" && offset === 0) return "GMT";
  const sign = offset < 0 ? "-" : "+";
  const a = Math.abs(offset);
  const h = Math.floor(a / 3600);
  const m = Math.floor((a % 3600) / 60);
  return sign + String(h).padStart(2, "0") + (m ? String(m).padStart(2, "0") : "");
}

export function loadLocation(name: string): Location {
  if (name === "" || name === "UTC") return UTC;
  let loc = locations.get(name);
  if (loc === undefined) {
    try {
      const tz = name === "Local" ? Intl.DateTimeFormat().resolvedOptions().timeZone : name;
      if (name !== "Local" && (name.startsWith("/") || name.includes(".."))) throw new Error();
      loc = name === "Local" && (tz === "UTC" || tz === "Etc/UTC") ? { ...UTC, name: "Local" } : intlLocation(tz);
      loc.lookup(0);
    } catch {
      loc = new Error(`unknown time zone ${name}`);
    }
    locations.set(name, loc);
  }
  if (loc instanceof Error) throw builtinError(loc.message);
  return loc;
}

// ---------------------------------------------------------------------------------------------
// A Go time: Unix seconds + nanoseconds, shown in a location

export interface GoTime {
  sec: number;
  nsec: number;
  loc: Location;
}

export function fromUnixNano(ns: bigint, loc: Location): GoTime {
  let sec = ns / NS_PER_SEC;
  let nsec = ns % NS_PER_SEC;
  if (nsec < 0n) {
    nsec += NS_PER_SEC;
    sec -= 1n;
  }
  return { sec: Number(sec), nsec: Number(nsec), loc };
}

export function unixNano(t: GoTime): bigint {
  return BigInt(t.sec) * NS_PER_SEC + BigInt(t.nsec);
}

/** OPA's toSafeUnixNano: the result must fit in int64 nanoseconds. */
export function safeUnixNano(t: GoTime): Value {
  const ns = unixNano(t);
  if (ns < INT64_MIN || ns > INT64_MAX) throw builtinError("time outside of valid range");
  return normalizeBigInt(ns);
}

interface Fields {
  year: number;
  month: number;
  day: number;
  hour: number;
  min: number;
  sec: number;
  yday: number;
  wday: number;
  offset: number;
  abbr: string;
}

export function fields(t: GoTime): Fields {
  const { offset, abbr } = t.loc.lookup(t.sec);
  const local = t.sec + offset;
  const days = Math.floor(local / 86400);
  const secs = local - days * 86400;
  const [year, month, day] = civilFromDays(days);
  return {
    year,
    month,
    day,
    hour: Math.floor(secs / 3600),
    min: Math.floor((secs % 3600) / 60),
    sec: secs % 60,
    yday: days - daysFromCivil(year, 1, 1) + 1,
    wday: (((days + 4) % 7) + 7) % 7,
    offset,
    abbr,
  };
}

/** Go's time.Date: normalises out-of-range fields, then resolves the wall time in `loc`. */
export function goDate(year: number, month: number, day: number, hour: number, min: number, sec: number, nsec: number, loc: Location): GoTime {
  const m0 = month - 1;
  year += Math.floor(m0 / 12);
  month = (((m0 % 12) + 12) % 12) + 1;
  sec += Math.floor(nsec / 1e9);
  nsec = ((nsec % 1e9) + 1e9) % 1e9;
  const wall = daysFromCivil(year, month, 1) * 86400 + (day - 1) * 86400 + hour * 3600 + min * 60 + sec;
  let offset = loc.lookup(wall).offset;
  if (offset !== 0) {
    const utc = wall - offset;
    const o2 = loc.lookup(utc).offset;
    if (o2 !== offset) offset = o2;
  }
  return { sec: wall - offset, nsec, loc };
}

// ---------------------------------------------------------------------------------------------
// Layouts

enum Std {
  None,
  LongMonth,
  Month,
  NumMonth,
  ZeroMonth,
  LongWeekDay,
  WeekDay,
  Day,
  UnderDay,
  ZeroDay,
  UnderYearDay,
  ZeroYearDay,
  Hour,
  Hour12,
  ZeroHour12,
  Minute,
  ZeroMinute,
  Second,
  ZeroSecond,
  LongYear,
  Year,
  PM,
  pm,
  TZ,
  ISO8601TZ,
  ISO8601SecondsTZ,
  ISO8601ShortTZ,
  ISO8601ColonTZ,
  ISO8601ColonSecondsTZ,
  NumTZ,
  NumSecondsTz,
  NumShortTZ,
  NumColonTZ,
  NumColonSecondsTZ,
  FracSecond0,
  FracSecond9,
}

interface Chunk {
  prefix: string;
  std: Std;
  /** Source text of the element (for error messages). */
  text: string;
  /** Fractional seconds: digit count and separator. */
  digits?: number;
  sep?: string;
  suffix: string;
}

const isDigitAt = (s: string, i: number): boolean => i < s.length && s[i] >= "0" && s[i] <= "9";
const startsWithLower = (s: string): boolean => s.length > 0 && s[0] >= "a" && s[0] <= "z";

/** Go's nextStdChunk. */
function nextStdChunk(layout: string): Chunk {
  const chunk = (i: number, std: Std, len: number): Chunk => ({ prefix: layout.slice(0, i), std, text: layout.slice(i, i + len), suffix: layout.slice(i + len) });
  for (let i = 0; i < layout.length; i++) {
    const c = layout[i];
    const rest = layout.slice(i);
    switch (c) {
      case "J":
        if (rest.startsWith("Jan")) {
          if (rest.startsWith("January")) return chunk(i, Std.LongMonth, 7);
          if (!startsWithLower(rest.slice(3))) return chunk(i, Std.Month, 3);
        }
        break;
      case "M":
        if (rest.startsWith("Mon")) {
          if (rest.startsWith("Monday")) return chunk(i, Std.LongWeekDay, 6);
          if (!startsWithLower(rest.slice(3))) return chunk(i, Std.WeekDay, 3);
        }
        if (rest.startsWith("MST")) return chunk(i, Std.TZ, 3);
        break;
      case "0":
        if (rest.length >= 2 && rest[1] >= "1" && rest[1] <= "6") {
          return chunk(i, [Std.ZeroMonth, Std.ZeroDay, Std.ZeroHour12, Std.ZeroMinute, Std.ZeroSecond, Std.Year][rest.charCodeAt(1) - 49], 2);
        }
        if (rest.startsWith("002")) return chunk(i, Std.ZeroYearDay, 3);
        break;
      case "1":
        if (rest[1] === "5") return chunk(i, Std.Hour, 2);
        return chunk(i, Std.NumMonth, 1);
      case "2":
        if (rest.startsWith("2006")) return chunk(i, Std.LongYear, 4);
        return chunk(i, Std.Day, 1);
      case "_":
        if (rest[1] === "2") {
          if (rest.startsWith("_2006")) return { prefix: layout.slice(0, i + 1), std: Std.LongYear, text: "2006", suffix: layout.slice(i + 5) };
          return chunk(i, Std.UnderDay, 2);
        }
        if (rest.startsWith("__2")) return chunk(i, Std.UnderYearDay, 3);
        break;
      case "3":
        return chunk(i, Std.Hour12, 1);
      case "4":
        return chunk(i, Std.Minute, 1);
      case "5":
        return chunk(i, Std.Second, 1);
      case "P":
        if (rest[1] === "M") return chunk(i, Std.PM, 2);
        break;
      case "p":
        if (rest[1] === "m") return chunk(i, Std.pm, 2);
        break;
      case "-":
        if (rest.startsWith("-070000")) return chunk(i, Std.NumSecondsTz, 7);
        if (rest.startsWith("-07:00:00")) return chunk(i, Std.NumColonSecondsTZ, 9);
        if (rest.startsWith("-0700")) return chunk(i, Std.NumTZ, 5);
        if (rest.startsWith("-07:00")) return chunk(i, Std.NumColonTZ, 6);
        if (rest.startsWith("-07")) return chunk(i, Std.NumShortTZ, 3);
        break;
      case "Z":
        if (rest.startsWith("Z070000")) return chunk(i, Std.ISO8601SecondsTZ, 7);
        if (rest.startsWith("Z07:00:00")) return chunk(i, Std.ISO8601ColonSecondsTZ, 9);
        if (rest.startsWith("Z0700")) return chunk(i, Std.ISO8601TZ, 5);
        if (rest.startsWith("Z07:00")) return chunk(i, Std.ISO8601ColonTZ, 6);
        if (rest.startsWith("Z07")) return chunk(i, Std.ISO8601ShortTZ, 3);
        break;
      case ".":
      case ",":
        if (rest[1] === "0" || rest[1] === "9") {
          const ch = rest[1];
          let j = i + 1;
          while (j < layout.length && layout[j] === ch) j++;
          if (!isDigitAt(layout, j)) {
            return { ...chunk(i, ch === "0" ? Std.FracSecond0 : Std.FracSecond9, j - i), digits: j - (i + 1), sep: c };
          }
        }
        break;
    }
  }
  return { prefix: layout, std: Std.None, text: "", suffix: "" };
}

const chunkCache = new Map<string, readonly Chunk[]>();

/** The layout split into its elements once (the last chunk has std None and carries the tail). */
function layoutChunks(layout: string): readonly Chunk[] {
  let chunks = chunkCache.get(layout);
  if (chunks === undefined) {
    const list: Chunk[] = [];
    let rest = layout;
    for (;;) {
      const c = nextStdChunk(rest);
      list.push(c);
      if (c.std === Std.None) break;
      rest = c.suffix;
    }
    chunks = list;
    if (chunkCache.size >= 256) chunkCache.clear();
    chunkCache.set(layout, chunks);
  }
  return chunks;
}

export const NAMED_LAYOUTS: Record<string, string> = {
  ANSIC: "Mon Jan _2 15:04:05 2006",
  UnixDate: "Mon Jan _2 15:04:05 MST 2006",
  RubyDate: "Mon Jan 02 15:04:05 -0700 2006",
  RFC822: "02 Jan 06 15:04 MST",
  RFC822Z: "02 Jan 06 15:04 -0700",
  RFC850: "Monday, 02-Jan-06 15:04:05 MST",
  RFC1123: "Mon, 02 Jan 2006 15:04:05 MST",
  RFC1123Z: "Mon, 02 Jan 2006 15:04:05 -0700",
  RFC3339: "2006-01-02T15:04:05Z07:00",
  RFC3339Nano: "2006-01-02T15:04:05.999999999Z07:00",
};

const pad = (n: number, w: number): string => {
  const s = String(Math.abs(n)).padStart(w, "0");
  return n < 0 ? "-" + s : s;
};

function formatTZ(std: Std, offset: number): string {
  const iso = std >= Std.ISO8601TZ && std <= Std.ISO8601ColonSecondsTZ;
  if (iso && offset === 0) return "Z";
  let zone = Math.trunc(offset / 60);
  let absoff = offset;
  let out = "";
  if (zone < 0) {
    out += "-";
    zone = -zone;
    absoff = -absoff;
  } else out += "+";
  out += pad(Math.floor(zone / 60), 2);
  if (std === Std.ISO8601ColonTZ || std === Std.NumColonTZ || std === Std.ISO8601ColonSecondsTZ || std === Std.NumColonSecondsTZ) out += ":";
  if (std !== Std.NumShortTZ && std !== Std.ISO8601ShortTZ) out += pad(zone % 60, 2);
  if (std === Std.ISO8601SecondsTZ || std === Std.NumSecondsTz || std === Std.NumColonSecondsTZ || std === Std.ISO8601ColonSecondsTZ) {
    if (std === Std.NumColonSecondsTZ || std === Std.ISO8601ColonSecondsTZ) out += ":";
    out += pad(absoff % 60, 2);
  }
  return out;
}

/** Go's Time.Format. */
export function formatTime(t: GoTime, layout: string): string {
  const f = fields(t);
  let out = "";
  for (const c of layoutChunks(layout)) {
    out += c.prefix;
    if (c.std === Std.None) break;
    switch (c.std) {
      case Std.Year:
        out += pad(((f.year % 100) + 100) % 100, 2);
        break;
      case Std.LongYear:
        out += pad(f.year, 4);
        break;
      case Std.Month:
        out += LONG_MONTHS[f.month - 1].slice(0, 3);
        break;
      case Std.LongMonth:
        out += LONG_MONTHS[f.month - 1];
        break;
      case Std.NumMonth:
        out += f.month;
        break;
      case Std.ZeroMonth:
        out += pad(f.month, 2);
        break;
      case Std.WeekDay:
        out += LONG_DAYS[f.wday].slice(0, 3);
        break;
      case Std.LongWeekDay:
        out += LONG_DAYS[f.wday];
        break;
      case Std.Day:
        out += f.day;
        break;
      case Std.UnderDay:
        out += (f.day < 10 ? " " : "") + f.day;
        break;
      case Std.ZeroDay:
        out += pad(f.day, 2);
        break;
      case Std.UnderYearDay:
        out += String(f.yday).padStart(3, " ");
        break;
      case Std.ZeroYearDay:
        out += pad(f.yday, 3);
        break;
      case Std.Hour:
        out += pad(f.hour, 2);
        break;
      case Std.Hour12:
        out += f.hour % 12 === 0 ? 12 : f.hour % 12;
        break;
      case Std.ZeroHour12:
        out += pad(f.hour % 12 === 0 ? 12 : f.hour % 12, 2);
        break;
      case Std.Minute:
        out += f.min;
        break;
      case Std.ZeroMinute:
        out += pad(f.min, 2);
        break;
      case Std.Second:
        out += f.sec;
        break;
      case Std.ZeroSecond:
        out += pad(f.sec, 2);
        break;
      case Std.PM:
        out += f.hour >= 12 ? "PM" : "AM";
        break;
      case Std.pm:
        out += f.hour >= 12 ? "pm" : "am";
        break;
      case Std.TZ:
        out += f.abbr !== "" ? f.abbr : formatTZ(Std.NumTZ, f.offset);
        break;
      case Std.FracSecond0: {
        out += c.sep + String(t.nsec).padStart(9, "0").slice(0, c.digits);
        break;
      }
      case Std.FracSecond9: {
        const frac = String(t.nsec).padStart(9, "0").slice(0, c.digits).replace(/0+$/, "");
        if (frac !== "") out += c.sep + frac;
        break;
      }
      default:
        out += formatTZ(c.std, f.offset);
    }
  }
  return out;
}

export class ParseError extends Error {}

const lookupName = (table: readonly string[], val: string, len?: number): [number, string] | undefined => {
  for (let i = 0; i < table.length; i++) {
    const name = len ? table[i].slice(0, len) : table[i];
    if (val.length >= name.length && val.slice(0, name.length).toLowerCase() === name.toLowerCase()) return [i, val.slice(name.length)];
  }
  return undefined;
};

/** Go's getnum: one or two digits (exactly two if fixed). */
function getnum(s: string, fixed: boolean): [number, string] | undefined {
  if (!isDigitAt(s, 0)) return undefined;
  if (!isDigitAt(s, 1)) {
    if (fixed) return undefined;
    return [s.charCodeAt(0) - 48, s.slice(1)];
  }
  return [(s.charCodeAt(0) - 48) * 10 + (s.charCodeAt(1) - 48), s.slice(2)];
}

function getnum3(s: string, fixed: boolean): [number, string] | undefined {
  let n = 0;
  let i = 0;
  for (; i < 3 && isDigitAt(s, i); i++) n = n * 10 + (s.charCodeAt(i) - 48);
  if (i === 0 || (fixed && i !== 3)) return undefined;
  return [n, s.slice(i)];
}

function cutspace(s: string): string {
  let i = 0;
  while (i < s.length && s[i] === " ") i++;
  return s.slice(i);
}

/** Go's skip: literal layout text must match (runs of spaces match runs of spaces). */
function skip(value: string, prefix: string): string | undefined {
  while (prefix.length > 0) {
    if (prefix[0] === " ") {
      if (value.length > 0 && value[0] !== " ") return undefined;
      prefix = cutspace(prefix);
      value = cutspace(value);
      continue;
    }
    if (value.length === 0 || value[0] !== prefix[0]) return undefined;
    prefix = prefix.slice(1);
    value = value.slice(1);
  }
  return value;
}

function parseNanoseconds(value: string, nbytes: number): number | string {
  if (value[0] !== "." && value[0] !== ",") return "bad";
  if (nbytes > 10) {
    value = value.slice(0, 10);
    nbytes = 10;
  }
  const digits = value.slice(1, nbytes);
  if (!/^\d*$/.test(digits)) return "bad";
  return Number(digits.padEnd(9, "0"));
}

const RFC3339_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:Z|([+-])(\d{2}):(\d{2}))$/;

/** The common case of RFC 3339 without surprises; anything else goes through the full parser. */
function parseRFC3339Fast(value: string): GoTime | undefined {
  const m = RFC3339_RE.exec(value);
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = Number(m[4]);
  const min = Number(m[5]);
  const sec = Number(m[6]);
  if (month < 1 || month > 12 || day < 1 || day > daysIn(month, year) || hour > 23 || min > 59 || sec > 59) return undefined;
  const nsec = m[7] ? Number(m[7].padEnd(9, "0")) : 0;
  let offset = 0;
  if (m[8]) {
    const oh = Number(m[9]);
    const om = Number(m[10]);
    if (oh > 24 || om > 60) return undefined;
    offset = (oh * 60 + om) * 60 * (m[8] === "-" ? -1 : 1);
  }
  const wall = daysFromCivil(year, month, day) * 86400 + hour * 3600 + min * 60 + sec;
  return { sec: wall - offset, nsec, loc: offset === 0 && !m[8] ? UTC : fixedZone("", offset) };
}

/** Go's time.Parse (times without a zone are UTC). */
export function parseTime(layoutIn: string, valueIn: string): GoTime {
  if (layoutIn === NAMED_LAYOUTS.RFC3339 || layoutIn === NAMED_LAYOUTS.RFC3339Nano) {
    const t = parseRFC3339Fast(valueIn);
    if (t) return t;
  }
  const quote = goQuote;
  const fail = (valueElem: string, layoutElem: string): never => {
    throw new ParseError(`parsing time ${quote(valueIn)} as ${quote(layoutIn)}: cannot parse ${quote(valueElem)} as ${quote(layoutElem)}`);
  };
  const rangeErr = (what: string): never => {
    throw new ParseError(`parsing time ${quote(valueIn)}: ${what} out of range`);
  };
  let value = valueIn;
  let year = 0;
  let month = -1;
  let day = -1;
  let yday = -1;
  let hour = 0;
  let min = 0;
  let sec = 0;
  let nsec = 0;
  let pmSet = false;
  let amSet = false;
  let utc = false;
  let zoneOffset: number | undefined;
  let zoneName = "";
  const chunks = layoutChunks(layoutIn);
  for (let ci = 0; ; ci++) {
    const c = chunks[ci];
    const stdstr = c.text;
    const v = skip(value, c.prefix);
    if (v === undefined) fail(value, c.prefix);
    value = v!;
    if (c.std === Std.None) {
      if (value.length !== 0) throw new ParseError(`parsing time ${quote(valueIn)}: extra text: ${quote(value)}`);
      break;
    }
    const hold = value;
    let ok = true;
    let rangeWhat = "";
    const num = (r: [number, string] | undefined): number => {
      if (!r) {
        ok = false;
        return 0;
      }
      value = r[1];
      return r[0];
    };
    switch (c.std) {
      case Std.Year: {
        if (value.length < 2 || !isDigitAt(value, 0) || !isDigitAt(value, 1)) {
          ok = false;
          break;
        }
        const y = Number(value.slice(0, 2));
        value = value.slice(2);
        year = y >= 69 ? y + 1900 : y + 2000;
        break;
      }
      case Std.LongYear:
        if (value.length < 4 || !/^\d{4}/.test(value)) {
          ok = false;
          break;
        }
        year = Number(value.slice(0, 4));
        value = value.slice(4);
        break;
      case Std.Month:
      case Std.LongMonth: {
        const r = lookupName(LONG_MONTHS, value, c.std === Std.Month ? 3 : undefined);
        if (!r) ok = false;
        else {
          month = r[0] + 1;
          value = r[1];
        }
        break;
      }
      case Std.NumMonth:
      case Std.ZeroMonth:
        month = num(getnum(value, c.std === Std.ZeroMonth));
        if (ok && (month <= 0 || month > 12)) rangeWhat = "month";
        break;
      case Std.WeekDay:
      case Std.LongWeekDay: {
        const r = lookupName(LONG_DAYS, value, c.std === Std.WeekDay ? 3 : undefined);
        if (!r) ok = false;
        else value = r[1];
        break;
      }
      case Std.Day:
      case Std.UnderDay:
      case Std.ZeroDay:
        if (c.std === Std.UnderDay && value[0] === " ") value = value.slice(1);
        day = num(getnum(value, c.std === Std.ZeroDay));
        break;
      case Std.UnderYearDay:
      case Std.ZeroYearDay:
        for (let i = 0; i < 2; i++) if (c.std === Std.UnderYearDay && value[0] === " ") value = value.slice(1);
        yday = num(getnum3(value, c.std === Std.ZeroYearDay));
        if (ok && (yday < 1 || yday > 366)) rangeWhat = "day-of-year";
        break;
      case Std.Hour:
        hour = num(getnum(value, false));
        if (ok && (hour < 0 || hour >= 24)) rangeWhat = "hour";
        break;
      case Std.Hour12:
      case Std.ZeroHour12:
        hour = num(getnum(value, c.std === Std.ZeroHour12));
        if (ok && (hour < 0 || hour > 12)) rangeWhat = "hour";
        break;
      case Std.Minute:
      case Std.ZeroMinute:
        min = num(getnum(value, c.std === Std.ZeroMinute));
        if (ok && (min < 0 || min >= 60)) rangeWhat = "minute";
        break;
      case Std.Second:
      case Std.ZeroSecond: {
        sec = num(getnum(value, c.std === Std.ZeroSecond));
        if (!ok) break;
        if (sec < 0 || sec >= 60) {
          rangeWhat = "second";
          break;
        }
        if (value.length >= 2 && (value[0] === "." || value[0] === ",") && isDigitAt(value, 1)) {
          const next = chunks[ci + 1].std;
          if (next === Std.FracSecond0 || next === Std.FracSecond9) break;
          let n = 2;
          while (n < value.length && isDigitAt(value, n)) n++;
          const ns = parseNanoseconds(value, n);
          if (typeof ns === "string") ok = false;
          else nsec = ns;
          value = value.slice(n);
        }
        break;
      }
      case Std.PM:
        if (value.length < 2) ok = false;
        else {
          const p = value.slice(0, 2);
          value = value.slice(2);
          if (p === "PM") pmSet = true;
          else if (p === "AM") amSet = true;
          else ok = false;
        }
        break;
      case Std.pm:
        if (value.length < 2) ok = false;
        else {
          const p = value.slice(0, 2);
          value = value.slice(2);
          if (p === "pm") pmSet = true;
          else if (p === "am") amSet = true;
          else ok = false;
        }
        break;
      case Std.ISO8601TZ:
      case Std.ISO8601ShortTZ:
      case Std.ISO8601ColonTZ:
      case Std.ISO8601SecondsTZ:
      case Std.ISO8601ColonSecondsTZ:
      case Std.NumTZ:
      case Std.NumShortTZ:
      case Std.NumColonTZ:
      case Std.NumSecondsTz:
      case Std.NumColonSecondsTZ: {
        const iso = c.std >= Std.ISO8601TZ && c.std <= Std.ISO8601ColonSecondsTZ;
        if (iso && value.length >= 1 && value[0] === "Z") {
          value = value.slice(1);
          utc = true;
          break;
        }
        let m: RegExpExecArray | null = null;
        switch (c.std) {
          case Std.ISO8601ColonTZ:
          case Std.NumColonTZ:
            m = /^([+-])(\d\d):(\d\d)/.exec(value);
            break;
          case Std.ISO8601ShortTZ:
          case Std.NumShortTZ:
            m = /^([+-])(\d\d)/.exec(value);
            break;
          case Std.ISO8601ColonSecondsTZ:
          case Std.NumColonSecondsTZ:
            m = /^([+-])(\d\d):(\d\d):(\d\d)/.exec(value);
            break;
          case Std.ISO8601SecondsTZ:
          case Std.NumSecondsTz:
            m = /^([+-])(\d\d)(\d\d)(\d\d)/.exec(value);
            break;
          default:
            m = /^([+-])(\d\d)(\d\d)/.exec(value);
        }
        if (!m) {
          ok = false;
          break;
        }
        const hr = Number(m[2]);
        const mm = Number(m[3] ?? 0);
        const ss = Number(m[4] ?? 0);
        // Go tests with ">" since offsets of 24 hours or 60 minutes do get written.
        if (hr > 24) rangeWhat = "time zone offset hour";
        if (mm > 60) rangeWhat = "time zone offset minute";
        if (ss > 60) rangeWhat = "time zone offset second";
        value = value.slice(m[0].length);
        zoneOffset = (hr * 60 + mm) * 60 + ss;
        if (m[1] === "-") zoneOffset = -zoneOffset;
        break;
      }
      case Std.TZ: {
        if (value.startsWith("UTC")) {
          value = value.slice(3);
          utc = true;
          break;
        }
        const m = /^(?:GMT[+-]\d{1,2}|[A-Z]{3,5}T?|[A-Z][a-z]{2}T)/.exec(value);
        if (!m || m[0].length < 3) {
          ok = false;
          break;
        }
        zoneName = m[0];
        value = value.slice(m[0].length);
        break;
      }
      case Std.FracSecond0: {
        const ndigit = 1 + (c.digits ?? 0);
        if (value.length < ndigit) {
          ok = false;
          break;
        }
        const ns = parseNanoseconds(value, ndigit);
        if (typeof ns === "string") ok = false;
        else {
          nsec = ns;
          value = value.slice(ndigit);
        }
        break;
      }
      case Std.FracSecond9: {
        if (value.length < 2 || (value[0] !== "." && value[0] !== ",") || !isDigitAt(value, 1)) break;
        let i = 0;
        while (i + 1 < value.length && isDigitAt(value, i + 1)) i++;
        const ns = parseNanoseconds(value, 1 + i);
        if (typeof ns === "string") ok = false;
        else {
          nsec = ns;
          value = value.slice(1 + i);
        }
        break;
      }
    }
    if (rangeWhat !== "") rangeErr(rangeWhat);
    if (!ok) fail(hold, stdstr);
  }
  if (pmSet && hour < 12) hour += 12;
  else if (amSet && hour === 12) hour = 0;
  if (yday >= 0) {
    let d: number;
    let m: number;
    if (isLeap(year)) {
      if (yday === 31 + 29) {
        m = 2;
        d = 29;
      } else {
        const y = yday > 31 + 29 ? yday - 1 : yday;
        [m, d] = monthDayOf(y);
      }
    } else {
      if (yday > 365) rangeErr("day-of-year");
      [m, d] = monthDayOf(yday);
    }
    if (month >= 0 && month !== m) rangeErr("day-of-year");
    month = m;
    if (day >= 0 && day !== d) rangeErr("day-of-year");
    day = d;
  } else {
    if (month < 0) month = 1;
    if (day < 0) day = 1;
  }
  if (day < 1 || day > daysIn(month, year)) throw new ParseError(`parsing time ${quote(valueIn)}: day out of range`);
  if (utc) return goDate(year, month, day, hour, min, sec, nsec, UTC);
  if (zoneOffset !== undefined) {
    const t = goDate(year, month, day, hour, min, sec, nsec, UTC);
    return { sec: t.sec - zoneOffset, nsec: t.nsec, loc: fixedZone("", zoneOffset) };
  }
  if (zoneName !== "") {
    let offset = 0;
    const gmt = /^GMT([+-]\d+)$/.exec(zoneName);
    if (gmt) offset = Number(gmt[1]) * 3600;
    const t = goDate(year, month, day, hour, min, sec, nsec, UTC);
    return { sec: t.sec - offset, nsec: t.nsec, loc: fixedZone(zoneName, offset) };
  }
  return goDate(year, month, day, hour, min, sec, nsec, UTC);
}

function monthDayOf(yday: number): [number, number] {
  let m = 1;
  while (yday > daysIn(m, 2001)) {
    yday -= daysIn(m, 2001);
    m++;
  }
  return [m, yday];
}

// ---------------------------------------------------------------------------------------------
// Durations

const UNITS: Record<string, bigint> = {
  ns: 1n,
  us: 1000n,
  "\u00b5s": 1000n,
  "\u03bcs": 1000n,
  ms: 1_000_000n,
  s: NS_PER_SEC,
  m: 60n * NS_PER_SEC,
  h: 3600n * NS_PER_SEC,
};

/** Go's time.ParseDuration, in nanoseconds. */
export function parseDuration(orig: string): bigint {
  const invalid = (): never => {
    throw builtinError("time: invalid duration " + goQuote(orig));
  };
  let s = orig;
  let neg = false;
  if (s !== "" && (s[0] === "-" || s[0] === "+")) {
    neg = s[0] === "-";
    s = s.slice(1);
  }
  if (s === "0") return 0n;
  if (s === "") invalid();
  let d = 0n;
  const limit = 1n << 63n;
  while (s !== "") {
    if (!(s[0] === "." || isDigitAt(s, 0))) invalid();
    let i = 0;
    while (isDigitAt(s, i)) i++;
    const pre = i > 0;
    let v = pre ? BigInt(s.slice(0, i)) : 0n;
    if (v > limit) invalid();
    s = s.slice(i);
    let post = false;
    let f = 0;
    let scale = 1;
    if (s[0] === ".") {
      s = s.slice(1);
      let j = 0;
      let overflow = false;
      while (isDigitAt(s, j)) {
        if (!overflow) {
          if (f > (2 ** 63 - 1) / 10) overflow = true;
          else {
            f = f * 10 + (s.charCodeAt(j) - 48);
            scale *= 10;
          }
        }
        j++;
      }
      post = j > 0;
      s = s.slice(j);
    }
    if (!pre && !post) invalid();
    let u = 0;
    while (u < s.length && s[u] !== "." && !isDigitAt(s, u)) u++;
    if (u === 0) throw builtinError("time: missing unit in duration " + goQuote(orig));
    const unitName = s.slice(0, u);
    s = s.slice(u);
    const unit = UNITS[unitName];
    if (unit === undefined) throw builtinError("time: unknown unit " + goQuote(unitName) + " in duration " + goQuote(orig));
    if (v > limit / unit) invalid();
    v *= unit;
    if (f > 0) {
      v += BigInt(Math.floor(f * (Number(unit) / scale)));
      if (v > limit) invalid();
    }
    d += v;
    if (d > limit) invalid();
  }
  if (neg) return -d;
  if (d > limit - 1n) invalid();
  return d;
}
