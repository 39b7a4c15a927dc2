import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { allocateId, idNumber } from "@/lib/db/ids";
import { parseJsonColumn, processSnapshotSchema, tagsSchema } from "@/lib/db/json";
import { Prisma } from "@/lib/db/generated/client";
import { createTestDatabase, type TestDatabase } from "@/lib/db/test-database";
import { seedDemoData } from "./index";

const NOW = new Date("2026-06-15T12:00:00Z");

async function countRows(db: Db): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const model of Object.values(Prisma.ModelName)) {
    const delegate = db[(model.charAt(0).toLowerCase() + model.slice(1)) as keyof Db] as unknown as { count(): Promise<number> };
    counts[model] = await delegate.count();
  }
  return counts;
}

let testDb: TestDatabase;
let firstRun: { inserted: number };
let afterFirst: Record<string, number>;

beforeAll(async () => {
  testDb = createTestDatabase();
  firstRun = await seedDemoData(testDb.db, NOW);
  afterFirst = await countRows(testDb.db);
});
afterAll(() => testDb.dispose());

describe("demo seed", () => {
  it("is idempotent: a second run, even later, inserts nothing and changes no counts", async () => {
    expect(firstRun.inserted).toBeGreaterThan(1000);
    const second = await seedDemoData(testDb.db, new Date(NOW.getTime() + 3_600_000));
    expect(second.inserted).toBe(0);
    expect(await countRows(testDb.db)).toEqual(afterFirst);
  });

  it("fills every table an instance needs, with a few hundred executions", () => {
    expect(afterFirst.Space).toBeGreaterThanOrEqual(2);
    expect(afterFirst.Project).toBeGreaterThanOrEqual(5);
    expect(afterFirst.Deployment + afterFirst.RunbookRun).toBeGreaterThanOrEqual(300);
    expect(afterFirst.TaskLogEntry).toBeGreaterThan(afterFirst.ServerTask * 3);
    expect(afterFirst.ServerTask).toBe(afterFirst.Deployment + afterFirst.RunbookRun);
    for (const model of ["RunbookSnapshot", "StepTemplateVersion", "ProcessTemplateVersion", "BuildInformation", "AuditEvent", "TenantProjectEnvironment"]) {
      expect(afterFirst[model], model).toBeGreaterThan(0);
    }
  });

  it("has a Default space and one more", async () => {
    const spaces = await testDb.db.space.findMany();
    expect(spaces.filter((s) => s.isDefault).map((s) => s.name)).toEqual(["Default"]);
    expect(spaces.length).toBe(2);
  });

  it("deploys ACME to all four environments, with and without a manual intervention step over time", async () => {
    const acme = await testDb.db.project.findFirstOrThrow({ where: { slug: "acme" }, include: { releases: true } });
    const environments = await testDb.db.deployment.findMany({ where: { projectId: acme.id }, distinct: ["environmentId"], select: { environment: { select: { name: true } } } });
    expect(environments.map((d) => d.environment.name).sort()).toEqual(["Development", "Production", "Staging", "Test"]);
    const hasManual = acme.releases.map((r) =>
      parseJsonColumn(processSnapshotSchema, r.processSnapshot).some((s) => s.actionType === "Octopus.Manual"),
    );
    expect(hasManual).toContain(true);
    expect(hasManual).toContain(false);
  });

  it("has a tenanted project whose tenants carry tags and are connected to environments", async () => {
    const tenanted = await testDb.db.project.findFirstOrThrow({
      where: { tenantedMode: "Tenanted" },
      include: { tenantConnections: { include: { tenant: true, environments: true } } },
    });
    expect(tenanted.tenantConnections.length).toBeGreaterThanOrEqual(2);
    for (const { tenant, environments } of tenanted.tenantConnections) {
      expect(parseJsonColumn(tagsSchema, tenant.tags).length).toBeGreaterThan(0);
      expect(environments.length).toBeGreaterThan(0);
    }
    expect(await testDb.db.deployment.count({ where: { projectId: tenanted.id, tenantId: null } })).toBe(0);
  });

  it("pins steps to template versions that exist", async () => {
    const steps = await testDb.db.step.findMany({ where: { sourceType: { not: "Step" } } });
    expect(steps.some((s) => s.sourceType === "Step Template")).toBe(true);
    expect(steps.some((s) => s.sourceType === "Process Template")).toBe(true);
    for (const step of steps) {
      const found = step.sourceType === "Step Template"
        ? await testDb.db.stepTemplateVersion.count({ where: { stepTemplateId: step.sourceSlugOrId, version: step.sourceVersion! } })
        : await testDb.db.processTemplateVersion.count({ where: { processTemplate: { slug: step.sourceSlugOrId }, version: step.sourceVersion! } });
      expect(found, `${step.id} ${step.sourceSlugOrId}@${step.sourceVersion}`).toBe(1);
    }
  });

  it("builds releases from main and from feature branches, with git refs from build information", async () => {
    const packages = await testDb.db.releasePackage.findMany();
    const refs = new Set(packages.map((p) => p.gitRef));
    expect(refs.has("refs/heads/main")).toBe(true);
    expect([...refs].some((r) => r?.startsWith("refs/heads/feature/"))).toBe(true);
    const sample = packages[packages.length - 1];
    const build = await testDb.db.buildInformation.findUniqueOrThrow({ where: { packageId_version: { packageId: sample.packageId, version: sample.version } } });
    expect(build.gitRef).toBe(sample.gitRef);
  });

  it("stores valid process snapshots and publishes a snapshot of every runbook", async () => {
    for (const release of await testDb.db.release.findMany()) parseJsonColumn(processSnapshotSchema, release.processSnapshot);
    const runbooks = await testDb.db.runbook.findMany({ include: { publishedSnapshot: true } });
    expect(runbooks.length).toBeGreaterThan(0);
    for (const runbook of runbooks) {
      expect(runbook.publishedSnapshot?.runbookId).toBe(runbook.id);
      parseJsonColumn(processSnapshotSchema, runbook.publishedSnapshot!.processSnapshot);
    }
  });

  it("records no executions in the future and leaves no task unfinished", async () => {
    expect(await testDb.db.serverTask.count({ where: { queuedAt: { gt: NOW } } })).toBe(0);
    expect(await testDb.db.serverTask.count({ where: { completedAt: null } })).toBe(0);
  });

  it("moves id counters past the seeded rows", async () => {
    const id = await allocateId(testDb.db, "ServerTasks");
    expect(await testDb.db.serverTask.count({ where: { id } })).toBe(0);
    expect(idNumber("ServerTasks", id)).toBe(afterFirst.ServerTask + 1);
  });
});
