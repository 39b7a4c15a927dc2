/**
 * Language edge cases real policies hit, each as OPA behaves (its documentation on rules,
 * references, safety, v1 syntax and strict compile checks).
 */
import { describe, expect, it } from "vitest";
import { compile, type ModuleSource, type RegoError } from "./index";

function mods(sources: readonly (string | ModuleSource)[]): ModuleSource[] {
  return sources.map((s, i) => (typeof s === "string" ? { file: `m${i}.rego`, source: s } : s));
}

/** Compile errors of the modules ([] when they compile). */
function errors(...sources: (string | ModuleSource)[]): RegoError[] {
  const r = compile(mods(sources));
  return r.ok ? [] : r.errors;
}

/** Bindings of each solution of a query over the modules. */
function query(sources: (string | ModuleSource)[], q: string, opts: { input?: unknown; data?: unknown } = {}) {
  const r = compile(mods(sources));
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  const out = r.policy.query(q, opts);
  if (!out.ok) throw new Error(JSON.stringify(out.error));
  return out.results.map((x) => x.bindings);
}

describe("dynamic refs into data", () => {
  const policy = `package policy
mine := data[input.namespace].containers
privileged contains c.name if {
  some c in mine
  c.privileged
}
all_names contains [ns, c.name] if {
  some c in data[ns].containers
}`;
  const teamA = 'package team_a\ncontainers := [{"name": "a1", "privileged": true}, {"name": "a2"}]';
  const data = { team_b: { containers: [{ name: "b1", privileged: true }] } };

  it("compiles: a variable segment links the rule only to rules whose paths it can match", () => {
    expect(errors(policy, teamA)).toEqual([]);
  });

  it("evaluates over rules of another package and over base data", () => {
    expect(query([policy, teamA], "x := data.policy.privileged", { input: { namespace: "team_a" }, data })).toEqual([{ x: ["a1"] }]);
    expect(query([policy, teamA], "x := data.policy.privileged", { input: { namespace: "team_b" }, data })).toEqual([{ x: ["b1"] }]);
    expect(query([policy, teamA], "x := data.policy.mine", { input: { namespace: "none" }, data })).toEqual([]);
  });

  it("iterates the children of data one by one, never evaluating the rule that iterates", () => {
    expect(query([policy, teamA], "x := data.policy.all_names", { data })).toEqual([
      {
        x: [
          ["team_a", "a1"],
          ["team_a", "a2"],
          ["team_b", "b1"],
        ],
      },
    ]);
    expect(query([policy, teamA], "x := data.policy", { input: { namespace: "team_b" }, data })).toEqual([
      { x: { mine: [{ name: "b1", privileged: true }], privileged: ["b1"], all_names: [["team_a", "a1"], ["team_a", "a2"], ["team_b", "b1"]] } },
    ]);
  });

  it("still reports a real cycle through a variable segment", () => {
    // `data[ns].containers` can be `data.policy.containers` itself
    expect(errors("package policy\ncontainers := data[input.ns].containers")).toMatchObject([{ code: "rego_recursion_error" }]);
    expect(errors("package policy\np contains n if { data[n].p }")).toMatchObject([{ code: "rego_recursion_error", message: "rule data.policy.p is recursive: data.policy.p -> data.policy.p" }]);
    expect(errors("package policy\nq := data.policy[input.k]")).toMatchObject([{ code: "rego_recursion_error" }]);
    expect(errors("package policy\np := data[input.x].q", "package other\nq := data.policy.p")).toMatchObject([{ code: "rego_recursion_error" }]);
  });
});

