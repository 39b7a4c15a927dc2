import type { DbOrTx } from "@/lib/db/client";
import { TASK_KINDS } from "@/lib/db/enums";
import type { EvaluationFilters } from "./schema";

export type SelectedExecution = { taskId: string; queuedAt: Date };

/** The tasks of the last `limit` deployments and runbook runs matching `filters`, newest first. */
export async function selectExecutions(db: DbOrTx, filters: EvaluationFilters, limit: number): Promise<SelectedExecution[]> {
  const tasks = await db.serverTask.findMany({
    where: {
      kind: filters.kind ?? { in: [...TASK_KINDS] },
      ...(filters.spaceId ? { spaceId: filters.spaceId } : {}),
      ...(filters.projectId ? { projectId: filters.projectId } : {}),
      ...(filters.environmentId ? { environmentId: filters.environmentId } : {}),
      ...(filters.tenantId ? { tenantId: filters.tenantId } : {}),
      ...(filters.from || filters.to
        ? { queuedAt: { ...(filters.from ? { gte: new Date(filters.from) } : {}), ...(filters.to ? { lte: new Date(filters.to) } : {}) } }
        : {}),
      OR: [{ deployment: { isNot: null } }, { runbookRun: { isNot: null } }],
    },
    orderBy: [{ queuedAt: "desc" }, { id: "desc" }],
    take: limit,
    select: { id: true, queuedAt: true },
  });
  return tasks.map((t) => ({ taskId: t.id, queuedAt: t.queuedAt }));
}

type Option = { id: string; name: string };
export interface EvaluationFilterOptions {
  spaces: Option[];
  projects: (Option & { spaceId: string })[];
  environments: (Option & { spaceId: string })[];
  tenants: (Option & { spaceId: string })[];
}

/** What the filters can choose from. */
export async function evaluationFilterOptions(db: DbOrTx): Promise<EvaluationFilterOptions> {
  const byName = { orderBy: { name: "asc" }, select: { id: true, name: true, spaceId: true } } as const;
  const [spaces, projects, environments, tenants] = await Promise.all([
    db.space.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } }),
    db.project.findMany(byName),
    db.environment.findMany(byName),
    db.tenant.findMany(byName),
  ]);
  return { spaces, projects, environments, tenants };
}
