import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/db/test-database";
import { outcomesOfLastWeek } from "@/lib/policy-service/stats";
import { seedDemoData } from "@/lib/seed";
import { getDashboardStates, getViolationStates } from "./dashboard";

// The dashboards read LatestExecution and the counts read PolicyEvaluationDay, both kept by
// triggers; these tests hold them to what the full history says.
let testDb: TestDatabase;
const NOW = new Date();

beforeAll(async () => {
  testDb = createTestDatabase();
  const db = testDb.db;
  await seedDemoData(db, NOW);
  const outcomes = ["pass", "warn", "block", "error", "pass"];
  for (const [i, action] of (["block", "warn"] as const).entries()) {
    const id = `Policies-test-${i}`;
    await db.policy.create({ data: { id, slug: `test_${i}`, name: `Test ${i}` } });
    await db.policyVersion.create({ data: { id: `${id}-v1`, policyId: id, version: "1.0.0", major: 1, minor: 0, patch: 0, name: id, ocl: "", commitId: "c", violationAction: action } });
  }
  const executions = [
    ...(await db.deployment.findMany()).map((e) => ({ ...e, deploymentId: e.id, runbookRunId: null })),
    ...(await db.runbookRun.findMany()).map(({ runbookId: _, snapshotId: __, ...e }) => ({ ...e, deploymentId: null, runbookRunId: e.id })),
  ];
  await db.policyEvaluation.createMany({
    data: executions.flatMap((e, n) => [0, 1].map((p) => ({
      id: `PolicyEvaluations-test-${n}-${p}`, policyId: `Policies-test-${p}`, policyVersionId: `Policies-test-${p}-v1`, taskId: e.taskId,
      deploymentId: e.deploymentId, runbookRunId: e.runbookRunId, spaceId: e.spaceId, projectId: e.projectId, environmentId: e.environmentId,
      tenantId: e.tenantId, outcome: outcomes[(n + p) % outcomes.length], scopeValue: "true", durationMs: 1,
      evaluatedAt: new Date(e.createdAt.getTime() + ((n * 7_919_000) % 86_400_000)),
    }))),
  });
  // Deleting evaluations takes them off the daily counts.
  await db.policyEvaluation.deleteMany({ where: { id: { startsWith: "PolicyEvaluations-test-1-" } } });
}, 120_000);
afterAll(() => testDb.dispose());

type Execution = { id: string; createdAt: Date; projectId: string; environmentId: string; tenantId: string | null };
/** The newest execution per target, by createdAt then id, computed from every row. */
function newestPerTarget<T extends Execution>(rows: T[], target: (row: T) => string): string[] {
  const newest = new Map<string, T>();
  for (const row of rows) {
    const current = newest.get(target(row));
    const newer = !current || row.createdAt > current.createdAt || (row.createdAt.getTime() === current.createdAt.getTime() && row.id > current.id);
    if (newer) newest.set(target(row), row);
  }
  return [...newest.values()].map((r) => r.id).sort();
}

