/**
 * Object builtins: `object.get`, `object.keys`, `object.remove`, `object.filter`, `object.union`,
 * `object.union_n` and `object.subset`, with OPA's semantics (non-string keys included).
 */
import { equal, RObject, RSet, typeName, type Value } from "../value";
import { argArray, argObject, operandTypeError } from "./args";
import { BuiltinError, type BuiltinDef } from "./registry";
import { T } from "./types";

/** The key operand of `object.remove` / `object.filter`: an array, a set, or an object's keys. */
function keysParam(args: readonly Value[], i: number): RSet {
  const v = args[i];
  if (v instanceof RSet) return v;
  if (Array.isArray(v)) return RSet.of(v);
  if (v instanceof RObject) return RSet.of(v.keys());
  throw operandTypeError(i + 1, v, "object", "set", "array");
}

/** The value at `path` inside `v` (object keys, array indices, set members), or undefined. */
export function findPath(v: Value, path: readonly Value[]): Value | undefined {
  let cur: Value = v;
  for (const seg of path) {
    if (cur instanceof RObject) {
      const next = cur.get(seg);
      if (next === undefined) return undefined;
      cur = next;
    } else if (Array.isArray(cur)) {
      if (typeof seg !== "number" || !Number.isInteger(seg) || seg < 0 || seg >= cur.length) return undefined;
      cur = cur[seg];
    } else if (cur instanceof RSet) {
      if (!cur.has(seg)) return undefined;
      cur = seg;
    } else {
      return undefined;
    }
  }
  return cur;
}

function objectGet(args: readonly Value[]): Value {
  const obj = argObject(args, 0);
  const key = args[1];
  if (!Array.isArray(key)) return obj.get(key) ?? args[2];
  if (key.length === 0) return obj;
  return findPath(obj, key) ?? args[2];
}

/** Keys of `b` overwrite those of `a`, except that two objects under one key merge recursively. */
export function mergeWithOverwrite(a: RObject, b: RObject): RObject {
  if (b.size === 0) return a;
  const out = new RObject();
  for (const [k, v] of a.entries()) out.set(k, v);
  for (const [k, vb] of b.entries()) {
    const va = a.get(k);
    out.set(k, va instanceof RObject && vb instanceof RObject ? mergeWithOverwrite(va, vb) : vb);
  }
  return out;
}

function unionN(args: readonly Value[]): Value {
  const arr = argArray(args, 0);
  let out = new RObject();
  for (const o of arr) {
    if (!(o instanceof RObject)) {
      throw new BuiltinError("eval_type_error", `operand 1 must be array of objects but got array containing ${typeName(o)}`);
    }
    out = mergeWithOverwrite(out, o);
  }
  return out;
}

function objectSubset(sup: RObject, sub: RObject): boolean {
  for (const [k, vs] of sub.entries()) {
    const vp = sup.get(k);
    if (vp === undefined) return false;
    if (equal(vs, vp)) continue;
    if (vp instanceof RObject && vs instanceof RObject) {
      if (!objectSubset(vp, vs)) return false;
    } else if (vp instanceof RSet && vs instanceof RSet) {
      if (!setSubset(vp, vs)) return false;
    } else if (Array.isArray(vp) && Array.isArray(vs)) {
      if (!arraySubset(vp, vs)) return false;
    } else {
      return false;
    }
  }
  return true;
}

function setSubset(sup: RSet, sub: RSet): boolean {
  return sub.values().every((v) => sup.has(v));
}

/** `sub` appears in `sup` as a contiguous run. */
function arraySubset(sup: readonly Value[], sub: readonly Value[]): boolean {
  if (sub.length > sup.length) return false;
  outer: for (let start = 0; start + sub.length <= sup.length; start++) {
    for (let i = 0; i < sub.length; i++) if (!equal(sup[start + i], sub[i])) continue outer;
    return true;
  }
  return false;
}

/** Every member of `sub` is an element of `sup` (with OPA's count of matches, duplicates included). */
function arraySetSubset(sup: readonly Value[], sub: RSet): boolean {
  let unmatched = sub.size;
  for (const v of sup) {
    if (sub.has(v)) unmatched--;
    if (unmatched === 0) return true;
  }
  return false;
}

function subset(args: readonly Value[]): Value {
  const [sup, sub] = args;
  if (sup instanceof RObject && sub instanceof RObject) return objectSubset(sup, sub);
  if (sup instanceof RSet && sub instanceof RSet) return setSubset(sup, sub);
  if (Array.isArray(sup)) {
    if (Array.isArray(sub)) return arraySubset(sup, sub);
    if (sub instanceof RSet) return arraySetSubset(sup, sub);
  }
  throw new BuiltinError("eval_type_error", "both arguments object.subset must be of the same type or array and set");
}

const keysType = T.union(T.array(), T.set(), T.object());

export const builtins: BuiltinDef[] = [
  {
    name: "object.get",
    decl: { args: [T.object(), T.any, T.any], result: T.any },
    impl: objectGet,
  },
  {
    name: "object.keys",
    decl: { args: [T.object()], result: T.set() },
    impl: (args) => RSet.of(argObject(args, 0).keys()),
  },
  {
    name: "object.remove",
    decl: { args: [T.object(), keysType], result: T.object() },
    impl: (args) => {
      const obj = argObject(args, 0);
      const keys = keysParam(args, 1);
      if (keys.size === 0) return obj;
      return RObject.fromEntries(obj.entries().filter(([k]) => !keys.has(k)));
    },
  },
  {
    name: "object.filter",
    decl: { args: [T.object(), keysType], result: T.object() },
    impl: (args) => {
      const obj = argObject(args, 0);
      const keys = keysParam(args, 1);
      return RObject.fromEntries(obj.entries().filter(([k]) => keys.has(k)));
    },
  },
  {
    name: "object.union",
    decl: { args: [T.object(), T.object()], result: T.object() },
    impl: (args) => {
      const a = argObject(args, 0);
      const b = argObject(args, 1);
      return equal(a, b) ? a : mergeWithOverwrite(a, b);
    },
  },
  {
    name: "object.union_n",
    decl: { args: [T.array(T.object())], result: T.object() },
    impl: unionN,
  },
  {
    name: "object.subset",
    decl: {
      args: [T.union(T.object(), T.set(), T.array()), T.union(T.object(), T.set(), T.array())],
      result: T.boolean,
    },
    impl: subset,
  },
];
