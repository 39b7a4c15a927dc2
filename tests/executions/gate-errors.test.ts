/**
 * Fail closed, on real rows: every way a policy can fail to evaluate during a deployment is the
 * error outcome, which blocks for a block policy and warns for a warn policy, and shows as
 * errored in the task log, the PolicyEvaluation rows, the audit log (Outcome=error filter), the
 * compliance overview and the project dashboard.
 */
import { describe, expect, it } from "vitest";
import { parseAuditFilter } from "@/lib/audit/query/filters";
import { queryAuditPage } from "@/lib/audit/query/page";
import { complianceOverview } from "@/lib/compliance/overview";
import { getProjectDashboardState } from "@/lib/executions/dashboard";
import { POLICY_SECTION } from "@/lib/executions/task-log";
import { deployWeb, drain, taskOf, useWorld } from "./helpers";
import { activatePolicy, inlinePolicy, W } from "./world";

const world = useWorld();

const ALWAYS = "default evaluate := true";

const FAILING = {
  // A builtin that fails at run time: with strict builtin errors it is an error, not undefined.
  failing_builtin: 'result := {"allowed": to_number(input.Project.Name) > 0}',
  // The blank starter's permissive default: a rule body that errors must not fall back to it.
  permissive_default: 'default result := {"allowed": true}\nresult := {"allowed": false} if { to_number(input.Project.Name) > 0 }',
  undefined_result: 'result := {"allowed": true} if { input.NoSuchField }',
  not_an_object: 'result := true',
} as const;

async function deployWith(slug: string, conditions: string, action: "block" | "warn") {
  await activatePolicy(world.db, slug, inlinePolicy(slug, { action, scope: ALWAYS, conditions }));
  const { taskId } = await deployWeb(world.db);
  await drain(world.db);
  return { taskId, task: await taskOf(world.db, taskId), evaluations: await world.db.policyEvaluation.findMany({ where: { taskId } }) };
}

describe("fail closed", () => {
  it.each(Object.entries(FAILING))("a block policy whose evaluation fails (%s) is an error that fails the task", async (slug, conditions) => {
    const { taskId, task, evaluations } = await deployWith(slug, conditions, "block");
    expect(task.state).toBe("Failed");
    expect(evaluations.map((e) => e.outcome)).toEqual(["error"]);
    expect(evaluations[0].reason).toMatch(/^Policy evaluation failed: /);
    expect(task.logEntries.some((l) => l.level === "Error" && l.message.includes(`${slug} v1.0.0): errored, blocking - `))).toBe(true);
    // the violation's one line (the verbose level holds the details)
    expect(task.logEntries.filter((l) => l.level !== "Verbose" && l.message.includes(slug))).toMatchObject([{ level: "Error", section: POLICY_SECTION }]);
    expect(task.logEntries.some((l) => l.level === "Fatal" && l.message === "No step was run: blocked by 1 policy (see Policy evaluation).")).toBe(true);
    expect(task.logEntries.some((l) => l.message.includes("0 passed, 0 warned, 0 blocked, 1 errored"))).toBe(true);
    expect(task.logEntries.some((l) => l.section.startsWith("Step "))).toBe(false);

    const audited = await queryAuditPage(world.db, { filter: parseAuditFilter({ outcome: "error" }), direction: "older" });
    expect(audited.rows.filter((r) => r.taskId === taskId).map((r) => r.outcome)).toEqual(["error"]);
    expect((await queryAuditPage(world.db, { filter: parseAuditFilter({ outcome: "block" }), direction: "older" })).rows).toHaveLength(0);
  });

  it("names the failing builtin in the error", async () => {
    const { evaluations } = await deployWith("failing_builtin", FAILING.failing_builtin, "block");
    expect(evaluations[0].reason).toMatch(/to_number/);
  });

  it("a warn policy that errors lets the task run, with the error outcome and a warning", async () => {
    const { task, evaluations } = await deployWith("permissive_default", FAILING.permissive_default, "warn");
    expect(task.state).toBe("SuccessWithWarnings");
    expect(evaluations.map((e) => e.outcome)).toEqual(["error"]);
    expect(task.logEntries.filter((l) => l.level === "Warning")).toMatchObject([{ section: POLICY_SECTION, message: expect.stringContaining("errored, warning - ") }]);
    expect(task.logEntries.some((l) => l.section.startsWith("Step "))).toBe(true);
  });

  it("counts errors as Errored on the compliance overview and flags them on the dashboard", async () => {
    await deployWith("failing_builtin", FAILING.failing_builtin, "block");
    const overview = await complianceOverview(world.db, "7d");
    expect(overview.totals).toMatchObject({ error: 1, block: 0 });
    expect(overview.topPolicies[0]).toMatchObject({ slug: "failing_builtin", errored: 1, blocked: 0 });
    const dashboard = await getProjectDashboardState(world.db, { slug: "acme-web" });
    expect(dashboard.ok && dashboard.value.banner).toMatchObject({ violation: "block" });
    expect(dashboard.ok && dashboard.value.banner?.executions[0].violations[0]).toMatchObject({ outcome: "error", enforced: "block" });
  });
});
