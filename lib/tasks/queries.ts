import { z } from "zod";
import { TASK_STATES } from "../db/enums";
import { prisma } from "../db/client";
import { pageParam, pageWindow, toPage } from "../paging";

export const taskListParams = z.object({
  page: pageParam,
  state: z.enum(TASK_STATES).optional().catch(undefined),
});
export type TaskListParams = z.infer<typeof taskListParams>;

/** Server tasks of a space, newest first. */
export async function listTasks(spaceId: string, params: TaskListParams) {
  const where = { spaceId, ...(params.state ? { state: params.state } : {}) };
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
      },
    }),
    prisma.serverTask.count({ where }),
  ]);
  return toPage(items, total, params.page);
}

export type TaskListItem = Awaited<ReturnType<typeof listTasks>>["items"][number];

/** One task with its whole log in order. */
export function getTask(id: string) {
  return prisma.serverTask.findUnique({
    where: { id },
    include: {
      project: { select: { name: true, slug: true } },
      environment: { select: { name: true } },
      tenant: { select: { name: true } },
      createdBy: { select: { displayName: true } },
      deployment: { select: { id: true, skippedStepIds: true, release: { select: { version: true } } } },
      runbookRun: { select: { id: true, skippedStepIds: true, snapshot: { select: { name: true } }, runbook: { select: { name: true } } } },
      logEntries: { orderBy: { seq: "asc" } },
    },
  });
}

export type TaskDetail = NonNullable<Awaited<ReturnType<typeof getTask>>>;
