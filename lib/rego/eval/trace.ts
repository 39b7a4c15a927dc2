/**
 * The opt-in tracer behind `evalRule(path, { explain: true })`: which clause of the rule at `path`
 * gave its value, and for every body of that rule that ran, whether it had a solution or how far
 * it got (in the spirit of `opa eval --explain=fails`). Only the bodies of that one rule are
 * traced, on the first evaluation of its value; without a tracer the evaluator does not reach
 * this module at all.
 */
import type { Location } from "../errors";
import type { CExpr, CTerm, Clause, RuleDef } from "../compile/ir";
import { formatValue } from "../value/json";
import { RObject, RSet, type Value } from "../value/types";

export type ClauseKind = "rule" | "else" | "default";

/** One body of the traced rule, as run. */
export interface BodyExplanation {
  location: Location;
  kind: Exclude<ClauseKind, "default">;
  succeeded: boolean;
  /**
   * When it had no solution: the furthest expression it reached that failed (the first time it
   * failed there, when iteration reached it several times), with the operands it compared when
   * they have a single value (`==`, `<`, `in`, a ref that was false or undefined...).
   */
  failed?: { location: Location; values?: string[] };
}

export interface RuleExplanation {
  /** The clause whose value the rule took; absent when the rule is undefined. */
  decidedBy?: { location: Location; kind: ClauseKind };
  /** In evaluation order; rules that did not run (early exit, rule indexing) are absent. */
  bodies: BodyExplanation[];
}

/** A term's single value when it has one without iterating: `{ v }`, else undefined. */
export type SingleValue = (t: CTerm) => { v: Value | undefined } | undefined;

/** Operand texts are cut at this length: an explanation names values, it does not dump the input. */
const MAX_VALUE_TEXT = 200;

const COMPARISONS = new Set(["equal", "neq", "lt", "lte", "gt", "gte"]);

export class BodyTrace {
  succeeded = false;
  private failedAt = -1;
  private failedExpr: CExpr | undefined;
  private values: (Value | undefined)[] | undefined;

  constructor(
    private readonly location: Location,
    private readonly kind: Exclude<ClauseKind, "default">,
  ) {}

  /** Expression `i` of the body had no solution here (earlier bindings are still in the frame). */
  fail(i: number, e: CExpr, single: SingleValue): void {
    // the first time only: iteration reaches an expression once per member, and one is enough
    if (i <= this.failedAt) return;
    this.failedAt = i;
    this.failedExpr = e;
    this.values = operands(e, single);
  }

  result(): BodyExplanation {
    const out: BodyExplanation = { location: this.location, kind: this.kind, succeeded: this.succeeded };
    if (!this.succeeded && this.failedExpr) {
      out.failed = { location: this.failedExpr.loc };
      if (this.values) out.failed.values = this.values.map(valueText);
    }
    return out;
  }
}

export class RuleTracer {
  private started = false;
  private decided: RuleExplanation["decidedBy"];
  private readonly bodies: BodyTrace[] = [];

  /** `key`: the rule's data path, `data.pkg.rule`. */
  constructor(readonly key: string) {}

  /** True once: a rule re-evaluated in another memo scope (a `with`) is not traced again. */
  begin(): boolean {
    if (this.started) return false;
    this.started = true;
    return true;
  }

  body(r: RuleDef, c: Clause): BodyTrace {
    const b = new BodyTrace(c.loc ?? r.loc, r.clauses.indexOf(c) === 0 ? "rule" : "else");
    this.bodies.push(b);
    return b;
  }

  decide(r: RuleDef, c: Clause | undefined, isDefault = false): void {
    if (this.decided) return;
    this.decided = { location: c?.loc ?? r.loc, kind: isDefault ? "default" : c && r.clauses.indexOf(c) > 0 ? "else" : "rule" };
  }

  result(): RuleExplanation {
    return { ...(this.decided ? { decidedBy: this.decided } : {}), bodies: this.bodies.map((b) => b.result()) };
  }
}

/** What a failed expression compared, when every operand has one value; undefined otherwise. */
function operands(e: CExpr, single: SingleValue): (Value | undefined)[] | undefined {
  if (e.withs) return undefined;
  let terms: CTerm[];
  switch (e.k) {
    case "term": {
      const t = e.term;
      if (t.k === "call" && t.fn.kind === "builtin" && COMPARISONS.has(t.fn.name) && t.args.length === 2) terms = [t.args[0], t.args[1]];
      else if (t.k === "member" && !t.key) terms = [t.value, t.coll];
      else terms = [t];
      break;
    }
    case "unify":
      // `x := <undefined>`: the unbound side says nothing
      terms = [e.a, e.b].filter((t) => !(t.k === "var" && single(t)?.v === undefined));
      break;
    case "not":
      return operands(e.expr, single);
    case "somein":
    case "every":
      terms = [e.coll];
      break;
    default:
      return undefined;
  }
  const out: (Value | undefined)[] = [];
  for (const t of terms) {
    const s = single(t);
    if (s === undefined) return undefined;
    out.push(s.v);
  }
  return out;
}

function valueText(v: Value | undefined): string {
  if (v === undefined) return "undefined";
  const text = boundedText(v, MAX_VALUE_TEXT);
  return text.length > MAX_VALUE_TEXT ? `${text.slice(0, MAX_VALUE_TEXT - 1)}…` : text;
}

/** formatValue's text, stopping soon after `budget` characters: a failed `some step in input.Steps` must not print every step. */
function boundedText(root: Value, budget: number): string {
  let text = "";
  const write = (v: Value): boolean => {
    if (text.length > budget) return false;
    const list = <T>(open: string, items: readonly T[], close: string, item: (x: T) => boolean) => {
      text += open;
      for (let i = 0; i < items.length; i++) {
        if (i > 0) text += ", ";
        if (!item(items[i])) return false;
      }
      text += close;
      return true;
    };
    if (Array.isArray(v)) return list("[", v as readonly Value[], "]", write);
    if (v instanceof RSet) return v.size === 0 ? ((text += "set()"), true) : list("{", v.values(), "}", write);
    if (v instanceof RObject) return list("{", v.entries(), "}", ([k, x]) => write(k) && ((text += ": "), write(x)));
    text += typeof v === "string" && v.length > budget ? JSON.stringify(v.slice(0, budget)) : formatValue(v);
    return true;
  };
  write(root);
  return text;
}
