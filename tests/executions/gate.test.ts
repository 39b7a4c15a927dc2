import { describe, expect, it } from "vitest";
import { AuditEventGroups } from "@/lib/audit/event-groups";
import { getProjectDashboardState } from "@/lib/executions/dashboard";
import { CompiledPolicyCache } from "@/lib/policies/decision";
import { startRunbookRun } from "@/lib/executions/start-runbook-run";
import { POLICY_SECTION } from "@/lib/executions/task-log";
import { processQueue } from "@/lib/executions/worker";
import { actor, deployWeb, drain, taskOf, unwrap, useWorld } from "./helpers";
import { activatePolicy, inlinePolicy, starterOcl, W } from "./world";

const world = useWorld();

const evaluatedAudits = (taskId: string) =>
  world.db.auditEvent.findMany({ where: { eventGroup: AuditEventGroups.policyEvaluated, taskId } });

const stepLines = (log: { section: string }[]) => log.filter((l) => l.section.startsWith("Step "));

describe("policy gate", () => {
  it("records nothing but a verbose line for a policy out of scope", async () => {
    await activatePolicy(world.db, "manual_intervention_required", starterOcl("manual_intervention_required"));
    const { taskId } = await deployWeb(world.db, { environmentId: W.development });
    await drain(world.db);

    const task = await taskOf(world.db, taskId);
    expect(task.state).toBe("Success");
    expect(await evaluatedAudits(taskId)).toHaveLength(0);
    expect(await world.db.policyEvaluation.count({ where: { taskId } })).toBe(0);
    const lines = task.logEntries.filter((l) => l.message.includes("manual_intervention_required"));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: "Verbose", section: POLICY_SECTION });
    expect(lines[0].message).toMatch(/out of scope/);
  });

  it("lets a warn violation run, marks the task, logs a warning, audits it and raises the dashboard banner", async () => {
    const { policyId, versionId } = await activatePolicy(
      world.db,
      "no_steps_skipped",
      inlinePolicy("no_steps_skipped", {
        name: "No steps skipped", action: "warn", reason: "Do not skip steps",
        scope: "default evaluate := true",
        conditions: 'default result := {"allowed": true}\nresult := {"allowed": false} if { count(input.SkippedSteps) > 0 }',
      }),
    );
    const { taskId, id } = await deployWeb(world.db, { skippedStepIds: [W.steps.smoke] });
    await drain(world.db);

    const task = await taskOf(world.db, taskId);
    expect(task.state).toBe("SuccessWithWarnings");
    expect(task.hasWarnings).toBe(true);
    // once, at its level, in the policy section: not again as a task-level line
    expect(task.logEntries.filter((l) => l.level !== "Verbose" && l.message.includes("Do not skip steps"))).toMatchObject([{ level: "Warning", section: POLICY_SECTION }]);
    expect(stepLines(task.logEntries).length).toBeGreaterThan(0);

    const audits = await evaluatedAudits(taskId);
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      policyId, policyVersionId: versionId, outcome: "warn", userId: W.user, username: "admin",
      spaceId: W.space, projectId: W.web, environmentId: W.production, tenantId: null,
    });
    expect(JSON.parse(audits[0].details)).toMatchObject({ version: "1.0.0", reason: "Do not skip steps", executionId: id });

    const dashboard = unwrap(await getProjectDashboardState(world.db, { slug: "acme-web" }));
    expect(dashboard.deployments).toHaveLength(1);
    expect(dashboard.deployments[0]).toMatchObject({ taskId, violation: "warn" });
    expect(dashboard.banner).toMatchObject({ violation: "warn", policies: ["No steps skipped"] });
    expect(dashboard.banner!.executions.map((e) => e.taskId)).toEqual([taskId]);
  });

  it("fails a blocked task before its first step, naming the policy and its reason", async () => {
    await activatePolicy(world.db, "manual_intervention_required", starterOcl("manual_intervention_required"));
    // The required manual step can't be skipped, so the release needs a process without one: disable it.
    await world.db.step.update({ where: { id: W.steps.approve }, data: { enabled: false } });
    const { taskId } = await deployWeb(world.db);
    await drain(world.db);

    const task = await taskOf(world.db, taskId);
    expect(task.state).toBe("Failed");
    expect(task.errorMessage).toContain("Deployments - Manual intervention required");
    expect(task.errorMessage).toContain("Add a Manual Intervention step");
    expect(stepLines(task.logEntries)).toHaveLength(0);
    expect(task.logEntries.filter((l) => l.level !== "Verbose" && l.message.includes("Add a Manual Intervention step"))).toMatchObject([{ level: "Error", section: POLICY_SECTION }]);
    expect(task.logEntries.filter((l) => l.level === "Fatal")).toMatchObject([{ section: "", message: "No step was run: blocked by 1 policy (see Policy evaluation)." }]);
    expect((await evaluatedAudits(taskId)).map((a) => a.outcome)).toEqual(["block"]);

    const dashboard = unwrap(await getProjectDashboardState(world.db, { id: W.web }));
    expect(dashboard.banner?.violation).toBe("block");
  });

  it("uses the action and reason of result over the policy's defaults", async () => {
    await activatePolicy(
      world.db,
      "override",
      inlinePolicy("override", {
        action: "warn", reason: "default reason",
        scope: "default evaluate := true",
        conditions: 'result := {"allowed": false, "action": "block", "reason": sprintf("Not in %s", [input.Environment.Name])}',
      }),
    );
    const { taskId } = await deployWeb(world.db);
    await drain(world.db);

    const task = await taskOf(world.db, taskId);
    expect(task.state).toBe("Failed");
    expect(task.errorMessage).toContain("Not in Production");
    expect(task.errorMessage).not.toContain("default reason");
    const [evaluation] = await world.db.policyEvaluation.findMany({ where: { taskId } });
    expect(evaluation).toMatchObject({ outcome: "block", reason: "Not in Production" });
    expect(JSON.parse(evaluation.rawResult!)).toEqual({ allowed: false, action: "block", reason: "Not in Production" });
  });

  it("fails closed with the policy's action when evaluation errors", async () => {
    await activatePolicy(
      world.db,
      "conflicting",
      inlinePolicy("conflicting", {
        scope: "default evaluate := true",
        // Two complete definitions with different values: an eval_conflict_error.
        conditions: 'result := {"allowed": true} if { true }\nresult := {"allowed": false} if { true }',
      }),
    );
    await activatePolicy(
      world.db,
      "malformed_scope",
      inlinePolicy("malformed_scope", { action: "warn", scope: 'evaluate := "yes"', conditions: 'result := {"allowed": true}' }),
    );
    const { taskId } = await deployWeb(world.db);
    await drain(world.db);

    const task = await taskOf(world.db, taskId);
    expect(task.state).toBe("Failed");
    const evaluations = await world.db.policyEvaluation.findMany({ where: { taskId }, include: { policy: true }, orderBy: { id: "asc" } });
    const bySlug = Object.fromEntries(evaluations.map((e) => [e.policy.slug, e]));
    expect(bySlug.conflicting).toMatchObject({ outcome: "error" });
    expect(bySlug.conflicting.reason).toMatch(/conflict/);
    expect(bySlug.malformed_scope).toMatchObject({ outcome: "error" });
    expect(bySlug.malformed_scope.reason).toMatch(/boolean/);
    expect(task.logEntries.filter((l) => l.level === "Error" && l.message.includes(": errored, blocking - "))).toHaveLength(1);
    expect(task.logEntries.filter((l) => l.level === "Warning" && l.message.includes(": errored, warning - "))).toHaveLength(1);
    expect((await evaluatedAudits(taskId)).map((a) => a.outcome)).toEqual(["error", "error"]);
  });

  it("fails closed when an active version does not compile", async () => {
    await activatePolicy(world.db, "broken", inlinePolicy("broken", { action: "warn", scope: "evaluate if {", conditions: "result := {}" }));
    const { taskId } = await deployWeb(world.db);
    await drain(world.db);
    expect((await taskOf(world.db, taskId)).state).toBe("SuccessWithWarnings");
    const [evaluation] = await world.db.policyEvaluation.findMany({ where: { taskId } });
    expect(evaluation.outcome).toBe("error");
    expect(evaluation.reason).toMatch(/does not compile|does not parse/);
  });

  it("writes the input, scope values, raw results and timings at the verbose level", async () => {
    await activatePolicy(world.db, "always", inlinePolicy("always", { scope: "default evaluate := true", conditions: 'result := {"allowed": true}' }));
    const { taskId } = await deployWeb(world.db);
    await drain(world.db);
    const task = await taskOf(world.db, taskId);
    const verbose = task.logEntries.filter((l) => l.level === "Verbose" && l.section === POLICY_SECTION);
    const input = verbose.find((l) => l.message.startsWith("Policy input:"))!;
    expect(JSON.parse(input.message.slice("Policy input:".length)).Project.Id).toBe(W.web);
    expect(verbose.some((l) => /evaluate = true, result = \{"allowed":true\} \(\d+\.\d+ ms\)/.test(l.message))).toBe(true);
    expect(task.logEntries.some((l) => l.level === "Info" && l.message.includes("always v1.0.0") && l.message.endsWith("passed"))).toBe(true);
    expect(task.state).toBe("Success");
    expect((await evaluatedAudits(taskId)).map((a) => a.outcome)).toEqual(["pass"]);
  });

  it("evaluates only active versions", async () => {
    await activatePolicy(world.db, "gone", inlinePolicy("gone", { scope: "default evaluate := true", conditions: 'result := {"allowed": false}' }));
    await world.db.policyVersion.updateMany({ data: { isActive: false } });
    const { taskId } = await deployWeb(world.db);
    await drain(world.db);
    expect((await taskOf(world.db, taskId)).state).toBe("Success");
    expect(await world.db.policyEvaluation.count()).toBe(0);
  });

  it("fails closed when a policy reaches the evaluation limit", async () => {
    await activatePolicy(
      world.db,
      "expensive",
      inlinePolicy("expensive", {
        action: "warn",
        scope: "default evaluate := true",
        conditions: 'result := {"allowed": count([x | some i in numbers.range(1, 100000); x := i * 2]) > 0}',
      }),
    );
    const { taskId } = await deployWeb(world.db);
    await processQueue(world.db, { stepDelayMs: 0, cache: new CompiledPolicyCache(), limits: { maxSteps: 1000 } });
    const [evaluation] = await world.db.policyEvaluation.findMany({ where: { taskId } });
    expect(evaluation.outcome).toBe("error");
    expect(evaluation.reason).toMatch(/limit/);
    expect((await taskOf(world.db, taskId)).state).toBe("SuccessWithWarnings");
  });

  it("puts runbook runs in scope of runbook policies and leaves deployments out", async () => {
    await activatePolicy(
      world.db,
      "runbooks_only",
      inlinePolicy("runbooks_only", {
        action: "warn", reason: "Runbook seen",
        scope: "default evaluate := false\nevaluate if { input.Runbook; not input.Release }",
        conditions: 'result := {"allowed": false}',
      }),
    );
    const run = unwrap(await startRunbookRun(world.db, { runbookId: W.runbook, environmentId: W.development }, actor));
    const deployment = await deployWeb(world.db);
    await drain(world.db);
    expect((await evaluatedAudits(run.taskId)).map((a) => a.outcome)).toEqual(["warn"]);
    expect(await evaluatedAudits(deployment.taskId)).toHaveLength(0);
    expect((await taskOf(world.db, run.taskId)).state).toBe("SuccessWithWarnings");
  });
});
