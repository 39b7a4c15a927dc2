import type { DbOrTx } from "@/lib/db/client";
import { TaskLog } from "../task-log";
import { finishTask } from "./finish";
import { leaseUntil, type Claimer } from "./lease";

export const SERVER_STOPPED_MESSAGE = "The server stopped while this task was executing, so the task was marked as failed";

/** The log line naming the instance that stopped, so an operator can match it to a host. */
export const stoppedLine = (instanceId: string | null) =>
  `${SERVER_STOPPED_MESSAGE} (instance ${instanceId ?? "unknown"} stopped renewing its lease)`;

/**
 * Fails the tasks whose lease has passed: their instance stopped (a crash, kill -9, a lost host, a
 * drain that ran out of time) while they were executing. A task whose owner is alive keeps a
 * fresh lease and is left alone, so a newly started instance never fails another's work. Each
 * task is first taken over with a conditional update, so of several instances recovering at once
 * only one writes its log line and ends it. Queued tasks are left to run.
 */
export async function recoverExpiredTasks(db: DbOrTx, claimer: Claimer): Promise<string[]> {
  const now = new Date();
  const expired = await db.serverTask.findMany({
    where: { state: "Executing", OR: [{ leaseExpiresAt: { lt: now } }, { leaseExpiresAt: null }] },
    select: { id: true, claimedBy: true, leaseExpiresAt: true },
  });
  const recovered: string[] = [];
  for (const task of expired) {
    const taken = await db.serverTask.updateMany({
      where: { id: task.id, state: "Executing", claimedBy: task.claimedBy, leaseExpiresAt: task.leaseExpiresAt },
      data: { claimedBy: claimer.instanceId, leaseExpiresAt: leaseUntil(claimer) },
    });
    if (taken.count === 0) continue;
    const log = await TaskLog.open(db, task.id);
    log.fatal(stoppedLine(task.claimedBy));
    await finishTask(db, task.id, "Failed", { errorMessage: SERVER_STOPPED_MESSAGE, log });
    recovered.push(task.id);
  }
  return recovered;
}
