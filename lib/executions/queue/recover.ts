import type { DbOrTx } from "@/lib/db/client";
import { TaskLog } from "../task-log";
import { finishTask } from "./finish";

export const SERVER_STOPPED_MESSAGE = "The server stopped while this task was executing, so the task was marked as failed";

/**
 * Run once when the worker starts: a task still Executing was owned by a server that has since
 * stopped, so it is failed with a line saying why. Queued tasks are left to run.
 */
export async function recoverInterruptedTasks(db: DbOrTx): Promise<string[]> {
  const interrupted = await db.serverTask.findMany({ where: { state: "Executing" }, select: { id: true } });
  for (const { id } of interrupted) {
    const log = await TaskLog.open(db, id);
    log.fatal(SERVER_STOPPED_MESSAGE);
    await log.flush();
    await finishTask(db, id, "Failed", { errorMessage: SERVER_STOPPED_MESSAGE });
  }
  return interrupted.map((t) => t.id);
}
