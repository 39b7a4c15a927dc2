import { BigDecimal, compareNumbers, formatNumber, isNumber, type Numeric, type RNumber } from "./number";

/**
 * A Rego value. Scalars are JS primitives (numbers per ./number.ts); arrays are plain JS arrays;
 * objects and sets are classes because any value can be an object key or a set member.
 * Values are immutable once built: `RObject.set` and `RSet.add` are for construction only.
 */
export type Value = null | boolean | RNumber | BigDecimal | string | readonly Value[] | RObject | RSet;

export type TypeName = "null" | "boolean" | "number" | "string" | "array" | "object" | "set";

export function typeName(v: Value): TypeName {
  if (v === null) return "null";
  switch (typeof v) {
    case "boolean":
      return "boolean";
    case "number":
    case "bigint":
      return "number";
    case "string":
      return "string";
  }
  if (Array.isArray(v)) return "array";
  if (v instanceof RObject) return "object";
  return v instanceof BigDecimal ? "number" : "set";
}

const KIND_ORDER: Record<TypeName, number> = { null: 0, boolean: 1, number: 2, string: 3, array: 4, object: 5, set: 6 };

const arrayKeys = new WeakMap<readonly Value[], string>();

/**
 * Canonical text of a value: two values are equal exactly when their keys are equal.
 * Cached on composites so repeated lookups and comparisons cost one string compare.
 */
export function keyOf(v: Value): string {
  if (v === null) return "n";
  switch (typeof v) {
    case "boolean":
      return v ? "t" : "f";
    case "number":
    case "bigint":
      return "#" + formatNumber(v);
    case "string":
      return JSON.stringify(v);
  }
  if (Array.isArray(v)) {
    let k = arrayKeys.get(v);
    if (k === undefined) {
      k = "[" + v.map(keyOf).join(",") + "]";
      arrayKeys.set(v, k);
    }
    return k;
  }
  if (v instanceof BigDecimal) return v.key;
  return (v as RObject | RSet).canonicalKey();
}

/**
 * Map key for object keys and set members. Strings, by far the most common keys, map to
 * themselves (no allocation on lookup); other values get a NUL-prefixed canonical key, and the
 * rare string that itself starts with NUL is escaped so the two spaces never collide.
 */
function slotKey(v: Value): string {
  if (typeof v === "string") return v.charCodeAt(0) === 0 ? "\u0000s" + v : v;
  return "\u0000" + keyOf(v);
}

export class RObject {
  private readonly slots = new Map<string, [Value, Value]>();
  private sorted: (readonly [Value, Value])[] | undefined;
  private key: string | undefined;
  /** JSON fields not converted yet (objects built by `fromJSON` convert each field on first use). */
  private raw: Record<string, unknown> | undefined;
  private rawConvert: ((x: unknown) => Value) | undefined;

  static fromEntries(entries: Iterable<readonly [Value, Value]>): RObject {
    const o = new RObject();
    for (const [k, v] of entries) o.set(k, v);
    return o;
  }

  static fromRecord(rec: Record<string, Value>): RObject {
    const o = new RObject();
    for (const k of Object.keys(rec)) o.set(k, rec[k]);
    return o;
  }

  /** An object over a parsed JSON record whose fields are converted with `convert` when first read. */
  static lazy(rec: Record<string, unknown>, convert: (x: unknown) => Value): RObject {
    const o = new RObject();
    o.raw = rec;
    o.rawConvert = convert;
    return o;
  }

  private materialize(): void {
    const raw = this.raw;
    if (raw === undefined) return;
    for (const k of Object.keys(raw)) {
      const sk = slotKey(k);
      if (!this.slots.has(sk)) this.slots.set(sk, [k, this.rawConvert!(raw[k])]);
    }
    this.raw = undefined;
    this.rawConvert = undefined;
  }

  get size(): number {
    this.materialize();
    return this.slots.size;
  }

