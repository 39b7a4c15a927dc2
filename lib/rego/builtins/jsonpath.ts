/**
 * JSON-path builtins: `json.filter`, `json.remove` (paths as "a/b/c" JSON pointers or arrays of
 * segments) and `json.patch` (RFC 6902 operations, extended as OPA does to sets and non-string
 * keys). A patch that cannot apply makes the call undefined, as in OPA.
 */
import { equal, RObject, RSet, typeName, type Value } from "../value";
import { argArray, argObject, operandTypeError } from "./args";
import { BuiltinError, type BuiltinDef } from "./registry";
import { T } from "./types";

function operandError(message: string): BuiltinError {
  return new BuiltinError("eval_type_error", `operand 2 ${message}`);
}

/** One path: "/a/b~1c" (JSON pointer, leading slashes optional) or an array of segments. */
function parsePath(p: Value): readonly Value[] {
  if (typeof p === "string") {
    if (p === "") return [];
    return p
      .replace(/^\/+/, "")
      .split("/")
      .map((part) => part.replaceAll("~1", "/").replaceAll("~0", "~"));
  }
  if (Array.isArray(p)) return p;
  throw operandError(
    `must be one of {set, array} containing string paths or array of path segments but got ${typeName(p)}`,
  );
}

function parsePaths(args: readonly Value[]): (readonly Value[])[] {
  const v = args[1];
  if (Array.isArray(v)) return v.map(parsePath);
  if (v instanceof RSet) return v.values().map(parsePath);
  throw operandTypeError(2, v, "set", "array");
}

/**
 * The paths as a tree of objects whose leaves are null: {"a": {"b": null}} for "a/b". A shorter
 * path wins over a longer one below it.
 */
function pathsToTree(paths: readonly (readonly Value[])[]): RObject {
  const root = new RObject();
  for (const path of paths) {
    if (path.length === 0) continue;
    let node = root;
    let covered = false;
    for (let i = 0; i < path.length - 1; i++) {
      const child = node.get(path[i]);
      if (child === undefined) {
        const fresh = new RObject();
        node.set(path[i], fresh);
        node = fresh;
      } else if (child === null) {
        covered = true;
        break;
      } else {
        node = child as RObject;
      }
    }
    if (!covered) node.set(path[path.length - 1], null);
  }
  return root;
}

/** Keeps only what the filter tree selects; array elements are selected by their index as a string. */
function filterValue(v: Value, filter: Value): Value {
  if (filter === null || !(filter instanceof RObject)) return v;
  if (Array.isArray(v)) {
    const out: Value[] = [];
    for (let i = 0; i < v.length; i++) {
      const sub = filter.get(String(i));
      if (sub !== undefined) out.push(filterValue(v[i], sub));
    }
    return out;
  }
  if (v instanceof RSet) {
    const out = new RSet();
    for (const m of v.values()) {
      const sub = filter.get(m);
      if (sub !== undefined) out.add(filterValue(m, sub));
    }
    return out;
  }
  if (v instanceof RObject) {
    const out = new RObject();
    for (const [k, x] of v.entries()) {
      const sub = filter.get(k);
      if (sub !== undefined) out.set(k, filterValue(x, sub));
    }
    return out;
  }
  return v;
}

/** Drops what the tree marks with null leaves; undefined when `v` itself is removed. */
function removeValue(v: Value, tree: Value | undefined): Value | undefined {
  if (tree === undefined) return v;
  if (tree === null) return undefined;
  if (!(tree instanceof RObject)) return v;
  if (Array.isArray(v)) {
    const out: Value[] = [];
    for (let i = 0; i < v.length; i++) {
      const x = removeValue(v[i], tree.get(String(i)));
      if (x !== undefined) out.push(x);
    }
    return out;
  }
  if (v instanceof RSet) {
    const out = new RSet();
    for (const m of v.values()) {
      const x = removeValue(m, tree.get(m));
      if (x !== undefined) out.add(x);
    }
    return out;
  }
  if (v instanceof RObject) {
    const out = new RObject();
    for (const [k, x] of v.entries()) {
      const y = removeValue(x, tree.get(k));
      if (y !== undefined) out.set(k, y);
    }
    return out;
  }
  return v;
}

// ---- json.patch ----

/** An array index from a path segment: an integer, "-" (the end), or a decimal string without leading zeros. */
function toIndex(arr: readonly Value[], key: Value): number | undefined {
  if (typeof key === "number") return Number.isInteger(key) ? key : undefined;
  if (typeof key !== "string") return undefined;
  if (key === "-") return arr.length;
  if (!/^[+-]?\d+$/.test(key)) return undefined;
  if (key !== "0" && key.startsWith("0")) return undefined;
  const n = Number(key);
  return Number.isSafeInteger(n) ? n : undefined;
}

type Step = readonly [updated: Value | undefined, result: Value | undefined];
type Worker = (parent: Value, key: Value) => Step;

/**
 * Rebuilds `target` along `path`, applying `worker` to the parent of the last segment. Undefined
 * when the path does not exist (up to the parent).
 */
