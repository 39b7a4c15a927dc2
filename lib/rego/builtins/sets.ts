/** Set builtins: `union` and `intersection` of a set of sets, and the deprecated `set_diff` (`a - b`). */
import { RSet, type Value } from "../value";
import { argSet, operandTypeError } from "./args";
import { setDifference, setIntersection } from "./operators";
import type { BuiltinDef } from "./registry";
import { T } from "./types";

/** The member sets of a set-of-sets operand; a member that is not a set is an operand 1 error. */
function memberSets(args: readonly Value[]): RSet[] {
  return argSet(args, 0)
    .values()
    .map((s) => {
      if (!(s instanceof RSet)) throw operandTypeError(1, s, "set");
      return s;
    });
}

function union(args: readonly Value[]): Value {
  const sets = memberSets(args);
  if (sets.length === 1) return sets[0];
  const out = new RSet();
  for (const s of sets) for (const v of s.values()) out.add(v);
  return out;
}

function intersection(args: readonly Value[]): Value {
  const sets = memberSets(args);
  if (sets.length === 0) return new RSet();
  return sets.reduce((acc, s) => setIntersection(acc, s));
}

const setOfSets = { args: [T.set(T.set())], result: T.set() };

export const builtins: BuiltinDef[] = [
  { name: "union", decl: setOfSets, impl: union },
  { name: "intersection", decl: setOfSets, impl: intersection },
  {
    name: "set_diff",
    decl: { args: [T.set(), T.set()], result: T.set() },
    impl: (args) => setDifference(argSet(args, 0), argSet(args, 1)),
  },
];
