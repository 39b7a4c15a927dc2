import { describe, expect, it } from "vitest";
import { decidePolicy, decideScope, type PolicyDefaults, type RuleAnswer } from "./decide";

const warnWithReason: PolicyDefaults = { violationAction: "warn", violationReason: "Add a manual intervention" };
const blockBare: PolicyDefaults = { violationAction: "block" };
const inScope = (result?: RuleAnswer) => ({ scope: { kind: "value", value: true } as RuleAnswer, ...(result ? { result } : {}) });
const value = (v: unknown): RuleAnswer => ({ kind: "value", value: v });

describe("scope decision", () => {
  it("is in scope only for true", () => {
    expect(decideScope(value(true))).toEqual({ inScope: true });
    expect(decideScope(value(false))).toEqual({ inScope: false });
    expect(decideScope({ kind: "undefined" })).toEqual({ inScope: false });
  });

  it("treats a non-boolean or an error as malformed", () => {
    expect(decideScope(value("yes"))).toMatchObject({ inScope: "error" });
    expect(decideScope({ kind: "error", message: "boom" })).toEqual({ inScope: "error", message: "boom" });
  });
});

describe("decidePolicy", () => {
  it("is null out of scope", () => {
    expect(decidePolicy(blockBare, { scope: value(false) })).toBeNull();
    expect(decidePolicy(blockBare, { scope: { kind: "undefined" } })).toBeNull();
  });

  it("passes when allowed, enforcing nothing", () => {
    expect(decidePolicy(blockBare, inScope(value({ allowed: true })))).toEqual({ outcome: "pass", enforced: null });
  });

  it("uses the policy's action and reason when the result gives none", () => {
    expect(decidePolicy(warnWithReason, inScope(value({ allowed: false })))).toEqual({ outcome: "warn", enforced: "warn", reason: "Add a manual intervention" });
    expect(decidePolicy(blockBare, inScope(value({ allowed: false })))?.reason).toMatch(/does not comply/);
  });

  it("lets the result override action and reason", () => {
    const d = decidePolicy(warnWithReason, inScope(value({ allowed: false, action: "block", reason: "Production needs approval" })));
    expect(d).toEqual({ outcome: "block", enforced: "block", reason: "Production needs approval" });
  });

  it("is an error enforcing the policy's own action for every failure to evaluate", () => {
    const failures = [
      { compileError: "the policy does not compile" },
      { scope: value("yes") },
      { scope: { kind: "error", message: "builtin_error: http.send: refused" } as RuleAnswer },
      inScope(),
      inScope({ kind: "undefined" }),
      inScope({ kind: "error", message: "eval_limit_error: evaluation exceeded the time limit of 1000 ms" }),
      ...[null, [], { allowed: "no" }, { allowed: false, action: "deny" }, { allowed: true, reason: 3 }].map((v) => inScope(value(v))),
    ];
    for (const answers of failures) {
      for (const defaults of [warnWithReason, blockBare]) {
        const d = decidePolicy(defaults, answers);
        expect(d).toMatchObject({ outcome: "error", enforced: defaults.violationAction });
        expect(d?.error).toBeTruthy();
        expect(d?.reason).toMatch(/^Policy evaluation failed: /);
      }
    }
    expect(decidePolicy(blockBare, inScope({ kind: "undefined" }))?.error).toMatch(/result is undefined/);
  });
});