describe("v1 rules in v0 modules importing rego.v1, and v1's own checks", () => {
  const v0 = (source: string): ModuleSource => ({ file: "old.rego", source, regoVersion: "v0" });

  it("requires `if` and `contains` once a v0 module imports rego.v1", () => {
    expect(errors(v0("package t\nimport rego.v1\np { true }"))).toMatchObject([{ code: "rego_parse_error", message: "`if` keyword is required before rule body" }]);
    expect(errors(v0("package t\nimport rego.v1\ns[x] { x := 1 }"))).toMatchObject([{ code: "rego_parse_error", message: "`if` keyword is required before rule body" }]);
    expect(query([v0("package t\nimport rego.v1\ns contains 1 if true\np if { 1 in s }")], "x := data.t")).toEqual([{ x: { s: [1], p: true } }]);
  });

  it("reads `p.a if true` as a single-value rule (an object {a: true}), and `p.a { true }` in plain v0 as a partial set", () => {
    expect(query([v0("package t\nimport rego.v1\np.a if true")], "x := data.t.p")).toEqual([{ x: { a: true } }]);
    expect(query([v0("package t\nimport future.keywords.if\np.a if true")], "x := data.t.p")).toEqual([{ x: { a: true } }]);
    expect(query([v0("package t\np.a { true }")], "x := data.t.p")).toEqual([{ x: ["a"] }]);
    expect(query([v0("package t\nimport rego.v1\np[x] if { some x in [1, 2] }")], "x := data.t.p")).toEqual([{ x: { 1: true, 2: true } }]);
  });

  it("makes `in` a keyword with `import future.keywords.every`", () => {
    expect(query([v0("package t\nimport future.keywords.every\np { every x in [1, 2] { x > 0 }; 1 in [1] }")], "x := data.t.p")).toEqual([{ x: true }]);
  });

  it("rejects rules, arguments and locals named input or data, as OPA", () => {
    expect(errors("package t\ninput := 1")).toMatchObject([{ code: "rego_compile_error", message: "rules must not shadow input (use a different rule name)", location: { row: 2, col: 1 } }]);
    expect(errors("package t\ndata contains 1")).toMatchObject([{ code: "rego_compile_error", message: "rules must not shadow data (use a different rule name)" }]);
    expect(errors("package t\np if {\n  input := 1\n}")).toMatchObject([{ code: "rego_compile_error", message: "variables must not shadow input (use a different variable name)", location: { row: 3, col: 3 } }]);
    expect(errors("package t\np := [x | data := 3; x := data]")).toMatchObject([{ message: "variables must not shadow data (use a different variable name)" }]);
    expect(errors("package t\nf(input) := 1")).toMatchObject([{ code: "rego_compile_error", message: "args must not shadow input (use a different variable name)" }]);
    expect(errors(v0("package t\nimport rego.v1\ninput := 1"))).toMatchObject([{ code: "rego_compile_error" }]);
    // plain v0 allows all of these
    expect(errors(v0("package t\ninput = 1\np { data := 1 }"))).toEqual([]);
  });

  it("rejects duplicate imports", () => {
    expect(errors("package t\nimport data.foo\nimport data.foo\np := foo")).toMatchObject([{ code: "rego_compile_error", message: "import must not shadow import data.foo", location: { row: 3 } }]);
    expect(errors("package t\nimport input.foo\nimport data.bar as foo\np := foo")).toMatchObject([{ message: "import must not shadow import input.foo" }]);
    expect(errors(v0("package t\nimport data.foo\nimport data.foo\np = foo"))).toEqual([]);
  });

  it("rejects OPA's deprecated builtins, but not a user function of the same name", () => {
    for (const call of ["any([true])", "all([true])", 're_match("a", "a")', "set_diff({1}, {2})", 'net.cidr_overlap("1.0.0.0/8", "1.1.1.1")', "cast_array({1})", "cast_set([1])", 'cast_string("a")', "cast_boolean(true)", "cast_null(null)", "cast_object({})"]) {
      const name = call.slice(0, call.indexOf("("));
      expect(errors(`package t\np := ${call}`), call).toMatchObject([{ code: "rego_type_error", message: `deprecated built-in function calls in expression: ${name}`, location: { row: 2, col: 6 } }]);
    }
    expect(query(["package t\nany(xs) := true in xs\np := any([true])"], "x := data.t.p")).toEqual([{ x: true }]);
    expect(query([v0('package t\np = re_match("a+", "aa")')], "x := data.t.p")).toEqual([{ x: true }]);
    expect(errors(v0('package t\nimport rego.v1\np := re_match("a", "a")'))).toMatchObject([{ code: "rego_type_error" }]);
  });
});

