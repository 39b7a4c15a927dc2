/**
 * Evaluation limits and resource exhaustion: runaway policies stop with `eval_limit_error`
 * naming the limit, well within their budget; deep and huge inputs give a result or an error
 * value, never an exception; the engine stays usable afterwards.
 */
import { describe, expect, it } from "vitest";
import { CONCAT_1_GB, DEEP_UNMARSHAL_WALK, MARSHAL_2_24, permissiveResult, selfNesting } from "@/tests/fixtures/runaway-rego";
import { compile, DEFAULT_LIMITS, prepareInput, type CompiledPolicy, type EvalRuleResult } from "./index";

function policy(source: string): CompiledPolicy {
  const r = compile([{ file: "limits.rego", source }]);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join("\n"));
  return r.policy;
}

function timed<T>(f: () => T): { result: T; ms: number } {
  const t0 = performance.now();
  const result = f();
  return { result, ms: performance.now() - t0 };
}

const RUNAWAY = policy(`package runaway
huge_range if {
  some x in numbers.range(1, 1e9)
  x < 0
}
# 10^12 iterations of cheap steps (small ranges: no single builtin call takes long): only a limit stops it
nested if {
  some x in numbers.range(1, 1000)
  some y in numbers.range(1, 1000)
  some z in numbers.range(1, 1000)
  some w in numbers.range(1, 1000)
  x + y + z + w < 0
}
fine := count([x | some x in numbers.range(1, 100)])
`);

function expectLimit(r: EvalRuleResult, message: string | RegExp): void {
  expect(r.ok).toBe(false);
  if (r.ok) return;
  expect(r.error.code).toBe("eval_limit_error");
  expect(r.error.message).toMatch(message);
}

describe("evaluation limits", () => {
  it("has documented defaults: 10M steps, 1 s, 32 MiB built by size-charged builtins", () => {
    expect(DEFAULT_LIMITS).toEqual({ maxSteps: 10_000_000, timeoutMs: 1000, maxBytes: 32 * 1024 * 1024 });
  });

  it("stops `some x in numbers.range(1, 1e9)` at the default step limit before allocating anything", () => {
    const { result, ms } = timed(() => RUNAWAY.evalRule("data.runaway.huge_range"));
    expectLimit(result, /step limit of 10000000 \(numbers\.range of 1000000000 numbers\)/);
    expect(ms).toBeLessThan(3 * DEFAULT_LIMITS.timeoutMs);
    // nowhere near: the range is refused before it is built
    expect(ms).toBeLessThan(500);
  });

  it("applies a per-evaluation step limit and names its value", () => {
    const { result, ms } = timed(() => RUNAWAY.evalRule("data.runaway.nested", { limits: { maxSteps: 50_000, timeoutMs: Infinity } }));
    expectLimit(result, "evaluation exceeded the step limit of 50000");
    expect(ms).toBeLessThan(1000);
    if (!result.ok) expect(result.error.location).toMatchObject({ file: "limits.rego" });
  });

  it("applies a per-evaluation time limit and names its value, well within 3x the budget", () => {
    const budget = 250;
    const { result, ms } = timed(() => RUNAWAY.evalRule("data.runaway.nested", { limits: { timeoutMs: budget, maxSteps: Infinity } }));
    expectLimit(result, `evaluation exceeded the time limit of ${budget} ms`);
    expect(ms).toBeGreaterThanOrEqual(budget - 5);
    expect(ms).toBeLessThan(3 * budget);
  });

  it("stops a long test.sleep at the time budget", () => {
    const p = policy('package s\np if test.sleep("30s")');
    const { result, ms } = timed(() => p.evalRule("data.s.p", { limits: { timeoutMs: 200 } }));
    expectLimit(result, "evaluation exceeded the time limit of 200 ms");
    if (!result.ok) expect(result.error.location).toMatchObject({ file: "limits.rego", row: 2 });
    expect(ms).toBeLessThan(600);
    // a short sleep within the budget still just sleeps
    expect(p.evalRule("data.s.p", { limits: { timeoutMs: 1000 } })).toMatchObject({ ok: false });
    const short = policy('package s\np if test.sleep("20ms")');
    expect(short.evalRule("data.s.p", { limits: { timeoutMs: 1000 } })).toEqual({ ok: true, defined: true, value: true });
  });

  it("applies the default time limit when the evaluation sets none", () => {
    const { result, ms } = timed(() => RUNAWAY.evalRule("data.runaway.nested", { limits: { maxSteps: Infinity } }));
    expectLimit(result, "evaluation exceeded the time limit of 1000 ms");
    expect(ms).toBeLessThan(3 * DEFAULT_LIMITS.timeoutMs);
  });

  it("applies limits to query() too", () => {
    const r = RUNAWAY.query("data.runaway.nested", { limits: { maxSteps: 1000 } });
    expect(r).toMatchObject({ ok: false, error: { code: "eval_limit_error" } });
    if (!r.ok) expect(r.error.message).toMatch(/^evaluation exceeded the step limit of 1000\b/);
  });

  it("stays usable after a limit error: the next evaluations work", () => {
    expect(RUNAWAY.evalRule("data.runaway.nested", { limits: { maxSteps: 10_000 } }).ok).toBe(false);
    expect(RUNAWAY.evalRule("data.runaway.fine")).toEqual({ ok: true, defined: true, value: 100 });
    expect(RUNAWAY.query("x := data.runaway.fine")).toMatchObject({ ok: true, results: [{ bindings: { x: 100 } }] });
    // a limit is per evaluation: the same rule passes with room enough
    expect(RUNAWAY.evalRule("data.runaway.fine", { limits: { maxSteps: 100 } }).ok).toBe(false);
    expect(RUNAWAY.evalRule("data.runaway.fine", { limits: { maxSteps: 10_000 } })).toMatchObject({ ok: true, value: 100 });
  });

  it("lets Infinity disable a limit", () => {
    const p = policy("package t\np := count([x | some x in numbers.range(1, 200000)])");
    expect(p.evalRule("data.t.p", { limits: { maxSteps: 100_000 } }).ok).toBe(false);
    expect(p.evalRule("data.t.p", { limits: { maxSteps: Infinity } })).toMatchObject({ ok: true, value: 200000 });
  });
});

