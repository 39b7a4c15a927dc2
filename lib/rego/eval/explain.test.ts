import { describe, expect, it } from "vitest";
import { compile } from "@/lib/rego";

function policy(source: string) {
  const c = compile([{ file: "p.rego", source }]);
  if (!c.ok) throw new Error(JSON.stringify(c.errors));
  return c.policy;
}

const at = (row: number, col = 1) => ({ file: "p.rego", row, col });

describe("evalRule explain", () => {
  const p = policy(`package p

default result := {"allowed": false}

result := {"allowed": true} if {
  some step in input.Steps
  step.ActionType == "manual"
  step.Enabled
}

evaluate if input.Environment == "production"
evaluate if input.Environment == "staging"
`);

  it("names the body that gave the value", () => {
    const r = p.evalRule("data.p.result", { input: { Steps: [{ ActionType: "manual", Enabled: true }] }, explain: true });
    expect(r).toMatchObject({ ok: true, value: { allowed: true } });
    expect(r.explanation?.decidedBy).toEqual({ location: at(5), kind: "rule" });
    expect(r.explanation?.bodies).toEqual([{ location: at(5), kind: "rule", succeeded: true }]);
  });

  it("names the default and the furthest expression each body failed at, with the values it compared", () => {
    const input = { Steps: [{ ActionType: "manual", Enabled: false }, { ActionType: "script", Enabled: true }] };
    const r = p.evalRule("data.p.result", { input, explain: true });
    expect(r.explanation?.decidedBy).toEqual({ location: at(3), kind: "default" });
    expect(r.explanation?.bodies).toEqual([{ location: at(5), kind: "rule", succeeded: false, failed: { location: at(8, 3), values: ["false"] } }]);
    const one = p.evalRule("data.p.result", { input: { Steps: [{ ActionType: "script" }] }, explain: true });
    expect(one.explanation?.bodies[0].failed).toEqual({ location: at(7, 3), values: ['"script"', '"manual"'] });
  });

  it("explains an undefined rule by every body that ran", () => {
    const r = p.evalRule("data.p.evaluate", { input: { Environment: "dev" }, explain: true });
    expect(r).toMatchObject({ ok: true, defined: false });
    expect(r.explanation).toEqual({
      bodies: [
        { location: at(11), kind: "rule", succeeded: false, failed: { location: at(11, 13), values: ['"dev"', '"production"'] } },
        { location: at(12), kind: "rule", succeeded: false, failed: { location: at(12, 13), values: ['"dev"', '"staging"'] } },
      ],
    });
  });

  it("names an else clause, and leaves the answer alone", () => {
    const q = policy(`package q

action := "block" if {
  input.Environment.Slug == "production"
} else := "warn" if {
  input.Warn
}
`);
    const r = q.evalRule("data.q.action", { input: { Environment: { Slug: "test" }, Warn: true }, explain: true });
    expect(r).toMatchObject({ ok: true, value: "warn" });
    expect(r.explanation?.decidedBy).toEqual({ location: at(5, 3), kind: "else" });
    expect(r.explanation?.bodies.map((b) => [b.kind, b.succeeded, b.failed?.values])).toEqual([
      ["rule", false, ['"test"', '"production"']],
      ["else", true, undefined],
    ]);
    expect(q.evalRule("data.q.action", { input: { Environment: { Slug: "test" }, Warn: true } })).toEqual({ ok: true, defined: true, value: "warn" });
  });

  it("cuts long values", () => {
    const r = p.evalRule("data.p.evaluate", { input: { Environment: "x".repeat(1000) }, explain: true });
    const v = r.explanation?.bodies[0].failed?.values?.[0] ?? "";
    expect(v.length).toBe(200);
    expect(v.endsWith("…")).toBe(true);
  });
});

describe("explained values", () => {
  it("prints composites as formatValue does, stopping at the length limit", () => {
    const p = policy(`package v

ok if {
  some step in input.Steps
  step.Kind == "manual"
}

same if input.Config == {"a": [1, "x"], "s": {true}}
`);
    const many = p.evalRule("data.v.ok", { input: { Steps: Array.from({ length: 10_000 }, (_, i) => ({ Kind: "script", Id: i })) }, explain: true });
    expect(many.explanation?.bodies[0].failed?.values).toEqual(['"script"', '"manual"']);
    const empty = p.evalRule("data.v.ok", { input: { Steps: [] }, explain: true });
    expect(empty.explanation?.bodies[0].failed?.values).toEqual(["[]"]);
    const big = p.evalRule("data.v.ok", { input: { Steps: "x" }, explain: true });
    expect(big.explanation?.bodies[0].failed?.values).toEqual(['"x"']);
    const obj = p.evalRule("data.v.same", { input: { Config: { a: [1, "x"], s: [] } }, explain: true });
    expect(obj.explanation?.bodies[0].failed?.values).toEqual(['{"a": [1, "x"], "s": []}', '{"a": [1, "x"], "s": {true}}']);
    const long = p.evalRule("data.v.same", { input: { Config: { a: Array.from({ length: 5000 }, (_, i) => i) } }, explain: true });
    const text = long.explanation?.bodies[0].failed?.values?.[0] ?? "";
    expect(text.length).toBe(200);
    expect(text.startsWith('{"a": [0, 1, 2')).toBe(true);
  });
});
