import { formatNumber, normalizeBigInt } from "./number";
import { RObject, RSet, typeName, type Value } from "./types";

/**
 * Converts a parsed JSON/YAML document (bigints allowed for exact integers) to a Value. Objects
 * are converted lazily, field by field, so the document must not be mutated afterwards.
 */
export function fromJSON(x: unknown): Value {
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
  if (Array.isArray(x)) return x.map(fromJSON);
  if (x instanceof RObject || x instanceof RSet) return x;
  // fields convert on first read: a policy usually looks at a small part of its input
  return RObject.lazy(x as Record<string, unknown>, fromJSON);
}

/**
 * Converts a Value to plain JSON-compatible JS: sets become sorted arrays, non-string object
 * keys become their compact JSON text (as OPA does when it serializes), huge integers stay bigints.
 */
export function toJSON(v: Value): unknown {
  if (v === null || typeof v !== "object") return v;
  if (Array.isArray(v)) return v.map(toJSON);
  if (v instanceof RSet) return v.values().map(toJSON);
  const out: Record<string, unknown> = {};
  for (const [k, val] of (v as RObject).entries()) {
    out[typeof k === "string" ? k : JSON.stringify(toJSON(k), (_k, x) => (typeof x === "bigint" ? Number(x) : x))] = toJSON(val);
  }
  return out;
}

/** Rego's textual form of a value, as OPA prints terms in messages and `sprintf("%v")`. */
export function formatValue(v: Value): string {
  switch (typeName(v)) {
    case "null":
      return "null";
    case "boolean":
      return v ? "true" : "false";
    case "number":
      return formatNumber(v as number | bigint);
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
