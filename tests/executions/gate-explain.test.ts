/** The gate stores each in-scope evaluation's explanation and writes it under the verbose line. */
import { describe, expect, it } from "vitest";
import type { Explanation } from "@/lib/policies/decision";
import { POLICY_SECTION } from "@/lib/executions/task-log";
import { deployWeb, drain, taskOf, useWorld } from "./helpers";
import { activatePolicy, inlinePolicy, starterOcl, W } from "./world";

const world = useWorld();

describe("policy gate explanations", () => {
  it("records the deciding rule's line and the failed expression with the evaluation, and logs them", async () => {
    await activatePolicy(
      world.db,
      "no_skips",
      inlinePolicy("no_skips", {
        scope: "default evaluate := true",
        // line 14 and 15 of the file
        conditions: 'default result := {"allowed": false}\nresult := {"allowed": true} if { count(input.SkippedSteps) == 0 }',
      }),
    );
    const { taskId } = await deployWeb(world.db, { skippedStepIds: [W.steps.smoke] });
    await drain(world.db);

    const [evaluation] = await world.db.policyEvaluation.findMany({ where: { taskId } });
    expect(evaluation.outcome).toBe("block");
    const explanation = JSON.parse(evaluation.explanation!) as Explanation;
    expect(explanation.scope.decidedBy).toMatchObject({ file: "policies/no_skips.ocl", line: 7, kind: "default" });
    expect(explanation.result?.decidedBy).toMatchObject({ line: 14, module: "conditions", moduleLine: 2, kind: "default" });
    expect(explanation.result?.bodies[0].failed).toMatchObject({ at: { line: 15, text: "count(input.SkippedSteps) == 0 }" }, values: ["1", "0"] });

    const task = await taskOf(world.db, taskId);
    const verbose = task.logEntries.find((l) => l.level === "Verbose" && l.section === POLICY_SECTION && l.message.includes("no_skips v1.0.0"))!;
    expect(verbose.message).toContain('result decided by the default at policies/no_skips.ocl:14: default result := {"allowed": false}');
    expect(verbose.message).toContain("failed at policies/no_skips.ocl:15: count(input.SkippedSteps) == 0 } (compared 1, 0)");
  });

  it("explains out of scope in the verbose line", async () => {
    await activatePolicy(world.db, "manual_intervention_required", starterOcl("manual_intervention_required"));
    const { taskId } = await deployWeb(world.db, { environmentId: W.development });
    await drain(world.db);
    const task = await taskOf(world.db, taskId);
    const [line] = task.logEntries.filter((l) => l.message.includes("manual_intervention_required"));
    expect(line.message).toMatch(/out of scope: evaluate = false .*\nevaluate decided by the default at policies\/manual_intervention_required\.ocl:\d+: default evaluate := false\n {2}the rule at .* failed at .*: input\.Environment\.Slug == "production" \(compared "development", "production"\)/s);
  });
});
