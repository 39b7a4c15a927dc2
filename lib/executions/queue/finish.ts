import type { DbOrTx } from "@/lib/db/client";
import type { TaskState } from "@/lib/db/enums";
import { AuditEventGroups } from "@/lib/audit/event-groups";
import { recordAuditEvent, type AuditEventInput } from "@/lib/audit/record";
import type { Prisma } from "@/lib/db/generated/client";
import { rawTransaction, type RawDb } from "@/lib/db/sqlite-statements";
import type { TaskLog } from "../task-log";
import { WRITE_TRANSACTION } from "../transaction-options";

export type FinalState = Extract<TaskState, "Success" | "SuccessWithWarnings" | "Failed" | "Canceled">;

/**
 * Ends an executing task and records the end in the audit log, both or neither, so a task that
 * ended has exactly one end record even when instances contend for the audit chain. The `log`'s
 * buffered lines are written in the same transaction (whether or not the task was still
 * executing): one commit per task end instead of two. Returns false when the task was not
 * executing.
 */
export async function finishTask(
  db: DbOrTx,
  taskId: string,
  state: FinalState,
  options: { errorMessage?: string; hasWarnings?: boolean; log?: TaskLog } = {},
): Promise<boolean> {
  // Read before the transaction: what the end record names does not change once the task is
  // queued, and on SQLite the transaction holds the process's only connection (gates wait for it).
  const task = await db.serverTask.findUnique({
    where: { id: taskId },
    include: { createdBy: { select: { id: true, username: true } }, deployment: { select: { id: true } }, runbookRun: { select: { id: true } } },
  });
  if (!task) {
    await options.log?.flush();
    return false;
  }
  const end = async (tx: DbOrTx | RawDb) => {
    await options.log?.flush(tx);
    const completedAt = new Date();
    // Raw, as the lines and the audit record: on SQLite all three go straight to the connection.
    const updated = await tx.$executeRaw`
      UPDATE "ServerTask" SET "state" = ${state}, "completedAt" = ${completedAt}, "errorMessage" = ${options.errorMessage ?? null},
        "hasWarnings" = ${options.hasWarnings ?? false}
      WHERE "id" = ${taskId} AND "state" = 'Executing'`;
    if (updated === 0) return false;
    await recordAuditEvent(tx, endRecord(task, state, completedAt, options.errorMessage));
    return true;
  };
  return "$transaction" in db ? rawTransaction(db, end, WRITE_TRANSACTION) : end(db);
}

type EndedTask = Prisma.ServerTaskGetPayload<{ include: { createdBy: { select: { id: true; username: true } }; deployment: { select: { id: true } }; runbookRun: { select: { id: true } } } }>;

function endRecord(task: EndedTask, state: FinalState, occurredAt: Date, errorMessage: string | undefined): AuditEventInput {
  const deploy = task.kind === "Deploy";
  const succeeded = state === "Success" || state === "SuccessWithWarnings";
  // A canceled execution did not fail: it has its own group, so the failed filter shows only failures.
  const group = state === "Canceled"
    ? AuditEventGroups.taskCanceled
    : deploy
      ? succeeded ? AuditEventGroups.deploymentSucceeded : AuditEventGroups.deploymentFailed
      : succeeded ? AuditEventGroups.runbookRunSucceeded : AuditEventGroups.runbookRunFailed;
  const verb = succeeded ? "succeeded" : state === "Canceled" ? "was canceled" : "failed";
  return {
    eventGroup: group, category: `${task.kind}${state}`, occurredAt,
    message: `${deploy ? "Deployment" : "Runbook run"} ${verb}: ${task.description}`,
    user: task.createdBy, spaceId: task.spaceId, projectId: task.projectId, environmentId: task.environmentId,
    tenantId: task.tenantId, taskId: task.id,
    details: { executionId: task.deployment?.id ?? task.runbookRun?.id ?? null, state, ...(errorMessage ? { error: errorMessage } : {}) },
  };
}