describe("rule heads with an empty argument list", () => {
  it("reads `f() = 1` and `f() := 1` as the rule f, part of its package's document, as OPA's parser", () => {
    expect(query(["package t\nf() = 1"], "x := data.t")).toEqual([{ x: { f: 1 } }]);
    expect(query(["package t\nf() := 1 if input.x\nf() := 2 if not input.x"], "x := data.t.f", { input: { x: false } })).toEqual([{ x: 2 }]);
    expect(query(["package t\ndefault f() := 3\nf() := 1 if input.x"], "x := data.t.f", { input: {} })).toEqual([{ x: 3 }]);
    expect(query([{ file: "v0.rego", source: "package t\nf() { true }", regoVersion: "v0" }], "x := data.t.f")).toEqual([{ x: true }]);
  });

  it("rejects calling it, as OPA's type checker: `f()` is not a function", () => {
    expect(errors("package t\nf() := 1\np := f()")).toMatchObject([{ code: "rego_type_error", message: "undefined function data.t.f", location: { row: 3, col: 6 } }]);
  });
});

describe("safety of refs that bind a variable the same expression reads", () => {
  const foos = { input: { foos: [0, 5, 2] } };

  it("accepts `some foo; foo == input.foos[foo]`: the ref binds foo, then the comparison reads it", () => {
    expect(query(["package t\np contains foo if { some foo; foo == input.foos[foo] }"], "x := data.t.p", foos)).toEqual([{ x: [0, 2] }]);
    expect(query(["package t\np contains foo if { foo == input.foos[foo] }"], "x := data.t.p", { input: { foos: { a: "a", b: "c" } } })).toEqual([{ x: ["a"] }]);
    expect(query(["package t\np contains foo if { some foo; input.foos[foo] != foo }"], "x := data.t.p", foos)).toEqual([{ x: [1] }]);
  });

  it("binds through refs nested in calls and on either side of an assignment", () => {
    expect(query(["package t\np contains [foo, x] if { some foo; x := foo + input.foos[foo] }"], "x := data.t.p", foos)).toEqual([
      {
        x: [
          [0, 0],
          [1, 6],
          [2, 4],
        ],
      },
    ]);
    expect(query(["package t\np contains foo if { some foo; foo < count([input.foos[foo]]) }"], "x := data.t.p", foos)).toEqual([{ x: [0] }]);
  });

  it("works in queries, keeping one result expression per query expression", () => {
    const r = compile(mods(["package t"]));
    const out = r.ok ? r.policy.query("some foo; foo == input.foos[foo]", foos) : undefined;
    expect(out).toMatchObject({ ok: true, results: [{ bindings: { foo: 0 }, expressions: [{ text: "some foo" }, { text: "foo == input.foos[foo]" }] }, { bindings: { foo: 2 } }] });
  });

  it("still rejects a variable nothing binds", () => {
    expect(errors("package t\np if { some foo; foo == input.bar }")).toMatchObject([{ code: "rego_unsafe_var_error", message: "var foo is unsafe" }]);
  });
});