function traverse(target: Value, path: readonly Value[], worker: Worker): Step | undefined {
  if (path.length === 0) return undefined;
  const key = path[0];
  if (path.length === 1) return worker(target, key);
  const rest = path.slice(1);
  let hit: Step | undefined;
  let updated: Value;
  if (target instanceof RObject) {
    const obj = new RObject();
    for (const [k, v] of target.entries()) {
      if (equal(k, key)) {
        const r = traverse(v, rest, worker);
        if (r !== undefined && r[0] !== undefined) {
          obj.set(k, r[0]);
          hit = r;
        }
      } else {
        obj.set(k, v);
      }
    }
    updated = obj;
  } else if (Array.isArray(target)) {
    const idx = toIndex(target, key);
    if (idx === undefined) return undefined;
    const arr: Value[] = [];
    for (let i = 0; i < target.length; i++) {
      if (i === idx) {
        const r = traverse(target[i], rest, worker);
        if (r !== undefined && r[0] !== undefined) {
          arr.push(r[0]);
          hit = r;
        }
      } else {
        arr.push(target[i]);
      }
    }
    updated = arr;
  } else if (target instanceof RSet) {
    const set = new RSet();
    for (const m of target.values()) {
      if (equal(m, key)) {
        const r = traverse(m, rest, worker);
        if (r !== undefined && r[0] !== undefined) {
          set.add(r[0]);
          hit = r;
        }
      } else {
        set.add(m);
      }
    }
    updated = set;
  } else {
    return undefined;
  }
  return hit === undefined ? undefined : [updated, hit[1]];
}

const NONE: Step = [undefined, undefined];

function patchGet(target: Value, path: readonly Value[]): Value | undefined {
  if (path.length === 0) return target;
  const r = traverse(target, path, (parent, key) => {
    if (parent instanceof RObject) return [parent, parent.get(key)];
    if (Array.isArray(parent)) {
      const i = toIndex(parent, key);
      return i !== undefined && i >= 0 && i < parent.length ? [parent, parent[i]] : NONE;
    }
    if (parent instanceof RSet) return parent.has(key) ? [parent, key] : NONE;
    return NONE;
  });
  return r?.[1];
}

function patchAdd(target: Value, path: readonly Value[], value: Value): Value | undefined {
  if (path.length === 0) return value;
  const r = traverse(target, path, (parent, key) => {
    if (parent instanceof RObject) {
      const obj = RObject.fromEntries(parent.entries());
      obj.set(key, value);
      return [obj, undefined];
    }
    if (Array.isArray(parent)) {
      const idx = toIndex(parent, key);
      if (idx === undefined || idx < 0 || idx > parent.length) return NONE;
      return [[...parent.slice(0, idx), value, ...parent.slice(idx)], undefined];
    }
    if (parent instanceof RSet) {
      if (!equal(key, value)) return NONE;
      return [RSet.of([...parent.values(), key]), undefined];
    }
    return NONE;
  });
  return r?.[0];
}

function patchRemove(target: Value, path: readonly Value[]): Step {
  if (path.length === 0) return NONE;
  const r = traverse(target, path, (parent, key) => {
    if (parent instanceof RObject) {
      const removed = parent.get(key);
      return [RObject.fromEntries(parent.entries().filter(([k]) => !equal(k, key))), removed];
    }
    if (Array.isArray(parent)) {
      const idx = toIndex(parent, key);
      if (idx === undefined || idx < 0 || idx >= parent.length) return NONE;
      return [[...parent.slice(0, idx), ...parent.slice(idx + 1)], parent[idx]];
    }
    if (parent instanceof RSet) {
      const removed = parent.has(key) ? key : undefined;
      return [RSet.of(parent.values().filter((m) => !equal(m, key))), removed];
    }
    return NONE;
  });
  return r !== undefined && r[0] !== undefined && r[1] !== undefined ? r : NONE;
}

function applyPatch(doc: Value, ops: readonly Value[]): Value | undefined {
  let target: Value | undefined = doc;
  for (const op of ops) {
    if (!(op instanceof RObject)) throw operandError("must be an array of JSON-Patch objects");
    const attr = (name: string): Value => {
      const v = op.get(name);
      if (v === undefined) throw operandError(`patch is missing '${name}' attribute`);
      return v;
    };
    const kind = attr("op");
    if (typeof kind !== "string") throw operandError("patch attribute 'op' must be a string");
    const path = parsePath(attr("path"));
    const t: Value = target as Value;
    switch (kind) {
      case "add":
        target = patchAdd(t, path, attr("value"));
        break;
      case "remove":
        target = patchRemove(t, path)[0];
        break;
      case "replace": {
        const value = attr("value");
        if (path.length === 0) {
          target = value;
          break;
        }
        const removed = patchRemove(t, path)[0];
        target = removed === undefined ? undefined : patchAdd(removed, path, value);
        break;
      }
      case "move": {
        const from = parsePath(attr("from"));
        const [rest, moved] = patchRemove(t, from);
        target = rest === undefined || moved === undefined ? undefined : patchAdd(rest, path, moved);
        break;
      }
      case "copy": {
        const from = parsePath(attr("from"));
        const value = patchGet(t, from);
        target = value === undefined ? undefined : patchAdd(t, path, value);
        break;
      }
      case "test": {
        const value = attr("value");
        const actual = patchGet(t, path);
        target = actual !== undefined && equal(actual, value) ? t : undefined;
        break;
      }
      default:
        throw operandError("must be an array of JSON-Patch objects");
    }
    if (target === undefined) return undefined;
  }
  return target;
}

const pathsType = T.union(T.array(T.union(T.string, T.array())), T.set(T.union(T.string, T.array())));

export const builtins: BuiltinDef[] = [
  {
    name: "json.filter",
    decl: { args: [T.object(), pathsType], result: T.object() },
    impl: (args) => {
      const obj = argObject(args, 0);
      return filterValue(obj, pathsToTree(parsePaths(args)));
    },
  },
  {
    name: "json.remove",
    decl: { args: [T.object(), pathsType], result: T.object() },
    impl: (args) => {
      const obj = argObject(args, 0);
      return removeValue(obj, pathsToTree(parsePaths(args)));
    },
  },
  {
    name: "json.patch",
    decl: { args: [T.any, T.array(T.object())], result: T.any },
    impl: (args) => applyPatch(args[0], argArray(args, 1)),
  },
];
