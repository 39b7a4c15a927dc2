import type { DbOrTx } from "@/lib/db/client";
import { defaultClaimer, leaseUntil, type Claimer } from "./lease";

/**
 * Takes the oldest queued task for `claimer` and marks it Executing with its id and lease, or
 * returns null when none is queued. The update only succeeds while the task is still Queued, so
 * two instances (or a cancel) racing for the same task cannot both win.
 */
export async function claimNextTask(db: DbOrTx, claimer: Claimer = defaultClaimer()): Promise<string | null> {
  for (;;) {
    // Ids of one prefix sort by number once shorter ids come first ("ServerTasks-9" before "-10").
    const rows = await db.$queryRaw<{ id: string }[]>`
      SELECT "id" FROM "ServerTask" WHERE "state" = 'Queued'
      ORDER BY "queuedAt", length("id"), "id" LIMIT 1`;
    if (rows.length === 0) return null;
    const { id } = rows[0];
    const now = new Date();
    const claimed = await db.serverTask.updateMany({
      where: { id, state: "Queued" },
      data: { state: "Executing", startedAt: now, claimedBy: claimer.instanceId, leaseExpiresAt: leaseUntil(claimer, now.getTime()) },
    });
    if (claimed.count === 1) return id;
  }
}