// ---------- deep and huge values ----------

function deepObject(levels: number): unknown {
  let x: unknown = "leaf";
  for (let i = 0; i < levels; i++) x = { a: x, n: i };
  return x;
}

function deepArray(levels: number): unknown {
  let x: unknown = "leaf";
  for (let i = 0; i < levels; i++) x = [x, i];
  return x;
}

/** Rules that visit the whole input in different parts of the engine. */
const VISITORS = policy(`package deep
whole := input
same if input == input
in_a_set := {input}
keyed := {input: 1}
sorted := sort([input, input])
walked := count([p | walk(input, [p, _])])
printed := sprintf("%v", [input])
marshalled := json.marshal(input)
compared if input < [input]
counted := count(input)
leaf_path := object.get(input, ["a", "a", "a", "n"], "none")
`);

const RULES = ["whole", "same", "in_a_set", "keyed", "sorted", "walked", "printed", "marshalled", "compared", "counted", "leaf_path"];

function expectResultOrLimit(r: EvalRuleResult, rule: string): void {
  if (r.ok) return;
  // never an internal error or a raw JavaScript message
  expect(r.error.message, rule).not.toMatch(/call stack|internal/i);
  if (/limit|nested too deeply/.test(r.error.message)) expect({ rule, code: r.error.code }).toEqual({ rule, code: "eval_limit_error" });
  // otherwise a genuine builtin error in strict mode (object.get on an array path...)
  else expect(["eval_type_error", "eval_builtin_error"], `${rule}: ${r.error.message}`).toContain(r.error.code);
}

