import { describe, expect, it } from "vitest";
import { CompiledPolicyCache, inProcessEvaluator } from "@/lib/policies/decision";
import type { PolicyDocument } from "@/lib/policies/document";
import { testPolicy } from "./test-policy";

const policy: PolicyDocument = {
  slug: "explained",
  name: "Explained",
  description: "",
  violationReason: "",
  violationAction: "block",
  scopeRego: 'package explained\n\ndefault evaluate := false\n\nevaluate if input.Environment.Slug == "production"\n',
  conditionsRego: 'package explained\n\ndefault result := {"allowed": false}\n\nresult := {"allowed": true} if input.RequiresApproval\n',
};
const evaluator = inProcessEvaluator({ cache: new CompiledPolicyCache() });

describe("testPolicy explanation", () => {
  it("explains a violation once, beside the decision, at lines of the Rego blocks", async () => {
    const r = await testPolicy(policy, { Environment: { Slug: "production" }, RequiresApproval: false }, evaluator);
    expect(r.decision).toEqual({ outcome: "block", enforced: "block", reason: expect.any(String) });
    expect(r.explanation?.result?.decidedBy).toMatchObject({ module: "conditions", moduleLine: 3, kind: "default" });
    expect(r.explanation?.result?.bodies[0].failed).toMatchObject({ at: { moduleLine: 5, text: "input.RequiresApproval" }, values: ["false"] });
  });

  it("explains out of scope, which has no decision", async () => {
    const r = await testPolicy(policy, { Environment: { Slug: "test" } }, evaluator);
    expect(r.decision).toBeNull();
    expect(r.explanation?.scope.bodies[0].failed).toMatchObject({ at: { module: "scope", moduleLine: 5 }, values: ['"test"', '"production"'] });
  });
});
