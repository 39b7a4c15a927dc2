/**
 * `some foo; foo == input.foos[foo]`: the ref binds `foo` while the same call also reads it. OPA
 * evaluates such ref arguments first (its compiler moves call operands into assignments to
 * generated vars); here only the refs that need it move: `$t = input.foos[foo]; foo == $t`.
 * Other expressions are left alone, so ordinary bodies cost nothing extra.
 */
import type { CExpr, CTerm } from "./ir";
import { valueVars } from "./safety";

type Fresh = () => CTerm & { k: "var" };

/** The expressions to evaluate before `e` (possibly none) and `e` with those refs replaced. */
export function hoistSelfBoundRefs(e: CExpr, fresh: Fresh): CExpr[] {
  if (e.k !== "term" && e.k !== "unify") return [e];
  const reads = new Set<number>();
  const binds = new Set<number>();
  if (e.k === "term") valueVars(e.term, reads, binds);
  else {
    valueVars(e.a, reads, binds);
    valueVars(e.b, reads, binds);
  }
  let overlap = false;
  for (const s of binds) if (reads.has(s)) overlap = true;
  if (!overlap) return [e];
  const before: CExpr[] = [];
  // an argument of a call, at any depth of calls and collections, is evaluated as a value
  const arg = (a: CTerm): CTerm => {
    if ((a.k === "ref" || a.k === "data") && bindsAny(a, reads)) {
      const v = fresh();
      before.push({ k: "unify", a: v, b: a, loc: e.loc, ...(e.withs ? { withs: e.withs } : {}) });
      return v;
    }
    if (a.k === "array" || a.k === "set") return { ...a, items: a.items.map(arg) };
    if (a.k === "object") return { ...a, entries: a.entries.map(([x, y]) => [arg(x), arg(y)] as const) };
    return rewrite(a);
  };
  const rewrite = (t: CTerm): CTerm => (t.k === "call" ? { ...t, args: t.args.map(arg) } : t);
  const out: CExpr = e.k === "term" ? { ...e, term: rewrite(e.term) } : { ...e, a: rewrite(e.a), b: rewrite(e.b) };
  return before.length ? [...before, out] : [e];
}

/** Whether iterating the ref binds one of `slots`. */
function bindsAny(ref: CTerm, slots: Set<number>): boolean {
  const binds = new Set<number>();
  valueVars(ref, new Set(), binds);
  for (const s of binds) if (slots.has(s)) return true;
  return false;
}
