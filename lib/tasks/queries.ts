import { z } from "zod";
import { TASK_KINDS, TASK_STATES } from "@/lib/db/enums";
import { prisma } from "@/lib/db/client";
import { parseJsonColumn, processSnapshotSchema, stepIdsSchema } from "@/lib/db/json";
import { pageParam, pageWindow, toPage } from "@/lib/paging";
import { ENFORCING_OUTCOMES, enforcedAction, worstViolation } from "@/lib/policies/decision";

const id = z.string().trim().min(1).max(100).optional().catch(undefined);

/** The task list's filters, all in the URL so a filtered list can be shared. */
export const taskListParams = z.object({
  page: pageParam,
  state: z.enum(TASK_STATES).optional().catch(undefined),
  kind: z.enum(TASK_KINDS).optional().catch(undefined),
  project: id,
  environment: id,
});
export type TaskListParams = z.infer<typeof taskListParams>;

/** Server tasks of a space, newest first. */
export async function listTasks(spaceId: string, params: TaskListParams) {
  const where = {
    spaceId,
    ...(params.state ? { state: params.state } : {}),
    ...(params.kind ? { kind: params.kind } : {}),
    ...(params.project ? { projectId: params.project } : {}),
    ...(params.environment ? { environmentId: params.environment } : {}),
  };
  const [items, total] = await Promise.all([
    prisma.serverTask.findMany({
      where,
      orderBy: [{ queuedAt: "desc" }, { id: "desc" }],
      ...pageWindow(params.page),
      select: {
        id: true,
        kind: true,
        description: true,
        state: true,
        queuedAt: true,
        startedAt: true,
        completedAt: true,
        project: { select: { name: true, slug: true } },
        environment: { select: { name: true } },
        tenant: { select: { name: true } },
        policyEvaluations: { where: { outcome: { in: [...ENFORCING_OUTCOMES] } }, select: { outcome: true, policyVersion: { select: { violationAction: true } } } },
      },
    }),
    prisma.serverTask.count({ where }),
  ]);
  const withViolation = items.map(({ policyEvaluations, ...task }) => ({
    ...task,
    violation: worstViolation(policyEvaluations.map((e) => enforcedAction(e.outcome, e.policyVersion.violationAction))),
  }));
  return toPage(withViolation, total, params.page);
}

export type TaskListItem = Awaited<ReturnType<typeof listTasks>>["items"][number];

/** The projects and environments of a space, for the task filters. */
export async function taskFilterOptions(spaceId: string) {
  const [projects, environments] = await Promise.all([
    prisma.project.findMany({ where: { spaceId }, orderBy: { name: "asc" }, select: { id: true, name: true } }),
    prisma.environment.findMany({ where: { spaceId }, orderBy: { sortOrder: "asc" }, select: { id: true, name: true } }),
  ]);
  return { projects, environments };
}

/** One task with its policy evaluations; the page reads the log itself, in batches, while the task runs. */
export function getTask(id: string) {
  return prisma.serverTask.findUnique({
    where: { id },
    include: {
      project: { select: { name: true, slug: true } },
      environment: { select: { name: true } },
      tenant: { select: { name: true } },
      createdBy: { select: { displayName: true } },
      deployment: { select: { id: true, skippedStepIds: true, release: { select: { version: true, processSnapshot: true } } } },
      runbookRun: {
        select: { id: true, skippedStepIds: true, snapshot: { select: { name: true, processSnapshot: true } }, runbook: { select: { name: true } } },
      },
      policyEvaluations: {
        orderBy: { id: "asc" },
        select: { id: true, outcome: true, reason: true, policy: { select: { name: true, slug: true } }, policyVersion: { select: { version: true, violationAction: true } } },
      },
    },
  });
}

export type TaskDetail = NonNullable<Awaited<ReturnType<typeof getTask>>>;

/** The names of the steps the person starting the task excluded, from the process it ran. */
export function excludedStepNames(task: TaskDetail): string[] {
  const execution = task.deployment ?? task.runbookRun;
  if (!execution) return [];
  const skipped = parseJsonColumn(stepIdsSchema, execution.skippedStepIds);
  const process = task.deployment?.release.processSnapshot ?? task.runbookRun?.snapshot.processSnapshot ?? "[]";
  const names = new Map(parseJsonColumn(processSnapshotSchema, process).flatMap((s) => [s, ...s.children]).map((s) => [s.id, s.name]));
  return skipped.map((id) => names.get(id) ?? id);
}
