import type { DbOrTx } from "@/lib/db/client";
import type { TaskState } from "@/lib/db/enums";
import { AuditEventGroups } from "@/lib/audit/event-groups";
import { recordAuditEvent } from "@/lib/audit/record";
import { WRITE_TRANSACTION } from "../transaction-options";

export type FinalState = Extract<TaskState, "Success" | "SuccessWithWarnings" | "Failed" | "Canceled">;

/**
 * Ends an executing task and records the end in the audit log, both or neither, so a task that
 * ended has exactly one end record even when instances contend for the audit chain. Returns false
 * when the task was not executing.
 */
export async function finishTask(
  db: DbOrTx,
  taskId: string,
  state: FinalState,
  options: { errorMessage?: string; hasWarnings?: boolean } = {},
): Promise<boolean> {
  if ("$transaction" in db) return db.$transaction((tx) => finishTask(tx, taskId, state, options), WRITE_TRANSACTION);
  const completedAt = new Date();
  const updated = await db.serverTask.updateMany({
    where: { id: taskId, state: "Executing" },
    data: { state, completedAt, errorMessage: options.errorMessage ?? null, hasWarnings: options.hasWarnings ?? false },
  });
  if (updated.count === 0) return false;
  await auditTaskEnd(db, taskId, state, completedAt);
  return true;
}

async function auditTaskEnd(db: DbOrTx, taskId: string, state: FinalState, occurredAt: Date): Promise<void> {
  const task = await db.serverTask.findUnique({
    where: { id: taskId },
    include: { createdBy: { select: { id: true, username: true } }, deployment: { select: { id: true } }, runbookRun: { select: { id: true } } },
  });
  if (!task) return;
  const deploy = task.kind === "Deploy";
  const succeeded = state === "Success" || state === "SuccessWithWarnings";
  // A canceled execution did not fail: it has its own group, so the failed filter shows only failures.
  const group = state === "Canceled"
    ? AuditEventGroups.taskCanceled
    : deploy
      ? succeeded ? AuditEventGroups.deploymentSucceeded : AuditEventGroups.deploymentFailed
      : succeeded ? AuditEventGroups.runbookRunSucceeded : AuditEventGroups.runbookRunFailed;
  const verb = succeeded ? "succeeded" : state === "Canceled" ? "was canceled" : "failed";
  await recordAuditEvent(db, {
    eventGroup: group, category: `${task.kind}${state}`, occurredAt,
    message: `${deploy ? "Deployment" : "Runbook run"} ${verb}: ${task.description}`,
    user: task.createdBy, spaceId: task.spaceId, projectId: task.projectId, environmentId: task.environmentId,
    tenantId: task.tenantId, taskId,
    details: { executionId: task.deployment?.id ?? task.runbookRun?.id ?? null, state, ...(task.errorMessage ? { error: task.errorMessage } : {}) },
  });
}