describe("deep and huge inputs", () => {
  for (const [kind, make] of [
    ["objects", deepObject],
    ["arrays", deepArray],
  ] as const) {
    it(`gives a result or an error value on 10k levels of nested ${kind}, never an exception`, () => {
      const input = make(10_000);
      for (const rule of RULES) {
        let r: EvalRuleResult | undefined;
        expect(() => (r = VISITORS.evalRule(`data.deep.${rule}`, { input })), rule).not.toThrow();
        expectResultOrLimit(r!, rule);
        // strict mode reports builtin failures as errors: a stack overflow is still a limit error
        expect(() => (r = VISITORS.evalRule(`data.deep.${rule}`, { input, strictBuiltinErrors: true })), rule).not.toThrow();
        expectResultOrLimit(r!, rule);
      }
      // conversions themselves are iterative past a few hundred levels: these succeed
      expect(VISITORS.evalRule("data.deep.same", { input })).toEqual({ ok: true, defined: true, value: true });
      const whole = VISITORS.evalRule("data.deep.whole", { input });
      expect(whole.ok && whole.defined).toBe(true);
      // and the engine is still fine
      expect(VISITORS.evalRule("data.deep.counted", { input: [1, 2, 3] })).toEqual({ ok: true, defined: true, value: 3 });
    });
  }

  it("gives a result or an error value on 100k levels (data as well as input)", () => {
    const doc = deepObject(100_000);
    for (const rule of ["whole", "walked", "printed", "in_a_set"]) {
      let r: EvalRuleResult | undefined;
      expect(() => (r = VISITORS.evalRule(`data.deep.${rule}`, { input: doc, data: { nested: doc } }))).not.toThrow();
      expectResultOrLimit(r!, rule);
    }
    const p = policy("package d\nv := data.nested\nk := {data.nested}");
    expect(() => p.evalRule("data.d.v", { data: { nested: deepArray(100_000) } })).not.toThrow();
    expect(() => p.evalRule("data.d.k", { data: { nested: deepArray(100_000) } })).not.toThrow();
  });

  it("evaluates policies on a 10 MB input, also prepared once for many evaluations", () => {
    const steps = Array.from({ length: 40_000 }, (_, i) => ({
      Id: `Steps-${i}`,
      Slug: `step-${i}`,
      ActionType: i % 97 === 0 ? "Octopus.Manual" : "Octopus.Script",
      Enabled: i % 13 !== 0,
      Source: { Type: "Step", SlugOrId: `step-${i}`, Version: `${i % 7}.0.${i % 3}` },
      Packages: [{ Id: "acme-web", Version: "2.4.1", GitRef: "refs/heads/main" }],
      Notes: "x".repeat(60),
    }));
    const text = JSON.stringify({ Environment: { Slug: "production" }, Steps: steps, SkippedSteps: [] });
    expect(text.length).toBeGreaterThan(10_000_000);
    const json = JSON.parse(text);
    const p = policy(`package big
manual := count([s | some s in input.Steps; s.ActionType == "Octopus.Manual"])
disabled contains s.Id if { some s in input.Steps; not s.Enabled }
all_main if every s in input.Steps { every pkg in s.Packages { pkg.GitRef == "refs/heads/main" } }
marshalled := count(json.marshal(input))
`);
    const { result, ms } = timed(() => p.evalRule("data.big.manual", { input: json }));
    expect(result).toEqual({ ok: true, defined: true, value: Math.ceil(40_000 / 97) });
    expect(ms).toBeLessThan(3 * DEFAULT_LIMITS.timeoutMs);
    const prepared = prepareInput(json);
    expect(p.evalRule("data.big.all_main", { input: prepared })).toEqual({ ok: true, defined: true, value: true });
    const disabled = p.evalRule("data.big.disabled", { input: prepared });
    expect(disabled.ok && disabled.defined && (disabled.value as unknown[]).length).toBe(Math.ceil(40_000 / 13));
    // a rule that serializes the whole input: a result, or a limit error when the machine is slow
    const m = p.evalRule("data.big.marshalled", { input: prepared });
    expectResultOrLimit(m, "marshalled");
  });
});

