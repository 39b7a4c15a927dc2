import { describe, expect, it } from "vitest";
import { compile, type CompiledPolicy } from "../index";

function policy(...sources: string[]): CompiledPolicy {
  const r = compile(sources.map((source, i) => ({ file: `m${i}.rego`, source })));
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.policy;
}

const scope = `package manual_intervention_required
default evaluate := false
evaluate if {
    input.Environment.Slug == "production"
    not input.Runbook
}`;

const conditions = `package manual_intervention_required
default result := {"allowed": false}
result := {"allowed": true} if {
    some step in input.Steps
    step.ActionType == "Octopus.Manual"
    not step.Id in input.SkippedSteps
}`;

const scopeAlpha = `package manual_intervention_required
import rego.v1
default evaluate := false
evaluate := true if {
    input.Environment.Slug == "production"
    not input.Runbook
}`;

function deployment(env: string, steps: { Id: string; ActionType: string }[], skipped: string[] = []) {
  return {
    Environment: { Id: "Environments-1", Name: env, Slug: env.toLowerCase(), Tags: [] },
    Project: { Id: "Projects-1", Name: "ACME", Slug: "acme", Tags: [] },
    Space: { Id: "Spaces-1", Name: "Default", Slug: "default" },
    ProjectGroup: { Id: "ProjectGroups-1", Name: "All", Slug: "all" },
    Steps: steps.map((s) => ({ ...s, Slug: s.Id.toLowerCase(), Enabled: true, IsRequired: false, Source: { Type: "Step", SlugOrId: s.Id } })),
    SkippedSteps: skipped,
    Execution: steps.map((s) => ({ StartTrigger: "StartAfterPrevious", Steps: [s.Id] })),
    Release: { Id: "Releases-1", Name: "1.0.0", Version: "1.0.0" },
  };
}

describe("Octopus example policy (manual intervention required)", () => {
  const p = policy(scope, conditions);
  const manual = { Id: "Steps-1", ActionType: "Octopus.Manual" };
  const script = { Id: "Steps-2", ActionType: "Octopus.Script" };

  it("is in scope for production deployments only", () => {
    expect(p.evalRule("data.manual_intervention_required.evaluate", { input: deployment("Production", [script]) })).toEqual({ ok: true, defined: true, value: true });
    expect(p.evalRule("data.manual_intervention_required.evaluate", { input: deployment("Staging", [script]) })).toEqual({ ok: true, defined: true, value: false });
    const runbook = { ...deployment("Production", [script]), Runbook: { Id: "Runbooks-1", Name: "r", Snapshot: "s" } };
    expect(p.evalRule("data.manual_intervention_required.evaluate", { input: runbook })).toMatchObject({ value: false });
  });

  it("passes with a manual intervention step and fails without or when it is skipped", () => {
    const result = (input: unknown) => p.evalRule("data.manual_intervention_required.result", { input });
    expect(result(deployment("Production", [manual, script]))).toEqual({ ok: true, defined: true, value: { allowed: true } });
    expect(result(deployment("Production", [script]))).toEqual({ ok: true, defined: true, value: { allowed: false } });
    expect(result(deployment("Production", [manual, script], ["Steps-1"]))).toMatchObject({ value: { allowed: false } });
  });

  it("accepts the alpha syntax `evaluate := true if {...}`", () => {
    const alpha = policy(scopeAlpha, conditions);
    expect(alpha.evalRule("data.manual_intervention_required.evaluate", { input: deployment("Production", [manual]) })).toMatchObject({ value: true });
    expect(alpha.evalRule("data.manual_intervention_required.evaluate", { input: deployment("Test", [manual]) })).toMatchObject({ value: false });
  });

  it("is reusable: the same compiled policy evaluates many inputs independently", () => {
    const inputs = [deployment("Production", [manual]), deployment("Production", [script])];
    const values = [0, 1, 0, 1].map((i) => p.evalRule("data.manual_intervention_required.result", { input: inputs[i] }));
    expect(values.map((v) => (v as { value: { allowed: boolean } }).value.allowed)).toEqual([true, false, true, false]);
  });
});