describe("latest executions", () => {
  it("are the newest deployment per project, environment and tenant and the newest run per runbook, environment and tenant", async () => {
    const db = testDb.db;
    const projects = await db.project.findMany({ select: { id: true } });
    const states = await getDashboardStates(db, projects.map((p) => p.id));
    const deployments = await db.deployment.findMany();
    const runs = await db.runbookRun.findMany();
    expect(deployments.length).toBeGreaterThan(10);
    expect(states.flatMap((s) => s.deployments.map((d) => d.executionId)).sort())
      .toEqual(newestPerTarget(deployments, (d) => `${d.projectId}|${d.environmentId}|${d.tenantId}`));
    expect(states.flatMap((s) => s.runbookRuns.map((r) => r.executionId)).sort())
      .toEqual(newestPerTarget(runs, (r) => `${r.runbookId}|${r.environmentId}|${r.tenantId}`));
  });

  it("follow a new deployment, and fall back to the one before when it is deleted", async () => {
    const db = testDb.db;
    const before = await db.deployment.findFirstOrThrow({ orderBy: { createdAt: "desc" } });
    await db.serverTask.create({ data: { id: "ServerTasks-test-1", kind: "Deploy", description: "d", spaceId: before.spaceId, projectId: before.projectId } });
    const newer = await db.deployment.create({
      data: {
        id: "Deployments-test-1", spaceId: before.spaceId, projectId: before.projectId, releaseId: before.releaseId, environmentId: before.environmentId,
        tenantId: before.tenantId, taskId: "ServerTasks-test-1", name: "newer", createdAt: new Date(before.createdAt.getTime() + 1000),
      },
    });
    const shown = async () => {
      const [state] = await getDashboardStates(db, [before.projectId]);
      return state.deployments.find((d) => d.environment.id === before.environmentId && (d.tenant?.id ?? null) === before.tenantId)?.executionId;
    };
    expect(await shown()).toBe(newer.id);
    await db.deployment.delete({ where: { id: newer.id } });
    expect(await shown()).toBe(before.id);
  });

  it("give each project the worst violation of its latest executions, as its banner does", async () => {
    const db = testDb.db;
    const projects = await db.project.findMany({ select: { id: true } });
    const states = await getDashboardStates(db, projects.map((p) => p.id));
    const violations = await getViolationStates(db, projects.map((p) => p.id));
    for (const state of states) expect(violations.get(state.project.id)).toBe(state.banner?.violation ?? "none");
    expect(states.some((s) => s.banner)).toBe(true);
  });

  it("follow the outcomes of each project's latest executions as they are written, replaced and deleted", async () => {
    const db = testDb.db;
    // A target of its own, so no other latest execution of the project shares its state.
    const project = await db.project.findFirstOrThrow({ where: { tenantedMode: "Untenanted" }, select: { id: true, spaceId: true } });
    const release = await db.release.findFirstOrThrow({ where: { projectId: project.id }, select: { id: true } });
    const env = await db.environment.create({ data: { id: "Environments-test-outcomes", spaceId: project.spaceId, name: "Outcomes", slug: "outcomes", sortOrder: 99 } });
    const state = async () => (await getViolationStates(db, [project.id])).get(project.id);
    const others = await db.latestExecution.findMany({ where: { projectId: project.id }, select: { taskId: true } });
    // The project's other latest executions pass, so what shows is this target's state.
    await db.policyEvaluation.deleteMany({ where: { taskId: { in: others.map((o) => o.taskId) }, outcome: { not: "pass" } } });
    expect(await state()).toBe("none");
    let n = 0;
    const deploy = async (at: number, evaluations: [outcome: string, policy: 0 | 1][]) => {
      const id = `outcomes-${++n}`;
      await db.serverTask.create({ data: { id: `ServerTasks-${id}`, kind: "Deploy", description: "d", spaceId: project.spaceId, projectId: project.id } });
      const deployment = await db.deployment.create({
        data: { id: `Deployments-${id}`, spaceId: project.spaceId, projectId: project.id, releaseId: release.id, environmentId: env.id, taskId: `ServerTasks-${id}`, name: id, createdAt: new Date(at) },
      });
      await db.policyEvaluation.createMany({
        data: evaluations.map(([outcome, p], k) => ({
          id: `PolicyEvaluations-${id}-${k}`, policyId: `Policies-test-${p}`, policyVersionId: `Policies-test-${p}-v1`, taskId: deployment.taskId, deploymentId: deployment.id,
          spaceId: project.spaceId, projectId: project.id, environmentId: env.id, outcome, scopeValue: "true", durationMs: 1, evaluatedAt: new Date(at),
        })),
      });
      return deployment;
    };
    const t = NOW.getTime() + 86_400_000;
    // Policy 0 blocks on violation, policy 1 warns: an error enforces its policy's action.
    const blocked = await deploy(t, [["pass", 0], ["block", 0], ["warn", 1]]);
    expect(await state()).toBe("block");
    const warned = await deploy(t + 1000, [["pass", 0], ["error", 1]]);
    expect(await state()).toBe("warn");
    const exempted = await deploy(t + 2000, [["exempted", 0], ["pass", 1]]);
    expect(await state()).toBe("none");
    const erroredBlock = await deploy(t + 3000, [["error", 0]]);
    expect(await state()).toBe("block");
    // Deleting the violation itself, and then the latest execution, counts again.
    await db.policyEvaluation.deleteMany({ where: { taskId: erroredBlock.taskId } });
    expect(await state()).toBe("none");
    await db.deployment.delete({ where: { id: erroredBlock.id } });
    expect(await state()).toBe("none");
    await db.deployment.delete({ where: { id: exempted.id } });
    expect(await state()).toBe("warn");
    // An older execution written later does not take the target, nor does its violation show.
    await deploy(t - 1000, [["block", 0]]);
    expect(await state()).toBe("warn");
    // Evaluations written before their execution (a bulk load's order) count as well.
    await db.serverTask.create({ data: { id: "ServerTasks-outcomes-early", kind: "Deploy", description: "d", spaceId: project.spaceId, projectId: project.id } });
    await db.policyEvaluation.create({
      data: { id: "PolicyEvaluations-outcomes-early", policyId: "Policies-test-0", policyVersionId: "Policies-test-0-v1", taskId: "ServerTasks-outcomes-early",
        spaceId: project.spaceId, projectId: project.id, environmentId: env.id, outcome: "block", scopeValue: "true", durationMs: 1, evaluatedAt: new Date(t + 5000) },
    });
    await db.deployment.create({
      data: { id: "Deployments-outcomes-early", spaceId: project.spaceId, projectId: project.id, releaseId: release.id, environmentId: env.id, taskId: "ServerTasks-outcomes-early", name: "early", createdAt: new Date(t + 5000) },
    });
    expect(await state()).toBe("block");
    await db.deployment.delete({ where: { id: "Deployments-outcomes-early" } });
    expect(await state()).toBe("warn");
    await db.deployment.delete({ where: { id: warned.id } });
    expect(await state()).toBe("block");
    expect((await db.latestExecution.findUniqueOrThrow({ where: { executionId: blocked.id } })).outcomes.split(" ").filter(Boolean).sort()).toEqual(["block:block", "pass:block", "warn:warn"]);
  });
});

