/**
 * `walk(x, [path, value])`: a relation (see `relation` in registry.ts) with one solution per node
 * of `x`, in OPA's pre-order: `[[], x]` first, then each child in order (array index, object key in
 * sorted order, set member, the member itself being the path segment).
 */
import type { Value } from "../value";
import { RObject, RSet } from "../value";
import type { BuiltinDef } from "./registry";
import { T } from "./types";

export function walkPairs(root: Value): Value[] {
  const out: Value[] = [];
  const path: Value[] = [];
  const visit = (v: Value): void => {
    out.push([path.slice(), v]);
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        path.push(i);
        visit(v[i]);
        path.pop();
      }
    } else if (v instanceof RObject) {
      for (const [k, x] of v.entries()) {
        path.push(k);
        visit(x);
        path.pop();
      }
    } else if (v instanceof RSet) {
      for (const m of v.values()) {
        path.push(m);
        visit(m);
        path.pop();
      }
    }
  };
  visit(root);
  return out;
}

export const builtins: BuiltinDef[] = [
  {
    name: "walk",
    relation: true,
    decl: { args: [T.any], result: T.array(T.any) },
    impl: (args) => walkPairs(args[0]),
  },
];
