import type { AuditEventGroup } from "@/lib/audit/event-groups";
import { recordAuditEvent } from "@/lib/audit/record";
import type { Db, DbOrTx } from "@/lib/db/client";
import type { TaskKind } from "@/lib/db/enums";
import { allocateId } from "@/lib/db/ids";
import type { Actor } from "@/lib/identity/acting-user";
import { createQueuedTask } from "./queue/enqueue";
import { signalQueueChanged } from "./queue/signal";
import type { ExecutionTarget } from "./target";
import { WRITE_TRANSACTION } from "./transaction-options";

export interface QueuedExecution {
  id: string;
  taskId: string;
  name: string;
}

/** What differs between a deployment and a runbook run once both are checked. */
export interface ExecutionRecord {
  kind: TaskKind;
  idPrefix: "Deployments" | "RunbookRuns";
  name: string;
  /** Writes the deployment or run row that owns the task. */
  create(tx: DbOrTx, id: string, taskId: string): Promise<unknown>;
  audit: { eventGroup: AuditEventGroup; category: string; details: Record<string, unknown> };
}

/** Writes the task, its execution and the "queued" audit record in one transaction, then wakes the worker. */
export async function queueExecution(db: Db, target: ExecutionTarget, actor: Actor, record: ExecutionRecord): Promise<QueuedExecution> {
  const { project, environment, tenant } = target;
  const queued = await db.$transaction(async (tx) => {
    const taskId = await createQueuedTask(tx, record.kind, record.name, target, actor);
    const id = await allocateId(tx, record.idPrefix);
    await record.create(tx, id, taskId);
    await recordAuditEvent(tx, {
      ...record.audit, message: `${record.name} was queued`, user: actor, spaceId: project.spaceId, projectId: project.id,
      environmentId: environment.id, tenantId: tenant?.id, taskId, details: { executionId: id, ...record.audit.details },
    });
    return { id, taskId, name: record.name };
  }, WRITE_TRANSACTION);
  signalQueueChanged();
  return queued;
}