describe("compile errors OPA gives", () => {
  it("rejects non-constant default values (comprehensions aside) and default arguments that are not distinct vars", () => {
    const at = { code: "rego_parse_error", location: { row: 2, col: 1 } };
    expect(errors("package t\ndefault p := input.x")).toMatchObject([{ ...at, message: "illegal default rule (value cannot contain ref)" }]);
    expect(errors("package t\ndefault p := x")).toMatchObject([{ ...at, message: "illegal default rule (value cannot contain var)" }]);
    expect(errors('package t\ndefault p := {"a": count([1])}')).toMatchObject([{ ...at, message: "illegal default rule (value cannot contain call)" }]);
    expect(errors("package t\ndefault p := 1 + 2")).toMatchObject([{ ...at, message: "illegal default rule (value cannot contain call)" }]);
    expect(errors("package t\ndefault f(1) := 1")).toMatchObject([{ ...at, message: "illegal default rule (arguments cannot contain number)" }]);
    expect(errors("package t\ndefault f(x, x) := 1")).toMatchObject([{ ...at, message: "illegal default rule (arguments cannot be repeated x)" }]);
    expect(query(["package t\ndefault p := [x | some x in [1, 2]]\ndefault f(_, _) := {1, [true]}"], "x := data.t.p; y := data.t.f(1, 2)")).toEqual([{ x: [1, 2], y: [1, [true]] }]);
  });

  it("rejects := to anything but vars, arrays and object values of vars", () => {
    const at = (message: string) => [{ code: "rego_compile_error", message }];
    expect(errors("package t\np if { 1 := 1 }")).toMatchObject(at("cannot assign to number"));
    expect(errors("package t\np if { [z, 1] := [1, 1] }")).toMatchObject(at("cannot assign to number"));
    expect(errors('package t\np if { "a" := "a" }')).toMatchObject(at("cannot assign to string"));
    expect(errors("package t\np if { input.x := 1 }")).toMatchObject(at("cannot assign to ref"));
    expect(errors("package t\np if { x + 1 := 2 }")).toMatchObject(at("cannot assign to call"));
    expect(errors("package t\np if { [1 | true] := [1] }")).toMatchObject(at("cannot assign to arraycomprehension"));
    expect(errors("package t\np if { not x := 1 }")).toMatchObject(at("cannot assign vars inside negated expression"));
    expect(query(['package t\np := x if { {"a": [x, _]} := {"a": [1, 2]} }'], "x := data.t.p")).toEqual([{ x: 1 }]);
  });

  it("rejects re-declaring a variable with := in one body, naming why", () => {
    expect(errors("package t\np if {\n  x := 1\n  x := 2\n}")).toMatchObject([{ code: "rego_compile_error", message: "var x assigned above", location: { row: 4, col: 3 } }]);
    expect(errors("package t\np if { x = 1; x := 2 }")).toMatchObject([{ message: "var x referenced above" }]);
    expect(errors("package t\np if { y := x; x := 2 }")).toMatchObject([{ message: "var x referenced above" }]);
    expect(errors("package t\np if { some x; x := 2 }")).toMatchObject([{ message: "var x declared above" }]);
    expect(errors("package t\np if { some x in [1]; x := 2 }")).toMatchObject([{ message: "var x declared above" }]);
    expect(errors("package t\nf(x) := y if { x := 1; y := 2 }")).toMatchObject([{ message: "arg x redeclared" }]);
    // a closure may declare its own x; each else clause is its own body
    expect(query(["package t\np := y if { x := 1; y := [x | x := 2] }"], "x := data.t.p")).toEqual([{ x: [2] }]);
    expect(query(["package t\np := x if { x := input.a } else := x if { x := 2 }"], "x := data.t.p", { input: {} })).toEqual([{ x: 2 }]);
  });

  it("rejects a partial set and an object rule on one path", () => {
    const conflict = [{ code: "rego_type_error", message: "conflicting rules data.t.p found", location: { row: 2, col: 1 } }];
    expect(errors('package t\np contains 1\np[k] := 1 if k := "a"')).toMatchObject(conflict);
    expect(errors('package t\np[k] := 1 if k := "a"\np contains 1')).toMatchObject(conflict);
    expect(errors('package t\np[k] if k := "a"\np contains 1')).toMatchObject(conflict);
    expect(errors('package t\np[k] contains 1 if k := "a"\np[k] := 1 if k := "b"')).toMatchObject(conflict);
    expect(errors('package t\np := {}\np[k] := 1 if k := "a"')).toMatchObject(conflict);
    // keys of one object from different ref heads are fine
    expect(query(['package t\np.a := 1\np[k] := 2 if k := "b"'], "x := data.t.p")).toEqual([{ x: { a: 1, b: 2 } }]);
  });
});