describe("evaluator", () => {
  it("returns undefined for missing rules and query bindings per solution, in order", () => {
    const p = policy("package t\ns contains x if { some x in [3, 1, 2] }\nq := 1 if false");
    expect(p.evalRule("data.t.q")).toEqual({ ok: true, defined: false });
    const r = p.query("data.t.s[x]");
    expect(r.ok && r.results.map((x) => x.bindings.x)).toEqual([1, 2, 3]);
  });

  it("unifies both ways and backtracks", () => {
    const p = policy("package t");
    const r = p.query("[x, 1] = [2, y]; z := [a | some a in [1, 2, 3]; a > x - 1]");
    expect(r).toMatchObject({ ok: true, results: [{ bindings: { x: 2, y: 1, z: [2, 3] } }] });
  });

  it("supports with on input, data and functions", () => {
    const p = policy("package t\nf(x) := x * 2\ng(x) := x + 100\np := f(input.n)\nq := data.base.v");
    expect(p.query("x := data.t.p with input.n as 4")).toMatchObject({ results: [{ bindings: { x: 8 } }] });
    expect(p.query("x := data.t.p with input.n as 4 with data.t.f as data.t.g")).toMatchObject({ results: [{ bindings: { x: 104 } }] });
    expect(p.query("x := data.t.q with data.base.v as 7")).toMatchObject({ results: [{ bindings: { x: 7 } }] });
  });

  it("reports conflicts as error values with locations", () => {
    const p = policy("package t\np := x if { some x in [1, 2] }");
    const r = p.evalRule("data.t.p");
    expect(r).toMatchObject({ ok: false, error: { code: "eval_conflict_error", message: "complete rules must not produce multiple outputs", location: { file: "m0.rego", row: 2, col: 1 } } });
  });

  it("makes builtin errors undefined unless strict", () => {
    const src = [{ file: "d.rego", source: "package t\np := 1 / 0" }];
    const lax = compile(src);
    expect(lax.ok && lax.policy.evalRule("data.t.p")).toEqual({ ok: true, defined: false });
    const strict = compile(src, { strictBuiltinErrors: true });
    expect(strict.ok && strict.policy.evalRule("data.t.p")).toMatchObject({ ok: false, error: { code: "eval_builtin_error", message: "div: divide by zero", location: { file: "d.rego", row: 2, col: 6 } } });
  });

  it("sends print output to the hook and always succeeds", () => {
    const p = policy("package t\np if {\n  x := 1\n  print(\"x is\", x, [x], input.missing)\n}");
    const lines: string[] = [];
    expect(p.evalRule("data.t.p", { print: (m, l) => lines.push(`${l.row}: ${m}`) })).toMatchObject({ value: true });
    expect(lines).toEqual(["4: x is 1 [1] <undefined>"]);
    expect(p.evalRule("data.t.p")).toMatchObject({ value: true });
  });

  it("stops runaway evaluations with eval_limit_error", () => {
    const p = policy("package t\np := count([x | some x in numbers.range(1, 100000)])");
    expect(p.evalRule("data.t.p", { limits: { maxSteps: 1000 } })).toMatchObject({ ok: false, error: { code: "eval_limit_error" } });
  });
});

describe("compile errors", () => {
  const errs = (src: string) => {
    const r = compile([{ file: "e.rego", source: src }]);
    return r.ok ? [] : r.errors;
  };

  it("reports unsafe variables, recursion, unknown functions and arity with positions", () => {
    expect(errs("package t\np if {\n  x > 1\n}")[0]).toMatchObject({ code: "rego_unsafe_var_error", message: "var x is unsafe", location: { file: "e.rego", row: 3, col: 3 } });
    expect(errs("package t\np if {\n  count([1]) < x\n}")[0]).toMatchObject({ message: "var x is unsafe", location: { row: 3, col: 16 } });
    expect(errs("package t\np := y if {\n  true\n}")[0]).toMatchObject({ message: "var y is unsafe", location: { row: 2, col: 6 } });
    expect(errs("package t\np if q\nq if p")[0]).toMatchObject({ code: "rego_recursion_error" });
    expect(errs("package t\np := nope(1)")[0]).toMatchObject({ code: "rego_type_error", message: "undefined function nope", location: { row: 2, col: 6 } });
    expect(errs("package t\np := count(1, 2, 3)")[0]).toMatchObject({ code: "rego_type_error" });
  });

  it("reports parse errors from any module", () => {
    const r = compile([
      { file: "ok.rego", source: "package a\np := 1" },
      { file: "bad.rego", source: "package b\np := [1,\n" },
    ]);
    expect(r).toMatchObject({ ok: false, errors: [{ code: "rego_parse_error", location: { file: "bad.rego" } }] });
  });
});
