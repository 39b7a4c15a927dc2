import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/db/test-database";
import { complianceOverview, periodDays } from "./overview";

let testDb: TestDatabase;
const NOW = new Date("2026-11-28T12:00:00Z");

beforeAll(async () => {
  testDb = createTestDatabase();
  const db = testDb.db;
  await db.space.create({ data: { id: "Spaces-1", name: "Default", slug: "default" } });
  await db.projectGroup.create({ data: { id: "ProjectGroups-1", spaceId: "Spaces-1", name: "G", slug: "g" } });
  await db.project.create({ data: { id: "Projects-1", spaceId: "Spaces-1", projectGroupId: "ProjectGroups-1", name: "ACME", slug: "acme" } });
  await db.environment.create({ data: { id: "Environments-1", spaceId: "Spaces-1", name: "Dev", slug: "dev", sortOrder: 1 } });
  await db.serverTask.create({ data: { id: "ServerTasks-1", kind: "Deploy", description: "d" } });
  for (const [id, name] of [["Policies-1", "Manual intervention"], ["Policies-2", "No skipped steps"], ["Policies-3", "Change window"]]) {
    await db.policy.create({ data: { id, slug: id.toLowerCase().replace("-", "_"), name } });
    await db.policyVersion.create({ data: { id: `${id}-v1`, policyId: id, version: "1.0.0", major: 1, minor: 0, patch: 0, name, ocl: "", commitId: "c" } });
  }
  const evaluation = (n: number, policy: string, outcome: string, evaluatedAt: string) => ({
    id: `PolicyEvaluations-${n}`, policyId: policy, policyVersionId: `${policy}-v1`, taskId: "ServerTasks-1", spaceId: "Spaces-1",
    projectId: "Projects-1", environmentId: "Environments-1", outcome, scopeValue: "true", durationMs: 1, evaluatedAt: new Date(evaluatedAt),
  });
  await db.policyEvaluation.createMany({
    data: [
      evaluation(1, "Policies-1", "block", "2026-11-28T01:00:00Z"),
      evaluation(2, "Policies-1", "warn", "2026-11-28T23:59:59Z"),
      evaluation(3, "Policies-2", "pass", "2026-11-27T10:00:00Z"),
      evaluation(4, "Policies-2", "warn", "2026-11-22T10:00:00Z"),
      evaluation(7, "Policies-1", "exempted", "2026-11-28T09:00:00Z"),
      evaluation(8, "Policies-3", "exempted", "2026-11-26T09:00:00Z"),
      evaluation(9, "Policies-3", "exempted", "2026-11-25T09:00:00Z"),
      // Outside a 7-day period.
      evaluation(5, "Policies-2", "block", "2026-11-21T23:59:59Z"),
      evaluation(6, "Policies-1", "error", "2026-11-10T08:00:00Z"),
    ],
  });
});
afterAll(() => testDb.dispose());

describe("compliance overview", () => {
  it("lists every day of the period, ending today", () => {
    const days = periodDays("7d", NOW);
    expect(days).toHaveLength(7);
    expect(days[0]).toBe("2026-11-22");
    expect(days[6]).toBe("2026-11-28");
  });

  it("counts evaluations per UTC day by outcome, inside the period only", async () => {
    const overview = await complianceOverview(testDb.db, "7d", NOW);
    expect(overview.days.find((d) => d.day === "2026-11-28")).toEqual({ day: "2026-11-28", pass: 0, warn: 1, block: 1, error: 0, exempted: 1 });
    expect(overview.days.find((d) => d.day === "2026-11-22")).toMatchObject({ warn: 1 });
    expect(overview.totals).toEqual({ pass: 1, warn: 2, block: 1, error: 0, exempted: 3 });
  });

  it("ranks policies by violations, exempted ones included", async () => {
    const overview = await complianceOverview(testDb.db, "30d", NOW);
    expect(overview.topPolicies.map((p) => [p.name, p.warned, p.blocked, p.exempted])).toEqual([
      ["Manual intervention", 1, 1, 1],
      ["No skipped steps", 1, 1, 0],
      // As many violations as the one above, all exempted; fewer evaluations rank it after.
      ["Change window", 0, 0, 2],
    ]);
    expect(overview.topPolicies.map((p) => [p.errored, p.evaluated])).toEqual([[1, 4], [0, 3], [0, 2]]);
  });
});
