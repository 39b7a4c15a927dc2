/**
 * "Why did it decide that?": the deciding rule's line for allowed, violated and out-of-scope
 * results, the failed expressions of the other bodies, across the worker boundary too, and the
 * same answers with and without explaining on every starter.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { EvaluationPool, poolEvaluator, poolOptionsFromEnv } from "@/lib/evaluation-pool";
import { buildInput } from "@/tests/fixtures/inputs";
import { CompiledPolicyCache } from "./compiled-cache";
import { decidePolicy } from "./decide";
import { describeExplanation } from "./explain";
import { GATE_SETTINGS, inProcessEvaluator, type PolicyText } from "./evaluator";

const OCL = `name = "Explain"
violation_action = "block"

scope {
    rego = <<-EOT
        package explain

        default evaluate := false

        evaluate if {
            input.Environment.Slug == "production"
        }
    EOT
}

conditions {
    rego = <<-EOT
        package explain

        default result := {"allowed": false}

        result := {"allowed": true} if {
            input.RequiresApproval == true
        }

        result := {"allowed": false, "reason": "Tenant deployments need approval"} if {
            input.Tenant
            not input.RequiresApproval
        }
    EOT
}
`;
const policy: PolicyText = { id: "explain-test", slug: "explain", ocl: OCL };
const file = "policies/explain.ocl";
const evaluator = inProcessEvaluator({ cache: new CompiledPolicyCache() });

async function decide(input: unknown, evaluate = evaluator) {
  const [answers] = await evaluate([policy], input);
  return { answers, decision: decidePolicy({ violationAction: "block" }, answers) };
}

const production = { Environment: { Slug: "production" } };

describe("explanation", () => {
  it("names the rule that allowed, at its file line and its line in the block", async () => {
    const { decision } = await decide({ ...production, RequiresApproval: true });
    expect(decision?.outcome).toBe("pass");
    const e = decision!.explanation!;
    expect(e.scope.decidedBy).toEqual({ file, line: 10, column: 9, module: "scope", moduleLine: 5, moduleColumn: 1, text: "evaluate if {", kind: "rule" });
    expect(e.result?.decidedBy).toMatchObject({ file, line: 22, module: "conditions", moduleLine: 5, text: 'result := {"allowed": true} if {', kind: "rule" });
    // the other rule has another value, so it runs too (a conflict would be an error)
    expect(e.result?.bodies.map((b) => [b.at.line, b.succeeded, b.failed?.at.line])).toEqual([[22, true, undefined], [26, false, 27]]);
  });

  it("names the rule that violated and what failed in the body that would have allowed", async () => {
    const { decision } = await decide({ ...production, RequiresApproval: false, Tenant: { Slug: "acme" } });
    expect(decision).toMatchObject({ outcome: "block", reason: "Tenant deployments need approval" });
    const r = decision!.explanation!.result!;
    expect(r.decidedBy).toMatchObject({ line: 26, moduleLine: 9, kind: "rule" });
    expect(r.bodies.map((b) => [b.at.line, b.succeeded])).toEqual([[22, false], [26, true]]);
    expect(r.bodies[0].failed).toEqual({
      at: { file, line: 23, column: 13, module: "conditions", moduleLine: 6, moduleColumn: 5, text: "input.RequiresApproval == true" },
      values: ["false", "true"],
    });
  });

  it("names the default when every body failed, with each body's failed expression", async () => {
    const { decision } = await decide({ ...production, RequiresApproval: false });
    const r = decision!.explanation!.result!;
    expect(r.decidedBy).toMatchObject({ line: 20, text: 'default result := {"allowed": false}', kind: "default" });
    expect(r.bodies.map((b) => [b.failed?.at.line, b.failed?.at.text, b.failed?.values])).toEqual([
      [23, "input.RequiresApproval == true", ["false", "true"]],
      [27, "input.Tenant", ["undefined"]],
    ]);
    expect(describeExplanation(decision!.explanation!)).toEqual([
      "evaluate decided by the rule at policies/explain.ocl:10: evaluate if {",
      'result decided by the default at policies/explain.ocl:20: default result := {"allowed": false}',
      "  the rule at policies/explain.ocl:22 failed at policies/explain.ocl:23: input.RequiresApproval == true (compared false, true)",
      "  the rule at policies/explain.ocl:26 failed at policies/explain.ocl:27: input.Tenant (compared undefined)",
    ]);
  });

  it("explains out of scope by the failed expressions of evaluate", async () => {
    const { answers, decision } = await decide({ Environment: { Slug: "test" } });
    expect(decision).toBeNull();
    expect(answers.explanation).toEqual({
      scope: {
        decidedBy: expect.objectContaining({ line: 8, kind: "default", text: "default evaluate := false" }),
        bodies: [
          {
            at: expect.objectContaining({ line: 10 }),
            kind: "rule",
            succeeded: false,
            failed: { at: expect.objectContaining({ line: 11, moduleLine: 6, text: 'input.Environment.Slug == "production"' }), values: ['"test"', '"production"'] },
          },
        ],
      },
    });
  });

  it("is absent when the evaluator does not explain", async () => {
    const plain = inProcessEvaluator({ cache: new CompiledPolicyCache(), settings: { ...GATE_SETTINGS, explain: false } });
    const { answers, decision } = await decide({ ...production, RequiresApproval: true }, plain);
    expect(answers.explanation).toBeUndefined();
    expect(decision).toEqual({ outcome: "pass", enforced: null });
  });

  describe("on the evaluation pool", () => {
    const pool = new EvaluationPool({ ...poolOptionsFromEnv({}), size: 1 });
    afterAll(() => pool.close());

    it("crosses the worker boundary", async () => {
      const { decision } = await decide({ ...production, RequiresApproval: false }, poolEvaluator(pool));
      expect(decision?.explanation?.result?.decidedBy).toMatchObject({ line: 20, kind: "default" });
      expect(decision?.explanation?.result?.bodies[0].failed?.values).toEqual(["false", "true"]);
    });
  });

  it("leaves every starter's answers as they are", async () => {
    const dir = path.join(process.cwd(), "policies");
    const starters = readdirSync(dir)
      .filter((f) => f.endsWith(".ocl"))
      .map((f) => ({ id: f, slug: f.replace(/\.ocl$/, ""), ocl: readFileSync(path.join(dir, f), "utf8") }));
    const plain = inProcessEvaluator({ cache: new CompiledPolicyCache(), settings: { ...GATE_SETTINGS, explain: false } });
    const inputs = [buildInput(), buildInput({ environment: "test", skip: ["smoke-test"] }), buildInput({ runbook: {}, tenant: null, requiresApproval: false })];
    for (const input of inputs) {
      const explained = await evaluator(starters, input);
      const bare = await plain(starters, input);
      explained.forEach((a, i) => {
        const { durationMs: _a, explanation, ...answers } = a;
        const { durationMs: _b, ...expected } = bare[i];
        expect(answers, starters[i].slug).toEqual(expected);
        if ("scope" in a && a.scope.kind === "value") expect(explanation?.scope.decidedBy, starters[i].slug).toBeDefined();
      });
    }
  });
});
