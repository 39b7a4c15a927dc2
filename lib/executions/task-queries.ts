/**
 * The one read path for server tasks: the task list (page and API), a task with its policy
 * evaluations and a page of its log (the task page renders it first, then polls the API for the
 * same shape), and the task list's filter options.
 */
import { z } from "zod";
import type { DbOrTx } from "@/lib/db/client";
import { LOG_LEVELS, TASK_KINDS, TASK_STATES, type LogLevel, type ViolationAction } from "@/lib/db/enums";
import { placeholders } from "@/lib/db/sql";
import { parseJsonColumn, processSnapshotSchema, stepIdsSchema } from "@/lib/db/json";
import { cappedCount, COUNT_CAP, decodePosition, encodePosition, PAGE_SIZE } from "@/lib/paging";
import { ensurePlannerStatistics } from "@/lib/paging/statistics";
import { ENFORCING_OUTCOMES, enforcedAction, worstViolation } from "@/lib/policies/decision/violation";
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
  /** Where the page starts, as a previous page handed it out (`older` or `newer`); anything else is the newest page. */
  cursor: z.unknown().transform(decodePosition).optional(),
  direction: z.enum(["older", "newer"]).catch("older").default("older"),
  pageSize: z.coerce.number().int().min(1).max(200).default(PAGE_SIZE),
});
export type TaskListFilters = z.input<typeof taskListFilters>;

const taskSummarySelect = {
  id: true, kind: true, description: true, state: true, queuedAt: true, startedAt: true, completedAt: true,
  errorMessage: true, hasWarnings: true, cancelRequested: true, spaceId: true, projectId: true, environmentId: true, tenantId: true,
  createdBy: { select: { id: true, username: true, displayName: true } },
  project: { select: { name: true, slug: true } },
  environment: { select: { name: true } },
  tenant: { select: { name: true } },
} as const;

type Keyed = { queuedAt: Date; id: string };
const newestFirst = (a: Keyed, b: Keyed) => b.queuedAt.getTime() - a.queuedAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

/**
 * Server tasks, newest first, filtered by where they ran, their state and kind; each with its
 * worst policy violation. Keyset-paged on (queuedAt, id) with `older`/`newer` cursors, and counted
 * up to COUNT_CAP, so a page costs the same on the first and the ten-thousandth page.
 */
export async function listTasks(db: DbOrTx, filters: TaskListFilters = {}) {
  const parsed = taskListFilters.safeParse(filters);
  if (!parsed.success) return fail("invalid_request", "The task filters are invalid", { issues: parsed.error.issues });
  const { pageSize, state, cursor, direction, ...where } = parsed.data;
  const newer = direction === "newer" && cursor !== undefined;
  const order = newer ? "asc" : "desc";
  // The leading range term lets the database seek in a (…, queuedAt) index; the OR only breaks ties.
  const after = cursor
    ? newer
      ? { queuedAt: { gte: cursor.at }, OR: [{ queuedAt: { gt: cursor.at } }, { id: { gt: cursor.id } }] }
      : { queuedAt: { lte: cursor.at }, OR: [{ queuedAt: { lt: cursor.at } }, { id: { lt: cursor.id } }] }
    : {};
  // One ordered, limited read per state, merged here: `state IN (...)` cannot walk a (state,
  // queuedAt) index in time order, so the database would read and sort every matching task.
  const branches = (state ?? [undefined]).map((s) => ({ ...where, ...(s ? { state: s } : {}) }));
  await ensurePlannerStatistics(db);
  const [keys, counts] = await Promise.all([
    Promise.all(branches.map((branch) =>
      db.serverTask.findMany({ where: { ...branch, ...after }, orderBy: [{ queuedAt: order }, { id: order }], take: pageSize + 1, select: { id: true, queuedAt: true } }),
    )),
    Promise.all(branches.map((branch) => countUpToCap(db, branch))),
  ]);
  const merged = keys.flat().sort(newestFirst);
  if (newer) merged.reverse();
  const more = merged.length > pageSize;
  const page = merged.slice(0, pageSize);
  const rows = await db.serverTask.findMany({
    where: { id: { in: page.map((k) => k.id) } },
    select: {
      ...taskSummarySelect,
      deployment: { select: { id: true, releaseId: true } },
      runbookRun: { select: { id: true, runbookId: true, snapshotId: true } },
    },
  });
  // Read by task alone and filtered here: with an outcome term the database may walk the
  // (outcome, evaluatedAt) index over every violation in history instead of these tasks' rows.
  const enforcing = new Set<string>(ENFORCING_OUTCOMES);
  const evaluations = await db.policyEvaluation.findMany({
    where: { taskId: { in: page.map((k) => k.id) } },
    select: { taskId: true, outcome: true, policyVersion: { select: { violationAction: true } } },
  });
  const actions = new Map<string, (ViolationAction | null)[]>();
  for (const e of evaluations) {
    if (!enforcing.has(e.outcome)) continue;
    const list = actions.get(e.taskId) ?? [];
    list.push(enforcedAction(e.outcome, e.policyVersion.violationAction));
    actions.set(e.taskId, list);
  }
  const items = rows.sort(newestFirst).map((task) => ({ ...task, violation: worstViolation(actions.get(task.id) ?? []) }));
  const first = items[0];
  const last = items[items.length - 1];
  // Coming from a cursor means there is something on the side we came from.
  const hasOlder = newer ? true : more;
  const hasNewer = newer ? more : cursor !== undefined;
  const { total, capped } = cappedCount(counts.reduce((sum, n) => sum + n, 0));
  return ok({
    items,
    pageSize,
    total,
    /** True when more than `total` tasks match: counting stopped at COUNT_CAP. */
    totalCapped: capped,
    older: hasOlder && last ? encodePosition({ at: last.queuedAt, id: last.id }) : undefined,
    newer: hasNewer && first ? encodePosition({ at: first.queuedAt, id: first.id }) : undefined,
  });
}

