/**
 * What an evaluation was inside when it hit a limit: the innermost comprehension or `every`
 * around the failing expression and the rule or function it belongs to, found after the fact by
 * walking the compiled rules. The evaluator keeps no stack of where it is: that would cost on
 * every step of every evaluation for a message that only runaway policies see.
 */
import type { Loc } from "../ast";
import type { CBody, CExpr, CTerm, RuleDef, RuleNode } from "../compile/ir";

const at = (l: Loc) => `${l.file}:${l.row}:${l.col}`;
const same = (a: Loc, b: Loc) => a === b || (a.file === b.file && a.row === b.row && a.col === b.col);

/** "" when `loc` is in the searched scope itself, a construct's description when in one nested there. */
type Found = string | undefined;

/** E.g. "in the array comprehension at conditions.rego:4:9 of the rule result (conditions.rego:3:1)"; undefined when no rule has `loc`. */
export function describeWhere(root: RuleNode, loc: Loc): string | undefined {
  for (const [node, rule] of rulesOf(root)) {
    const found = inRule(rule, loc);
    if (found === undefined) continue;
    const owner = `the ${rule.kind === "func" ? "function" : "rule"} ${node.name} (${at(rule.loc)})`;
    return found === "" ? `in ${owner}` : `in ${found} of ${owner}`;
  }
  return undefined;
}

function* rulesOf(node: RuleNode): Generator<[RuleNode, RuleDef]> {
  for (const r of [...node.valueRules, ...node.restRules, ...node.funcs]) yield [node, r];
  for (const child of node.children.values()) yield* rulesOf(child);
}

function first<T>(items: readonly (T | undefined)[], search: (item: T) => Found): Found {
  for (const item of items) {
    const found = item === undefined ? undefined : search(item);
    if (found !== undefined) return found;
  }
  return undefined;
}

function inRule(r: RuleDef, loc: Loc): Found {
  const heads = [r.member, ...r.rest];
  return first(r.clauses, (c) => inBody(c.body, loc) ?? first([c.value, ...heads], (t) => inTerm(t, r.loc, loc)));
}

function inBody(body: CBody, loc: Loc): Found {
  return first(body, (e) => inExpr(e, loc));
}

function inExpr(e: CExpr, loc: Loc): Found {
  const terms: (CTerm | undefined)[] = (e.withs ?? []).map((w) => w.value);
  if (e.k === "term") terms.push(e.term);
  else if (e.k === "unify") terms.push(e.a, e.b);
  else if (e.k === "somein" || e.k === "every") terms.push(e.key, e.value, e.coll);
  const found = first(terms, (t) => inTerm(t, e.loc, loc));
  if (found !== undefined) return found;
  if (e.k === "not") return inExpr(e.expr, loc);
  if (e.k === "every") {
    const inner = inBody(e.body, loc);
    if (inner !== undefined) return inner === "" ? `the every at ${at(e.loc)}` : inner;
  }
  return same(e.loc, loc) ? "" : undefined;
}

/** Array and set comprehensions have no location of their own: their body's first expression (the compiler reorders bodies) or else `exprLoc`. */
function inTerm(t: CTerm, exprLoc: Loc, loc: Loc): Found {
  const nested = (ts: readonly (CTerm | undefined)[]) => first(ts, (x) => inTerm(x, exprLoc, loc));
  switch (t.k) {
    case "const":
    case "var":
    case "input":
      return undefined;
    case "data":
      return nested(t.path);
    case "ref":
      return nested([t.head, ...t.path]);
    case "array":
    case "set":
      return nested(t.items);
    case "object":
      return nested(t.entries.flat());
    case "member":
      return nested([t.key, t.value, t.coll]);
    case "call":
    case "print":
      return nested(t.args) ?? (same(t.loc, loc) ? "" : undefined);
    case "acompr":
    case "scompr":
    case "ocompr": {
      const inner = inBody(t.body, loc) ?? nested(t.k === "ocompr" ? [t.key, t.value] : [t.head]);
      if (inner !== "") return inner;
      const kind = t.k === "acompr" ? "array" : t.k === "scompr" ? "set" : "object";
      return `the ${kind} comprehension at ${at(t.k === "ocompr" ? t.loc : (earliest(t.body) ?? exprLoc))}`;
    }
  }
}

function earliest(body: CBody): Loc | undefined {
  let best: Loc | undefined;
  for (const e of body) if (!best || e.loc.row < best.row || (e.loc.row === best.row && e.loc.col < best.col)) best = e.loc;
  return best;
}