describe("evaluation counts per day", () => {
  it("add up to the evaluations themselves", async () => {
    const db = testDb.db;
    const evaluations = await db.policyEvaluation.findMany({ select: { policyId: true, outcome: true, evaluatedAt: true } });
    expect(evaluations.length).toBeGreaterThan(10);
    const expected = new Map<string, number>();
    for (const e of evaluations) {
      const key = `${e.evaluatedAt.toISOString().slice(0, 10)}|${e.policyId}|${e.outcome}`;
      expected.set(key, (expected.get(key) ?? 0) + 1);
    }
    const days = await db.policyEvaluationDay.findMany({ where: { count: { gt: 0 } } });
    expect(new Map(days.map((d) => [`${d.day}|${d.policyId}|${d.outcome}`, d.count]))).toEqual(expected);
  });

  it("give the policy list the evaluations of the last 7 days to the millisecond", async () => {
    const db = testDb.db;
    const policyIds = (await db.policy.findMany({ select: { id: true } })).map((p) => p.id);
    const evaluations = await db.policyEvaluation.findMany({ select: { policyId: true, outcome: true, evaluatedAt: true } });
    // A moment inside the data, so the window's first day is a partial one that holds evaluations
    // (like the list, the window has no upper end: later ones count too).
    const at = new Date(evaluations[Math.floor(evaluations.length / 2)].evaluatedAt.getTime() + 7 * 86_400_000);
    const since = at.getTime() - 7 * 86_400_000;
    const counts = await outcomesOfLastWeek(db, policyIds, at);
    for (const policyId of policyIds) {
      const mine = evaluations.filter((e) => e.policyId === policyId && e.evaluatedAt.getTime() >= since);
      const got = counts.get(policyId);
      expect({ id: policyId, n: (got?.passed ?? 0) + (got?.warned ?? 0) + (got?.blocked ?? 0) + (got?.errored ?? 0) }).toEqual({ id: policyId, n: mine.length });
    }
  });
});
