/**
 * Safety: reorders each body so every variable is bound before it is used (OPA's
 * reorderBodyForSafety: keep source order, move an expression later only when it needs a variable
 * that a later expression binds), and reports `rego_unsafe_var_error` when that is impossible.
 */
import { fail, type Location } from "../errors";
import type { CExpr, CTerm } from "./ir";
import { keyOf } from "../value";

type Slots = Set<number>;

/** Vars of a term evaluated as a value: inputs must be bound; outs are bound by ref iteration. */
export function valueVars(t: CTerm, ins: Slots, outs: Slots): void {
  switch (t.k) {
    case "var":
      ins.add(t.slot);
      return;
    case "const":
    case "input":
      return;
    case "data":
      for (const p of t.path) pathVars(p, ins, outs);
      return;
    case "ref":
      valueVars(t.head, ins, outs);
      for (const p of t.path) pathVars(p, ins, outs);
      return;
    case "array":
    case "set":
      for (const x of t.items) valueVars(x, ins, outs);
      return;
    case "object":
      for (const [a, b] of t.entries) {
        valueVars(a, ins, outs);
        valueVars(b, ins, outs);
      }
      return;
    case "call":
      for (const a of t.args) valueVars(a, ins, outs);
      return;
    case "print":
      // print never blocks: an unbound argument prints as <undefined>
      return;
    case "member":
      if (t.key) valueVars(t.key, ins, outs);
      valueVars(t.value, ins, outs);
      valueVars(t.coll, ins, outs);
      return;
    case "acompr":
    case "scompr":
    case "ocompr":
      for (const s of t.captured) ins.add(s);
      return;
  }
}

function pathVars(p: CTerm, ins: Slots, outs: Slots): void {
  if (p.k === "var") outs.add(p.slot);
  else if (p.k === "array" || p.k === "object") patternVars(p, ins, outs);
  else valueVars(p, ins, outs);
}

/** Vars of a term in a unification pattern position: bare vars are outputs. */
export function patternVars(t: CTerm, ins: Slots, outs: Slots): void {
  switch (t.k) {
    case "var":
      outs.add(t.slot);
      return;
    case "array":
      for (const x of t.items) patternVars(x, ins, outs);
      return;
    case "object":
      for (const [a, b] of t.entries) {
        valueVars(a, ins, outs);
        patternVars(b, ins, outs);
      }
      return;
    default:
      valueVars(t, ins, outs);
  }
}

function subset(a: Slots, b: Slots): boolean {
  for (const x of a) if (!b.has(x)) return false;
  return true;
}

function patOuts(t: CTerm): Slots {
  const outs = new Set<number>();
  const ins = new Set<number>();
  if (t.k === "var") outs.add(t.slot);
  else if (t.k === "array" || t.k === "object") patternVars(t, ins, outs);
  return outs;
}

function unifyReady(a: CTerm, b: CTerm, bound: Slots): boolean {
  if (subset(patOuts(a), bound) || subset(patOuts(b), bound)) return true;
  if (a.k === "array" && b.k === "array" && a.items.length === b.items.length) {
    return a.items.every((x, i) => unifyReady(x, b.items[i], bound));
  }
  if (a.k === "object" && b.k === "object" && a.entries.length === b.entries.length) {
    return a.entries.every(([ka, va]) => {
      if (ka.k !== "const") return false;
      const m = b.entries.find(([kb]) => kb.k === "const" && keyOf(kb.v) === keyOf(ka.v));
      return m !== undefined && unifyReady(va, m[1], bound);
    });
  }
  return false;
}

/** All vars of an expression (for `not`: which of them are shared with the rest of the body). */
export function exprAllVars(e: CExpr, into: Slots): void {
  const outs = into;
  switch (e.k) {
    case "term":
      valueVars(e.term, into, outs);
      break;
    case "unify":
      patternVars(e.a, into, outs);
      patternVars(e.b, into, outs);
      break;
    case "not":
      exprAllVars(e.expr, into);
      break;
    case "somein":
      if (e.key) patternVars(e.key, into, outs);
      patternVars(e.value, into, outs);
      valueVars(e.coll, into, outs);
      break;
    case "every":
      valueVars(e.coll, into, outs);
      for (const s of e.captured) into.add(s);
      break;
    case "nop":
      break;
  }
  for (const w of e.withs ?? []) valueVars(w.value, into, outs);
}

