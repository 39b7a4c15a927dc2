import { BigDecimal, formatNumber, normalizeBigInt, type Numeric } from "./number";
import { RObject, RSet, typeName, type Value } from "./types";

/**
 * Converts a parsed JSON/YAML document (bigints allowed for exact integers) to a Value. Objects
 * are converted lazily, field by field, so the document must not be mutated afterwards.
 */
export function fromJSON(x: unknown): Value {
  return fromJSONAt(x, 0);
}

/**
 * Depth beyond which conversions switch from recursion to an explicit stack: a deeply nested
 * document (10k levels) must not overflow the JavaScript stack, and shallow ones stay fast.
 */
const MAX_RECURSION = 500;

function fromJSONAt(x: unknown, depth: number): Value {
  if (x === null || x === undefined) return null;
  switch (typeof x) {
    case "boolean":
    case "string":
      return x;
    case "number":
      return x;
    case "bigint":
      return normalizeBigInt(x);
  }
  if (Array.isArray(x)) {
    if (depth > MAX_RECURSION) return fromJSONDeep(x);
    const out: Value[] = new Array(x.length);
    for (let i = 0; i < x.length; i++) out[i] = fromJSONAt(x[i], depth + 1);
    return out;
  }
  if (x instanceof RObject || x instanceof RSet) return x;
  // fields convert on first read: a policy usually looks at a small part of its input
  return RObject.lazy(x as Record<string, unknown>, fromJSON);
}

/**
 * Converts a Value to plain JSON-compatible JS: sets become sorted arrays, non-string object
 * keys become their compact JSON text (as OPA does when it serializes), huge integers stay bigints.
 */
export function toJSON(v: Value): unknown {
  return toJSONAt(v, 0);
}

function toJSONAt(v: Value, depth: number): unknown {
  if (v === null || typeof v !== "object") return v;
  if (v instanceof BigDecimal) return v.approx;
  if (depth > MAX_RECURSION) return toJSONDeep(v);
  if (Array.isArray(v)) {
    const out: unknown[] = new Array(v.length);
    for (let i = 0; i < v.length; i++) out[i] = toJSONAt(v[i], depth + 1);
    return out;
  }
  if (v instanceof RSet) return v.values().map((x) => toJSONAt(x, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, val] of (v as RObject).entries()) out[jsonKey(k)] = toJSONAt(val, depth + 1);
  return out;
}

function jsonKey(k: Value): string {
  return typeof k === "string" ? k : JSON.stringify(toJSON(k), (_k, x) => (typeof x === "bigint" ? Number(x) : x));
}

/** `toJSON` with an explicit stack, for values nested deeper than MAX_RECURSION. */
function toJSONDeep(v: Value): unknown {
  let root: unknown;
  const stack: [Value, (x: unknown) => void][] = [[v, (x) => (root = x)]];
  while (stack.length) {
    const [x, put] = stack.pop()!;
    if (x === null || typeof x !== "object" || x instanceof BigDecimal) {
      put(x instanceof BigDecimal ? x.approx : x);
    } else if (Array.isArray(x) || x instanceof RSet) {
      const items: readonly Value[] = Array.isArray(x) ? x : (x as RSet).values();
      const out: unknown[] = new Array(items.length);
      put(out);
      for (let i = 0; i < items.length; i++) stack.push([items[i], (y) => (out[i] = y)]);
    } else {
      const out: Record<string, unknown> = {};
      put(out);
      for (const [k, val] of (x as RObject).entries()) {
        const key = jsonKey(k);
        out[key] = null; // keeps the sorted key order while the values fill in later
        stack.push([val, (y) => (out[key] = y)]);
      }
    }
  }
  return root;
}

/** `fromJSON` of nested arrays with an explicit stack (objects below convert lazily anyway). */
function fromJSONDeep(x: unknown[]): Value {
  let root: Value = null;
  const stack: [unknown, (v: Value) => void][] = [[x, (v) => (root = v)]];
  while (stack.length) {
    const [y, put] = stack.pop()!;
    if (!Array.isArray(y)) {
      put(fromJSONAt(y, 0));
      continue;
    }
    const out: Value[] = new Array(y.length);
    put(out);
    for (let i = 0; i < y.length; i++) stack.push([y[i], (v) => (out[i] = v)]);
  }
  return root;
}

/** Rego's textual form of a value, as OPA prints terms in messages and `sprintf("%v")`. */
export function formatValue(v: Value): string {
  switch (typeName(v)) {
    case "null":
      return "null";
    case "boolean":
      return v ? "true" : "false";
    case "number":
      return formatNumber(v as Numeric);
    case "string":
      return JSON.stringify(v);
    case "array":
      return "[" + (v as Value[]).map(formatValue).join(", ") + "]";
    case "object":
      return "{" + (v as RObject).entries().map(([k, x]) => formatValue(k) + ": " + formatValue(x)).join(", ") + "}";
    default: {
      const s = v as RSet;
      return s.size === 0 ? "set()" : "{" + s.values().map(formatValue).join(", ") + "}";
    }
  }
}
