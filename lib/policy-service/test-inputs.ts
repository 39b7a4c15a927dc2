import type { DbOrTx } from "@/lib/db/client";
import { TASK_KINDS, type TaskKind } from "@/lib/db/enums";
import { buildPolicyInput } from "@/lib/executions/input/build-input";
import { loadExecution } from "@/lib/executions/load-execution";
import type { PolicyInput } from "@/lib/policy-input/schema";
import { fail, ok, type Result } from "./errors";

export type TestInputItem = {
  taskId: string;
  kind: TaskKind;
  description: string;
  project: string | null;
  environment: string | null;
  tenant?: string;
  release?: string;
  runbook?: string;
  queuedAt: Date;
  state: string;
};

/**
 * Recent deployments and runbook runs, newest first, to test a policy against. Every word of `q`
 * must match the task id, its description or its project, environment, tenant, release or
 * runbook, so "ACME Development" finds ACME's deployments to Development.
 */
export async function recentExecutions(db: DbOrTx, params: { q?: string; limit: number }): Promise<TestInputItem[]> {
  const words = params.q?.trim().split(/\s+/).filter(Boolean) ?? [];
  const tasks = await db.serverTask.findMany({
    where: {
      kind: { in: [...TASK_KINDS] },
      // LIKE in SQLite: case-insensitive for ASCII, which is what a search box needs.
      AND: words.map((word) => ({
        OR: [
          { id: word },
          { description: { contains: word } },
          { project: { name: { contains: word } } },
          { environment: { name: { contains: word } } },
          { tenant: { name: { contains: word } } },
          { deployment: { release: { version: { contains: word } } } },
          { runbookRun: { runbook: { name: { contains: word } } } },
        ],
      })),
    },
    orderBy: [{ queuedAt: "desc" }, { id: "desc" }],
    take: params.limit,
    select: {
      id: true,
      kind: true,
      description: true,
      queuedAt: true,
      state: true,
      project: { select: { name: true } },
      environment: { select: { name: true } },
      tenant: { select: { name: true } },
      deployment: { select: { release: { select: { version: true } } } },
      runbookRun: { select: { runbook: { select: { name: true } } } },
    },
  });
  return tasks.map((t) => ({
    taskId: t.id,
    kind: t.kind as TaskKind,
    description: t.description,
    project: t.project?.name ?? null,
    environment: t.environment?.name ?? null,
    ...(t.tenant ? { tenant: t.tenant.name } : {}),
    ...(t.deployment ? { release: t.deployment.release.version } : {}),
    ...(t.runbookRun ? { runbook: t.runbookRun.runbook.name } : {}),
    queuedAt: t.queuedAt,
    state: t.state,
  }));
}

/** The input a deployment or runbook run gives policies, rebuilt from the database as the gate builds it. */
export async function inputOfTask(db: DbOrTx, taskId: string): Promise<Result<PolicyInput>> {
  const execution = await loadExecution(db, taskId);
  return execution ? ok(buildPolicyInput(execution)) : fail("task_not_found", `There is no deployment or runbook run with the task ${taskId}`);
}