const FILTER_COLUMNS = ["spaceId", "projectId", "environmentId", "tenantId", "kind", "state"] as const;

/**
 * Raw because Prisma's `count({ take })` orders its subquery by id, which makes the database sort
 * every matching row before it may stop at the cap.
 */
async function countUpToCap(db: DbOrTx, where: Partial<Record<(typeof FILTER_COLUMNS)[number], string>>): Promise<number> {
  const columns = FILTER_COLUMNS.filter((c) => where[c] !== undefined);
  const condition = columns.length ? ` WHERE ${columns.map((c) => `"${c}" = ?`).join(" AND ")}` : "";
  const [row] = await db.$queryRawUnsafe<{ n: number | bigint }[]>(
    placeholders(db, `SELECT COUNT(*) AS "n" FROM (SELECT 1 FROM "ServerTask"${condition} LIMIT ?) AS "capped"`),
    ...columns.map((c) => where[c]),
    COUNT_CAP + 1,
  );
  return Number(row.n);
}

export type TaskListItem = Extract<Awaited<ReturnType<typeof listTasks>>, { ok: true }>["value"]["items"][number];

/** The projects and environments of a space, for the task filters. */
export async function taskFilterOptions(db: DbOrTx, spaceId: string) {
  const [projects, environments] = await Promise.all([
    db.project.findMany({ where: { spaceId }, orderBy: { name: "asc" }, select: { id: true, name: true } }),
    db.environment.findMany({ where: { spaceId }, orderBy: { sortOrder: "asc" }, select: { id: true, name: true } }),
  ]);
  return { projects, environments };
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

/**
 * A task with what its page shows (where it ran, what it ran, the steps excluded, its policy
 * evaluations) and one page of its log. `nextAfterSeq` is set while more lines follow.
 */
export async function getTaskWithLog(db: DbOrTx, taskId: string, query: TaskLogQuery = {}) {
  const parsed = taskLogQuery.safeParse(query);
  if (!parsed.success) return fail("invalid_request", "The log query is invalid", { issues: parsed.error.issues });
  const { level, afterSeq, limit } = parsed.data;
  const row = await db.serverTask.findUnique({
    where: { id: taskId },
    select: {
      ...taskSummarySelect,
      deployment: { select: { id: true, releaseId: true, skippedStepIds: true, release: { select: { version: true, processSnapshot: true } } } },
      runbookRun: {
        select: {
          id: true, runbookId: true, snapshotId: true, skippedStepIds: true,
          runbook: { select: { name: true } }, snapshot: { select: { name: true, processSnapshot: true } },
        },
      },
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
  if (!row) return fail("task_not_found", `There is no task ${taskId}`, { taskId });
  const { deployment, runbookRun, ...rest } = row;
  const task = {
    ...rest,
    deployment: deployment ? { id: deployment.id, releaseId: deployment.releaseId, releaseVersion: deployment.release.version } : null,
    runbookRun: runbookRun
      ? { id: runbookRun.id, runbookId: runbookRun.runbookId, snapshotId: runbookRun.snapshotId, runbookName: runbookRun.runbook.name, snapshotName: runbookRun.snapshot.name }
      : null,
    excludedSteps: excludedStepNames(deployment ?? runbookRun, deployment?.release.processSnapshot ?? runbookRun?.snapshot.processSnapshot),
  };
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

export type TaskWithLog = Extract<Awaited<ReturnType<typeof getTaskWithLog>>, { ok: true }>["value"];

/** What a value becomes through JSON: the shape the browser reads from the API. */
export type Jsonified<T> = T extends Date ? string : T extends readonly (infer U)[] ? Jsonified<U>[] : T extends object ? { [K in keyof T]: Jsonified<T[K]> } : T;

/** The names of the steps the person starting the task excluded, from the process it ran. */
function excludedStepNames(execution: { skippedStepIds: string } | null, processSnapshot: string | undefined): string[] {
  if (!execution) return [];
  const names = new Map(parseJsonColumn(processSnapshotSchema, processSnapshot ?? "[]").flatMap((s) => [s, ...s.children]).map((s) => [s.id, s.name]));
  return parseJsonColumn(stepIdsSchema, execution.skippedStepIds).map((id) => names.get(id) ?? id);
}
