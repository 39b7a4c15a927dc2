import { z } from "zod";
import type { DbOrTx } from "@/lib/db/client";
import { LOG_LEVELS, TASK_KINDS, TASK_STATES, type LogLevel } from "@/lib/db/enums";
import { fail, ok } from "./errors";

const csvOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess((v) => (typeof v === "string" ? v.split(",").filter(Boolean) : v), z.array(z.enum(values)).min(1));

export const taskListFilters = z.object({
  spaceId: z.string().min(1).optional(),
  projectId: z.string().min(1).optional(),
  environmentId: z.string().min(1).optional(),
  tenantId: z.string().min(1).optional(),
  /** One or more states, comma separated in a query string. */
  state: csvOf(TASK_STATES).optional(),
  kind: z.enum(TASK_KINDS).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type TaskListFilters = z.input<typeof taskListFilters>;

const taskSummarySelect = {
  id: true, kind: true, description: true, state: true, queuedAt: true, startedAt: true, completedAt: true,
  errorMessage: true, hasWarnings: true, cancelRequested: true, spaceId: true, projectId: true, environmentId: true, tenantId: true,
  createdBy: { select: { id: true, username: true, displayName: true } },
  deployment: { select: { id: true, releaseId: true } },
  runbookRun: { select: { id: true, runbookId: true, snapshotId: true } },
} as const;

/** Server tasks, newest first, filtered by where they ran, their state and kind. */
export async function listTasks(db: DbOrTx, filters: TaskListFilters = {}) {
  const parsed = taskListFilters.safeParse(filters);
  if (!parsed.success) return fail("invalid_request", "The task filters are invalid", { issues: parsed.error.issues });
  const { page, pageSize, state, ...where } = parsed.data;
  const condition = { ...where, ...(state ? { state: { in: state } } : {}) };
  const [items, total] = await Promise.all([
    db.serverTask.findMany({
      where: condition,
      orderBy: [{ queuedAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * pageSize,
      take: pageSize,
      select: taskSummarySelect,
    }),
    db.serverTask.count({ where: condition }),
  ]);
  return ok({ items, page, pageSize, total });
}

export const taskLogQuery = z.object({
  /** The least severe level to include: "Info" hides verbose lines. */
  level: z.enum(LOG_LEVELS).default("Verbose"),
  /** Only lines after this sequence number, for following a running task. */
  afterSeq: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(5000).default(500),
});
export type TaskLogQuery = z.input<typeof taskLogQuery>;

/** Levels at or above the given one. */
export function levelsFrom(level: LogLevel): LogLevel[] {
  return LOG_LEVELS.slice(LOG_LEVELS.indexOf(level));
}

/** A task with its policy evaluations and one page of its log. `nextAfterSeq` is set while more lines follow. */
export async function getTaskWithLog(db: DbOrTx, taskId: string, query: TaskLogQuery = {}) {
  const parsed = taskLogQuery.safeParse(query);
  if (!parsed.success) return fail("invalid_request", "The log query is invalid", { issues: parsed.error.issues });
  const { level, afterSeq, limit } = parsed.data;
  const task = await db.serverTask.findUnique({
    where: { id: taskId },
    select: {
      ...taskSummarySelect,
      policyEvaluations: {
        orderBy: { id: "asc" },
        select: {
          id: true, outcome: true, reason: true, durationMs: true, evaluatedAt: true,
          policy: { select: { id: true, slug: true, name: true } },
          policyVersion: { select: { id: true, version: true, violationAction: true } },
        },
      },
    },
  });
  if (!task) return fail("task_not_found", `There is no task ${taskId}`, { taskId });
  const entries = await db.taskLogEntry.findMany({
    where: { taskId, seq: { gt: afterSeq }, level: { in: levelsFrom(level) } },
    orderBy: { seq: "asc" },
    take: limit + 1,
    select: { seq: true, level: true, section: true, message: true, occurredAt: true },
  });
  const more = entries.length > limit;
  const log = more ? entries.slice(0, limit) : entries;
  return ok({ task, log, nextAfterSeq: more ? log[log.length - 1].seq : null });
}
