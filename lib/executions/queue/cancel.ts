import type { Db } from "@/lib/db/client";
import type { TaskState } from "@/lib/db/enums";
import { fail, ok, type Result } from "../errors";
import { TaskLog } from "../task-log";
import type { Actor } from "@/lib/identity/acting-user";
import { finishTask } from "./finish";
import { defaultClaimer, leaseUntil } from "./lease";

export interface CancelResult {
  taskId: string;
  /** Canceled for a queued task; Executing (until the runner stops between steps) for a running one. */
  state: TaskState;
  cancelRequested: boolean;
}

/**
 * Cancels a queued task at once. A running task is asked to stop: the runner checks between steps,
 * so it ends as Canceled when the current step is done.
 */
export async function cancelTask(db: Db, taskId: string, actor: Actor): Promise<Result<CancelResult>> {
  const task = await db.serverTask.findUnique({ where: { id: taskId }, select: { state: true } });
  if (!task) return fail("task_not_found", `There is no task ${taskId}`, { taskId });
  if (task.state !== "Queued" && task.state !== "Executing") {
    return fail("task_finished", `Task ${taskId} has already finished (${task.state})`, { taskId, state: task.state });
  }
  const message = `Canceled by ${actor.displayName}`;

  // Queued -> Executing first, so a cancel racing the worker's claim still ends in one place.
  // The cancel claims it like a worker would, so no other instance takes it for a stopped one's.
  const claimer = defaultClaimer();
  const dequeued = await db.serverTask.updateMany({
    where: { id: taskId, state: "Queued" },
    data: { state: "Executing", cancelRequested: true, claimedBy: claimer.instanceId, leaseExpiresAt: leaseUntil(claimer) },
  });
  if (dequeued.count === 1) {
    const log = await TaskLog.open(db, taskId);
    log.info(message);
    await finishTask(db, taskId, "Canceled", { errorMessage: message, log });
    return ok({ taskId, state: "Canceled", cancelRequested: true });
  }
  const requested = await db.serverTask.updateMany({ where: { id: taskId, state: "Executing" }, data: { cancelRequested: true } });
  if (requested.count === 1) return ok({ taskId, state: "Executing", cancelRequested: true });
  const now = await db.serverTask.findUniqueOrThrow({ where: { id: taskId }, select: { state: true } });
  return fail("task_finished", `Task ${taskId} has already finished (${now.state})`, { taskId, state: now.state });
}