describe("smaller items", () => {
  it("parses `[x | y, 5]` as OPA: a body cannot hold commas, so it is an array whose first item is the union x | y", () => {
    expect(query(["package t"], "x := [{1} | {2}, 5]; y := {{1} | {3}, 5}")).toEqual([{ x: [[1, 2], 5], y: [5, [1, 3]] }]);
    expect(query(["package t"], "x := [a | a := 1; b := 2]; y := {a | some a in [1, 2]\na > 1}")).toEqual([{ x: [1], y: [2] }]);
    expect(errors("package t\np := [a | a := 1, 5]")).toMatchObject([{ code: "rego_parse_error" }]);
  });

  it("moves to the next else clause when a clause's value is undefined", () => {
    const src = "package t\np := input.x if false else := input.y else := 3\nf(a) := a.x else := a.y else := \"none\"\nq := [f({\"x\": 1}), f({\"y\": 2}), f({})]";
    expect(query([src], "p := data.t.p; q := data.t.q", { input: { y: "y" } })).toEqual([{ p: "y", q: [1, 2, "none"] }]);
    expect(query([src], "p := data.t.p", { input: {} })).toEqual([{ p: 3 }]);
  });

  it("prints once per evaluation of a rule whose value is constant (OPA's early exit), and once per memoised rule", () => {
    const src = `package t
p if { some x in [1, 2, 3]; print("p", x) }
f(a) if { some x in [1, 2]; print("f", a, x) }
allow if { print("first"); input.a }
allow if { print("second"); input.b }
v contains x if { some x in [1, 2]; print("v", x) }
q if { p; p; f(1); f(1); allow; count(v) > 0 }`;
    const r = compile(mods([src]));
    const lines: string[] = [];
    const out = r.ok ? r.policy.query("data.t.q; data.t.q", { input: { a: true, b: true }, print: (m) => lines.push(m) }) : undefined;
    expect(out).toMatchObject({ ok: true, results: [{}] });
    expect(lines).toEqual(["p 1", "f 1 1", "first", "v 1", "v 2"]);
  });

  it("compares decimals beyond float64 exactly, as OPA's big numbers", () => {
    const r = query(["package t"], "a := 1e-400 == 0; b := 1e-400 > 0; c := 0.1000000000000000001 == 0.1; d := 0.1000000000000000001 > 0.1; e := 1234567890123456789.5 > 1234567890123456789; f := count({1e-400, 0, 10e-401}); g := -1e-400 < 0");
    expect(r).toEqual([{ a: false, b: true, c: false, d: true, e: true, f: 2, g: true }]);
    expect(query(["package t\np := x if { x := 1e-400 }"], "x := data.t.p == 1e-400")).toEqual([{ x: true }]);
  });
});

describe("eq and assign called as functions", () => {
  it("reads `eq(a, b)` as `a = b`: unification, binding either side", () => {
    const p = `package p
pair := y if { assign(y, [1, 2]); eq([a, b], y); a == 1; b == 2 }
key := k if eq({"a": k}, {"a": 3})
absent if not eq(input.z, 1)`;
    expect(query([p], "x = data.p.pair; y = data.p.key; data.p.absent")).toEqual([{ x: [1, 2], y: 3 }]);
    expect(query([p], "eq(x, 2); x > 1")).toEqual([{ x: 2 }]);
  });

  it("reads `assign(x, v)` as `x := v`, with its compile checks", () => {
    expect(query(["package p\nv := x if assign(x, 1)"], "x = data.p.v")).toEqual([{ x: 1 }]);
    expect(errors("package p\np if not assign(x, 1)").map((e) => e.message)).toEqual(["cannot assign vars inside negated expression"]);
    expect(errors("package p\np if { x := 1; assign(x, 2) }").map((e) => e.message)).toEqual(["var x assigned above"]);
    expect(errors("package p\np if assign(1, 2)").map((e) => e.message)).toEqual(["cannot assign to number"]);
  });

  it("keeps `equal` as the builtin of ==, and other arities of eq unknown", () => {
    expect(query(["package p"], "equal(1, 1)")).toEqual([{}]);
    expect(errors("package p\np if eq(1, 1, 1)").map((e) => e.message)).toEqual(["undefined function eq"]);
  });
});