interface Analysis {
  ins: Slots;
  outs: Slots;
  ready: (bound: Slots) => boolean;
}

function analyse(e: CExpr, shared: Slots): Analysis {
  const ins = new Set<number>();
  const outs = new Set<number>();
  for (const w of e.withs ?? []) valueVars(w.value, ins, outs);
  switch (e.k) {
    case "term":
      valueVars(e.term, ins, outs);
      return { ins, outs, ready: (b) => subset(ins, b) };
    case "unify": {
      const pa = new Set<number>();
      const pb = new Set<number>();
      patternVars(e.a, ins, pa);
      patternVars(e.b, ins, pb);
      // vars of patterns that are not bare pattern vars of either side are ref-iteration outputs
      for (const x of pa) outs.add(x);
      for (const x of pb) outs.add(x);
      const bareA = patOuts(e.a);
      const bareB = patOuts(e.b);
      const needIns = new Set([...ins].filter((x) => !bareA.has(x) && !bareB.has(x)));
      return { ins: needIns, outs, ready: (b) => subset(needIns, b) && unifyReady(e.a, e.b, b) };
    }
    case "not": {
      const all = new Set<number>();
      exprAllVars(e.expr, all);
      const need = new Set([...all].filter((x) => shared.has(x)));
      for (const x of ins) need.add(x);
      return { ins: need, outs: new Set(), ready: (b) => subset(need, b) };
    }
    case "somein":
      valueVars(e.coll, ins, outs);
      if (e.key) patternVars(e.key, ins, outs);
      patternVars(e.value, ins, outs);
      {
        const bare = new Set([...patOuts(e.value), ...(e.key ? patOuts(e.key) : [])]);
        const need = new Set([...ins].filter((x) => !bare.has(x)));
        for (const x of bare) outs.add(x);
        return { ins: need, outs, ready: (b) => subset(need, b) };
      }
    case "every":
      valueVars(e.coll, ins, outs);
      for (const s of e.captured) ins.add(s);
      return { ins, outs: new Set(), ready: (b) => subset(ins, b) };
    case "nop":
      return { ins, outs, ready: () => true };
  }
}

/**
 * Orders `body` for safety given the already-bound slots; returns the new order and the bound set
 * after it. `headSlots` are vars used by the rule head (they count as shared for `not`).
 */
export function reorder(
  body: readonly CExpr[],
  bound: Slots,
  headSlots: Slots,
  names: (slot: number) => string,
  locOf?: (slot: number) => Location | undefined,
): { body: CExpr[]; bound: Slots } {
  const perExpr = body.map((e) => {
    const s = new Set<number>();
    exprAllVars(e, s);
    return s;
  });
  const out: CExpr[] = [];
  const b = new Set(bound);
  const remaining = body.map((e, i) => ({ e, i }));
  const analyses = body.map((e, i) => {
    const shared = new Set<number>(headSlots);
    for (const x of bound) shared.add(x);
    perExpr.forEach((s, j) => {
      if (j !== i) for (const x of s) shared.add(x);
    });
    return analyse(e, shared);
  });
  while (remaining.length) {
    let picked = -1;
    for (let j = 0; j < remaining.length; j++) {
      if (analyses[remaining[j].i].ready(b)) {
        picked = j;
        break;
      }
    }
    if (picked < 0) {
      const first = remaining[0];
      const a = analyses[first.i];
      let bad = [...a.ins].find((x) => !b.has(x));
      if (bad === undefined) bad = [...perExpr[first.i]].find((x) => !b.has(x));
      const name = bad === undefined ? "?" : names(bad);
      fail("rego_unsafe_var_error", `var ${name} is unsafe`, (bad !== undefined ? locOf?.(bad) : undefined) ?? first.e.loc);
    }
    const { e, i } = remaining.splice(picked, 1)[0];
    out.push(e);
    const a = analyses[i];
    if (e.k !== "not" && e.k !== "every") {
      for (const x of a.ins) b.add(x);
      for (const x of a.outs) b.add(x);
    }
  }
  return { body: out, bound: b };
}

/** Vars of a head term (must be bound by the body). */
export function termSlots(t: CTerm | undefined, into: Slots): void {
  if (!t) return;
  valueVars(t, into, new Set());
}
