import { describe, expect, it } from "vitest";
import { decideConditions, decideScope, type PolicyDefaults } from "./outcome";

const warnWithReason: PolicyDefaults = { violationAction: "warn", violationReason: "Add a manual intervention" };
const blockBare: PolicyDefaults = { violationAction: "block" };

describe("scope decision", () => {
  it("is in scope only for true", () => {
    expect(decideScope({ kind: "value", value: true })).toEqual({ inScope: true });
    expect(decideScope({ kind: "value", value: false })).toEqual({ inScope: false });
    expect(decideScope({ kind: "undefined" })).toEqual({ inScope: false });
  });

  it("treats a non-boolean or an error as malformed", () => {
    expect(decideScope({ kind: "value", value: "yes" })).toMatchObject({ inScope: "error" });
    expect(decideScope({ kind: "error", message: "boom" })).toEqual({ inScope: "error", message: "boom" });
  });
});

describe("conditions decision", () => {
  it("passes when allowed", () => {
    expect(decideConditions({ kind: "value", value: { allowed: true } }, blockBare)).toEqual({ outcome: "pass" });
  });

  it("uses the policy's action and reason when the result gives none", () => {
    expect(decideConditions({ kind: "value", value: { allowed: false } }, warnWithReason)).toEqual({
      outcome: "warn",
      reason: "Add a manual intervention",
    });
    expect(decideConditions({ kind: "value", value: { allowed: false } }, blockBare).reason).toMatch(/does not comply/);
  });

  it("lets the result override action and reason", () => {
    const answer = { kind: "value" as const, value: { allowed: false, action: "block", reason: "Production needs approval" } };
    expect(decideConditions(answer, warnWithReason)).toEqual({ outcome: "block", reason: "Production needs approval" });
  });

  it("fails closed with the policy's action on errors and malformed results", () => {
    for (const value of [null, [], { allowed: "no" }, { allowed: false, action: "deny" }, { allowed: true, reason: 3 }]) {
      const d = decideConditions({ kind: "value", value }, warnWithReason);
      expect(d.outcome).toBe("warn");
      expect(d.error).toBeTruthy();
    }
    const undef = decideConditions({ kind: "undefined" }, blockBare);
    expect(undef).toMatchObject({ outcome: "block", error: "result is undefined" });
    expect(decideConditions({ kind: "error", message: "eval_conflict_error" }, blockBare).reason).toMatch(/eval_conflict_error/);
  });
});
