import type { DbOrTx } from "@/lib/db/client";
import type { TaskKind } from "@/lib/db/enums";
import { parseJsonColumn, processSnapshotSchema, stepIdsSchema, tagsSchema, type ProcessSnapshot } from "@/lib/db/json";
import { requiresApproval } from "./input/approval";
import { loadFeeds, type FeedInfo } from "./input/feeds";

interface Named {
  id: string;
  name: string;
  slug: string;
}
interface Tagged extends Named {
  tags: string[];
}

/** A chosen package version of one step's package reference. */
export interface ExecutionPackage {
  stepId: string;
  name: string;
  packageId: string;
  version: string;
  gitRef?: string;
}

/** Everything the gate and the simulated steps need to know about one execution, read once. */
export interface ExecutionContext {
  taskId: string;
  kind: TaskKind;
  /** The deployment or runbook run id. */
  executionId: string;
  /** e.g. "Deploy ACME Web release 1.2.0 to Production". */
  name: string;
  space: Named;
  projectGroup: Named;
  project: Tagged & { template?: { slug: string; version: string } };
  environment: Tagged;
  tenant?: Tagged;
  steps: ProcessSnapshot;
  /** The feeds of the steps' packages, by feed id. */
  feeds: Map<string, FeedInfo>;
  requiresApproval: boolean;
  skippedStepIds: string[];
  release?: { id: string; version: string; gitRef?: string; packages: ExecutionPackage[] };
  runbook?: { id: string; name: string; snapshotId: string; snapshotName: string; gitRef?: string };
  startedBy: { id: string; username: string; displayName: string } | null;
}

const named = { select: { id: true, name: true, slug: true } } as const;
const tagged = { select: { id: true, name: true, slug: true, tags: true } } as const;
const common = {
  space: named,
  project: {
    select: {
      id: true, name: true, slug: true, tags: true, projectGroup: named,
      requiresChangeApproval: true, projectTemplateVersion: true, projectTemplate: { select: { slug: true } },
    },
  },
  environment: { select: { id: true, name: true, slug: true, tags: true, isChangeControlled: true } },
  tenant: tagged,
  createdBy: { select: { id: true, username: true, displayName: true } },
} as const;

const withTags = (row: { id: string; name: string; slug: string; tags: string }): Tagged => ({
  id: row.id,
  name: row.name,
  slug: row.slug,
  tags: parseJsonColumn(tagsSchema, row.tags),
});

const optional = (value: string | null | undefined) => (value ? value : undefined);

const TASK_SELECT = {
  kind: true,
  deployment: {
    include: {
      ...common,
      release: { include: { packages: { orderBy: { id: "asc" } } } },
    },
  },
  runbookRun: { include: { ...common, runbook: true, snapshot: true } },
} as const;

type TaskRow = NonNullable<Awaited<ReturnType<typeof findTask>>>;
const findTask = (db: DbOrTx, taskId: string) => db.serverTask.findUnique({ where: { id: taskId }, select: TASK_SELECT });

/** Reads the execution that owns a task, or null when the task owns none. */
export async function loadExecution(db: DbOrTx, taskId: string): Promise<ExecutionContext | null> {
  const task = await findTask(db, taskId);
  return task ? toContext(db, taskId, task) : null;
}

/**
 * Many executions with one query for their tasks (evaluating a policy over past executions), in
 * the order asked: null for a task that owns none, the error for one whose input cannot be read.
 */
export async function loadExecutions(db: DbOrTx, taskIds: readonly string[]): Promise<(ExecutionContext | Error | null)[]> {
  const tasks = await db.serverTask.findMany({ where: { id: { in: [...taskIds] } }, select: { id: true, ...TASK_SELECT } });
  const byId = new Map(tasks.map((t) => [t.id, t]));
  return Promise.all(
    taskIds.map(async (id) => {
      const task = byId.get(id);
      return task ? toContext(db, id, task).catch((e: unknown) => (e instanceof Error ? e : new Error(String(e)))) : null;
    }),
  );
}

async function toContext(db: DbOrTx, taskId: string, task: TaskRow): Promise<ExecutionContext | null> {
  const execution = task.deployment ?? task.runbookRun;
  if (!execution) return null;

  const { projectTemplate, projectTemplateVersion } = execution.project;
  const base = {
    taskId,
    kind: task.kind as TaskKind,
    executionId: execution.id,
    name: execution.name,
    space: execution.space,
    projectGroup: execution.project.projectGroup,
    project: {
      ...withTags(execution.project),
      ...(projectTemplate && projectTemplateVersion ? { template: { slug: projectTemplate.slug, version: projectTemplateVersion } } : {}),
    },
    environment: withTags(execution.environment),
    requiresApproval: requiresApproval(execution.project, execution.environment),
    ...(execution.tenant ? { tenant: withTags(execution.tenant) } : {}),
    skippedStepIds: parseJsonColumn(stepIdsSchema, execution.skippedStepIds),
    startedBy: execution.createdBy,
  };

  if (task.deployment) {
    const { release } = task.deployment;
    const packages = await withBuildGitRefs(db, release.packages);
    const steps = parseJsonColumn(processSnapshotSchema, release.processSnapshot);
    return {
      ...base,
      steps,
      feeds: await loadFeeds(db, execution.space.id, steps),
      release: { id: release.id, version: release.version, gitRef: optional(release.gitRef), packages },
    };
  }
  const run = task.runbookRun!;
  const steps = parseJsonColumn(processSnapshotSchema, run.snapshot.processSnapshot);
  return {
    ...base,
    steps,
    // Runbook runs send no packages to policies, so their feeds are never looked up.
    feeds: new Map(),
    runbook: {
      id: run.runbook.id,
      name: run.runbook.name,
      snapshotId: run.snapshot.id,
      snapshotName: run.snapshot.name,
      gitRef: optional(run.snapshot.gitRef),
    },
  };
}

/** A release copies git refs when it is created; build information pushed later still fills the gaps. */
async function withBuildGitRefs(
  db: DbOrTx,
  rows: { stepId: string; name: string; packageId: string; version: string; gitRef: string | null }[],
): Promise<ExecutionPackage[]> {
  const missing = rows.filter((r) => !r.gitRef);
  const builds = missing.length
    ? await db.buildInformation.findMany({
        where: { OR: missing.map((r) => ({ packageId: r.packageId, version: r.version })) },
        select: { packageId: true, version: true, gitRef: true },
      })
    : [];
  const buildRef = (r: { packageId: string; version: string }) => builds.find((b) => b.packageId === r.packageId && b.version === r.version)?.gitRef;
  return rows.map((r) => {
    const gitRef = optional(r.gitRef ?? buildRef(r));
    return { stepId: r.stepId, name: r.name, packageId: r.packageId, version: r.version, ...(gitRef ? { gitRef } : {}) };
  });
}
