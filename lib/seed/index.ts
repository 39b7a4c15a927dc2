import type { Db } from "@/lib/db/client";
import { reserveThrough } from "@/lib/db/ids";
import { appendAuditRows } from "@/lib/audit/chain";
import type { DbOrTx } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { buildSeedData } from "./build";
import { seedDemoAccess } from "./demo-access";

export interface SeedSummary {
  inserted: number;
}

/** Rows present for the given ids. */
type FindIds = (ids: string[]) => Promise<{ id: string }[]>;

/**
 * Writes the demo instance. Rows are written only where their id is missing, and child rows only
 * under parents written in the same run, so running it again changes nothing.
 */
export async function seedDemoData(db: Db, now: Date = new Date()): Promise<SeedSummary> {
  const data = buildSeedData(now);
  let inserted = 0;

  async function insertMissing<R extends { id: string }>(
    rows: R[],
    findIds: FindIds,
    create: (rows: R[]) => Promise<{ count: number }>,
  ): Promise<Set<string>> {
    const existing = new Set((await findIds(rows.map((r) => r.id))).map((r) => r.id));
    const missing = rows.filter((r) => !existing.has(r.id));
    if (missing.length > 0) inserted += (await create(missing)).count;
    return new Set(missing.map((r) => r.id));
  }

  async function insertUnder<R>(rows: R[], parents: Set<string>, parentOf: (row: R) => string, create: (rows: R[]) => Promise<{ count: number }>) {
    const children = rows.filter((r) => parents.has(parentOf(r)));
    if (children.length > 0) inserted += (await create(children)).count;
  }

  const withIds = (ids: string[]) => ({ where: { id: { in: ids } }, select: { id: true } as const });

  await db.$transaction(
    async (tx) => {
      await insertMissing(data.users, (ids) => tx.user.findMany(withIds(ids)), (rows) => tx.user.createMany({ data: rows }));
      await insertMissing(data.spaces, (ids) => tx.space.findMany(withIds(ids)), (rows) => tx.space.createMany({ data: rows }));
      await insertMissing(data.feeds, (ids) => tx.feed.findMany(withIds(ids)), (rows) => tx.feed.createMany({ data: rows }));
      await insertMissing(data.projectTemplates, (ids) => tx.projectTemplate.findMany(withIds(ids)), (rows) => tx.projectTemplate.createMany({ data: rows }));
      await insertMissing(data.projectGroups, (ids) => tx.projectGroup.findMany(withIds(ids)), (rows) => tx.projectGroup.createMany({ data: rows }));
      await insertMissing(data.environments, (ids) => tx.environment.findMany(withIds(ids)), (rows) => tx.environment.createMany({ data: rows }));
      await insertMissing(data.tenants, (ids) => tx.tenant.findMany(withIds(ids)), (rows) => tx.tenant.createMany({ data: rows }));
      const projects = await insertMissing(data.projects, (ids) => tx.project.findMany(withIds(ids)), (rows) => tx.project.createMany({ data: rows }));
      await insertUnder(data.tenantProjects, projects, (r) => r.projectId, (rows) => tx.tenantProject.createMany({ data: rows }));
      await insertUnder(data.tenantProjectEnvironments, projects, (r) => r.projectId, (rows) => tx.tenantProjectEnvironment.createMany({ data: rows }));

      const stepTemplates = await insertMissing(data.stepTemplates, (ids) => tx.stepTemplate.findMany(withIds(ids)), (rows) => tx.stepTemplate.createMany({ data: rows }));
      await insertUnder(data.stepTemplateVersions, stepTemplates, (r) => r.stepTemplateId, (rows) => tx.stepTemplateVersion.createMany({ data: rows }));
      const processTemplates = await insertMissing(data.processTemplates, (ids) => tx.processTemplate.findMany(withIds(ids)), (rows) => tx.processTemplate.createMany({ data: rows }));
      await insertUnder(data.processTemplateVersions, processTemplates, (r) => r.processTemplateId, (rows) => tx.processTemplateVersion.createMany({ data: rows }));

      const runbooks = await insertMissing(data.runbooks, (ids) => tx.runbook.findMany(withIds(ids)), (rows) => tx.runbook.createMany({ data: rows }));
      const processes = await insertMissing(data.processes, (ids) => tx.process.findMany(withIds(ids)), (rows) => tx.process.createMany({ data: rows }));
      // Steps only under processes written now: an instance seeded before step ids became GUIDs
      // keeps its own steps rather than gaining a second copy of each.
      await insertUnder(data.steps, processes, (r) => r.processId, (rows) => tx.step.createMany({ data: rows }));
      const steps = new Set(data.steps.filter((s) => processes.has(s.processId)).map((s) => s.id));
      await insertUnder(data.stepPackages, steps, (r) => r.stepId, (rows) => tx.stepPackage.createMany({ data: rows }));
      await insertMissing(data.runbookSnapshots, (ids) => tx.runbookSnapshot.findMany(withIds(ids)), (rows) => tx.runbookSnapshot.createMany({ data: rows }));
      for (const { runbookId, snapshotId } of data.publishedSnapshots.filter((p) => runbooks.has(p.runbookId))) {
        await tx.runbook.update({ where: { id: runbookId }, data: { publishedSnapshotId: snapshotId } });
      }

      await insertMissing(data.buildInformation, (ids) => tx.buildInformation.findMany(withIds(ids)), (rows) => tx.buildInformation.createMany({ data: rows }));
      const releases = await insertMissing(data.releases, (ids) => tx.release.findMany(withIds(ids)), (rows) => tx.release.createMany({ data: rows }));
      await insertUnder(data.releasePackages, releases, (r) => r.releaseId, (rows) => tx.releasePackage.createMany({ data: rows }));
      const tasks = await insertMissing(data.serverTasks, (ids) => tx.serverTask.findMany(withIds(ids)), (rows) => tx.serverTask.createMany({ data: rows }));
      await insertUnder(data.taskLogEntries, tasks, (r) => r.taskId, (rows) => tx.taskLogEntry.createMany({ data: rows }));
      await insertMissing(data.deployments, (ids) => tx.deployment.findMany(withIds(ids)), (rows) => tx.deployment.createMany({ data: rows }));
      await insertMissing(data.runbookRuns, (ids) => tx.runbookRun.findMany(withIds(ids)), (rows) => tx.runbookRun.createMany({ data: rows }));
      await insertMissing(data.auditEvents, (ids) => tx.auditEvent.findMany(withIds(ids)), (rows) => appendSeedEvents(tx, rows));

      for (const [prefix, highest] of data.highestIds) await reserveThrough(tx, prefix, highest);
    },
    { timeout: 120_000 },
  );
  await seedDemoAccess(db);
  return { inserted };
}

/** Seeded history joins the audit hash chain like any other record. */
async function appendSeedEvents(tx: DbOrTx, rows: Prisma.AuditEventCreateManyInput[]): Promise<{ count: number }> {
  await appendAuditRows(tx, rows.map((r) => ({ ...r, occurredAt: new Date(r.occurredAt ?? Date.now()) })));
  return { count: rows.length };
}
