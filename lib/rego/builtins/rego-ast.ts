/**
 * `rego.parse_module(filename, source)`: the module's AST as OPA's JSON encoding of ast.Module
 * (without locations, which OPA leaves out by default): `package.path`, `imports`, `rules` with
 * `head` (`name`, `ref`, `args`, `key`, `value`, `assign`), `body` expressions (`index`, `terms`,
 * `negated`, `with`), `default` and `else`; terms as `{type, value}`, calls and operators as
 * refs to the builtin's name (`x == 1` is `[equal, x, 1]`), `some x in xs` as a `symbols` list
 * holding `internal.member_2`. Comments and annotations are not included.
 */
import { refToPath, type Expr, type Module, type Rule, type Term } from "../ast";
import { RegoFailure } from "../errors";
import { parseModule } from "../parser";
import { fromJSON, typeName } from "../value";
import { argString, builtinError } from "./args";
import type { BuiltinDef } from "./registry";
import { T } from "./types";

type J = null | boolean | number | bigint | string | J[] | { [k: string]: J };

const v = (value: string): J => ({ type: "var", value });
const str = (value: string): J => ({ type: "string", value });
const opRef = (...path: string[]): J => ({ type: "ref", value: [v(path[0]), ...path.slice(1).map(str)] });
const TRUE: J = { type: "boolean", value: true };

/** The operator of a call: a ref to the function's name (`plus`, `object.get`, `data.pkg.f`). */
function operator(fn: Term): J {
  return fn.type === "var" ? opRef(fn.name) : term(fn);
}

function term(t: Term): J {
  switch (t.type) {
    case "scalar":
      return { type: typeName(t.value), value: t.value as J };
    case "var":
      return v(t.name);
    case "ref":
      return { type: "ref", value: [term(t.head), ...t.path.map(term)] };
    case "array":
    case "set":
      return { type: t.type, value: t.items.map(term) };
    case "object":
      return { type: "object", value: t.entries.map(([k, x]) => [term(k), term(x)]) };
    case "arraycompr":
    case "setcompr":
      return { type: t.type === "arraycompr" ? "arraycomprehension" : "setcomprehension", value: { term: term(t.head), body: body(t.body) } };
    case "objectcompr":
      return { type: "objectcomprehension", value: { key: term(t.key), value: term(t.value), body: body(t.body) } };
    case "call":
      return { type: "call", value: [operator(t.fn), ...t.args.map(term)] };
    case "member":
      return { type: "call", value: member(t.key, t.value, t.coll) };
  }
}

function member(key: Term | undefined, value: Term, coll: Term): J[] {
  return key ? [opRef("internal", "member_3"), term(key), term(value), term(coll)] : [opRef("internal", "member_2"), term(value), term(coll)];
}

/** An expression's `terms`: one term, or `[operator, args...]` for a call. */
function exprTerms(e: Expr): { terms: J; negated?: boolean } {
  switch (e.type) {
    case "term":
      if (e.term.type === "call") return { terms: [operator(e.term.fn), ...e.term.args.map(term)] };
      if (e.term.type === "member") return { terms: member(e.term.key, e.term.value, e.term.coll) };
      return { terms: term(e.term) };
    case "unify":
      return { terms: [opRef("eq"), term(e.lhs), term(e.rhs)] };
    case "assign":
      return { terms: [opRef("assign"), term(e.lhs), term(e.rhs)] };
    case "not":
      return { ...exprTerms(e.expr), negated: true };
    case "some":
      return { terms: { symbols: e.vars.map(term) } };
    case "somein":
      return { terms: { symbols: [{ type: "call", value: member(e.key, e.value, e.coll) }] } };
    case "every":
      return { terms: { key: e.key ? term(e.key) : null, value: term(e.value), domain: term(e.coll), body: body(e.body) } };
  }
}

function body(exprs: readonly Expr[]): J {
  if (exprs.length === 0) return [{ index: 0, terms: TRUE }];
  return exprs.map((e, index) => {
    const { terms, negated } = exprTerms(e);
    const out: { [k: string]: J } = { index, terms };
    if (negated) out.negated = true;
    // OPA's parser makes every `with` target a ref (`with input as x` targets the ref `input`)
    if (e.with.length > 0) out.with = e.with.map((w) => ({ target: w.target.type === "var" ? opRef(w.target.name) : term(w.target), value: term(w.value) }));
    return out;
  });
}

function head(r: Rule, value: Term | undefined): J {
  const ref = r.ref.type === "ref" ? [term(r.ref.head), ...r.ref.path.map(term)] : [term(r.ref)];
  const out: { [k: string]: J } = {};
  if (r.ref.type === "var") out.name = r.ref.name;
  out.ref = ref;
  if (r.args) out.args = r.args.map(term);
  if (r.contains) out.key = term(r.contains);
  else if (r.ref.type === "ref" && r.ref.path.length > 0 && r.ref.path[r.ref.path.length - 1].type !== "scalar") {
    out.key = term(r.ref.path[r.ref.path.length - 1]);
  }
  if (!r.contains) out.value = value ? term(value) : TRUE;
  if (r.assign) out.assign = true;
  return out;
}

function rule(r: Rule): J {
  const out: { [k: string]: J } = {};
  if (r.isDefault) out.default = true;
  out.head = head(r, r.value);
  out.body = body(r.body);
  // else clauses chain: each is a rule with the same head and its own value
  let tail = out;
  for (const e of r.elses) {
    const next: { [k: string]: J } = { head: head(r, e.value), body: body(e.body) };
    tail.else = next;
    tail = next;
  }
  return out;
}

export function moduleToJSON(m: Module): J {
  const path = refToPath(m.pkg) ?? [];
  const out: { [k: string]: J } = { package: { path: [v("data"), ...(path[0] === "data" ? path.slice(1) : path).map(str)] } };
  if (m.imports.length > 0) out.imports = m.imports.map((i) => ({ path: term(i.path), ...(i.alias ? { alias: i.alias } : {}) }));
  if (m.rules.length > 0) out.rules = m.rules.map(rule);
  return out;
}

export const builtins: BuiltinDef[] = [
  {
    name: "rego.parse_module",
    decl: { args: [T.string, T.string], result: T.object(T.string, T.any) },
    impl: (args) => {
      const file = argString(args, 0);
      const source = argString(args, 1);
      let m: Module;
      try {
        m = parseModule(source, file);
      } catch (e) {
        if (!(e instanceof RegoFailure)) throw e;
        const { code, message, location } = e.error;
        throw builtinError(`${location ? `${location.file}:${location.row}: ` : ""}${code}: ${message}`);
      }
      return fromJSON(moduleToJSON(m));
    },
  },
];