  get(k: Value): Value | undefined {
    const e = this.slots.get(slotKey(k));
    if (e !== undefined) return e[1];
    const raw = this.raw;
    if (raw !== undefined && typeof k === "string" && Object.prototype.hasOwnProperty.call(raw, k)) {
      const v = this.rawConvert!(raw[k]);
      this.slots.set(slotKey(k), [k, v]);
      return v;
    }
    return undefined;
  }

  has(k: Value): boolean {
    return this.get(k) !== undefined;
  }

  /** Construction only: a later set of an equal key replaces the earlier value. */
  set(k: Value, v: Value): this {
    this.materialize();
    this.slots.set(slotKey(k), [k, v]);
    this.sorted = undefined;
    this.key = undefined;
    return this;
  }

  /** Entries in OPA's order: sorted by key. */
  entries(): readonly (readonly [Value, Value])[] {
    if (this.sorted === undefined) {
      this.materialize();
      this.sorted = [...this.slots.values()].sort((a, b) => compare(a[0], b[0]));
    }
    return this.sorted;
  }

  keys(): Value[] {
    return this.entries().map((e) => e[0]);
  }

  values(): Value[] {
    return this.entries().map((e) => e[1]);
  }

  canonicalKey(): string {
    if (this.key === undefined) {
      this.key = "{" + this.entries().map(([k, v]) => keyOf(k) + ":" + keyOf(v)).join(",") + "}";
    }
    return this.key;
  }
}

export class RSet {
  private readonly slots = new Map<string, Value>();
  private sorted: Value[] | undefined;
  private key: string | undefined;

  static of(values: Iterable<Value>): RSet {
    const s = new RSet();
    for (const v of values) s.add(v);
    return s;
  }

  get size(): number {
    return this.slots.size;
  }

  has(v: Value): boolean {
    return this.slots.has(slotKey(v));
  }

  /** Construction only. */
  add(v: Value): this {
    const k = slotKey(v);
    if (!this.slots.has(k)) {
      this.slots.set(k, v);
      this.sorted = undefined;
      this.key = undefined;
    }
    return this;
  }

  /** Members in OPA's order: sorted. */
  values(): readonly Value[] {
    if (this.sorted === undefined) this.sorted = [...this.slots.values()].sort(compare);
    return this.sorted;
  }

  canonicalKey(): string {
    if (this.key === undefined) this.key = "<" + this.values().map(keyOf).join(",") + ">";
    return this.key;
  }
}

export function equal(a: Value, b: Value): boolean {
  if (a === b) return true;
  if (typeof a === "object" && a !== null && typeof b === "object" && b !== null) return keyOf(a) === keyOf(b);
  return isNumber(a) && isNumber(b) && compareNumbers(a, b) === 0;
}

function compareSequences(a: readonly Value[], b: readonly Value[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const c = compare(a[i], b[i]);
    if (c !== 0) return c;
  }
  return a.length - b.length;
}

/** Total order of OPA: null < boolean < number < string < array < object < set. */
export function compare(a: Value, b: Value): number {
  const ka = KIND_ORDER[typeName(a)];
  const kb = KIND_ORDER[typeName(b)];
  if (ka !== kb) return ka - kb;
  switch (ka) {
    case 0:
      return 0;
    case 1:
      return a === b ? 0 : a ? 1 : -1;
    case 2:
      return compareNumbers(a as Numeric, b as Numeric);
    case 3:
      return a === b ? 0 : (a as string) < (b as string) ? -1 : 1;
    case 4:
      return compareSequences(a as Value[], b as Value[]);
    case 5: {
      const ea = (a as RObject).entries();
      const eb = (b as RObject).entries();
      const n = Math.min(ea.length, eb.length);
      for (let i = 0; i < n; i++) {
        const c = compare(ea[i][0], eb[i][0]) || compare(ea[i][1], eb[i][1]);
        if (c !== 0) return c;
      }
      return ea.length - eb.length;
    }
    default:
      return compareSequences((a as RSet).values(), (b as RSet).values());
  }
}