describe("size charging", () => {
  const sized = policy(`package sized
marshal_2_24 if {
  ${MARSHAL_2_24}
}
compare_2_26 if {
  ${selfNesting(25)}
  ${selfNesting(25, "b")}
  a25 == b25
}
sorted if {
  ${selfNesting(23)}
  count(sort([a23, a22])) > 0
}
# doubling a flat array: 2^30 items by the last line
concat_doubling if {
  c0 := [1, 1]
  ${Array.from({ length: 29 }, (_, i) => `c${i + 1} := array.concat(c${i}, c${i})`).join("\n  ")}
  count(c29) > 0
}
small := json.marshal([1, {"a": "b"}])
repeated := count([s | some i in numbers.range(1, 200); s := json.marshal(input)])
${permissiveResult(DEEP_UNMARSHAL_WALK, "deep")}
${permissiveResult(CONCAT_1_GB, "joined")}
`);

  it.each([
    ["marshal_2_24", /size limit of 33554432 bytes \(json\.marshal of a value of more than/],
    ["compare_2_26", /size limit of 33554432 bytes \(comparison of a value/],
    ["sorted", /size limit of 33554432 bytes \(sort of a value/],
    ["joined", /size limit of 33554432 bytes \(concat of a value/],
    ["concat_doubling", /size limit of 33554432 bytes \(array\.concat building about \d+ bytes\)/],
  ])("stops %s in-engine within milliseconds, before building the value", (rule, message) => {
    const { result, ms } = timed(() => sized.evalRule(`data.sized.${rule}`));
    expectLimit(result, message);
    console.log(`size charging: ${rule} stopped after ${ms.toFixed(1)} ms`);
    expect(ms).toBeLessThan(DEFAULT_LIMITS.timeoutMs);
  });

  it("has no strings.repeat to build a gigabyte from one character with (OPA has none): a policy calling it does not compile", () => {
    const r = compile([{ file: "repeat.rego", source: 'package repeat\np if count(strings.repeat("x", 1e9)) > 0\n' }]);
    expect(r.ok ? [] : r.errors.map((e) => e.message)).toEqual([expect.stringMatching(/undefined function strings\.repeat/)]);
  });

  it("makes a walk of a 200,000-deep json.unmarshal a limit error, never the permissive default", () => {
    expectLimit(sized.evalRule("data.sized.deep"), /nesting depth|size limit/);
  });

  it("charges across the evaluation and leaves small values alone", () => {
    expect(sized.evalRule("data.sized.small")).toEqual({ ok: true, defined: true, value: '[1,{"a":"b"}]' });
    const input = { text: "x".repeat(100_000) };
    expect(sized.evalRule("data.sized.repeated", { input })).toEqual({ ok: true, defined: true, value: 200 });
    // 200 marshals of 100 KB each build 20 MB: past a 10 MB budget
    expectLimit(sized.evalRule("data.sized.repeated", { input, limits: { maxBytes: 10_000_000 } }), /size limit of 10000000 bytes/);
  });
});

describe("nested sources", () => {
  it("reports absurdly nested modules and queries as error values with a location", () => {
    const deep = "[".repeat(50_000) + "1" + "]".repeat(50_000);
    let r: ReturnType<typeof compile> | undefined;
    expect(() => (r = compile([{ file: "deep.rego", source: `package t\np := ${deep}` }]))).not.toThrow();
    if (r && !r.ok) {
      expect(r.errors[0].location).toMatchObject({ file: "deep.rego" });
      expect(r.errors[0].code).toMatch(/^rego_/);
    }
    const parens = "(".repeat(50_000) + "1" + ")".repeat(50_000);
    expect(() => compile([{ file: "deep.rego", source: `package t\np := ${parens}` }])).not.toThrow();
    expect(() => RUNAWAY.query(deep)).not.toThrow();
    expect(() => RUNAWAY.evalRule(`data.runaway.fine[${"[".repeat(50_000)}`)).not.toThrow();
    const q = RUNAWAY.query(deep);
    if (!q.ok) expect(q.error.code).toMatch(/^rego_/);
    // still usable
    expect(RUNAWAY.evalRule("data.runaway.fine")).toMatchObject({ ok: true, value: 100 });
  });
});
