import type { DbOrTx } from "@/lib/db/client";
import { isPostgres } from "@/lib/db/dialect";
import { defaultClaimer, leaseUntil, type Claimer } from "./lease";

/**
 * Takes the oldest queued task for `claimer` and marks it Executing with its id and lease, or
 * returns null when none is queued. Only one claimer can win a task: on PostgreSQL the row is
 * locked and rows another instance holds are skipped; on SQLite the update only succeeds while the
 * task is still Queued, so two instances (or a cancel) racing for the same task cannot both win.
 */
export async function claimNextTask(db: DbOrTx, claimer: Claimer = defaultClaimer()): Promise<string | null> {
  const now = new Date();
  const lease = leaseUntil(claimer, now.getTime());
  // Ids of one prefix sort by number once shorter ids come first ("ServerTasks-9" before "-10").
  if (isPostgres(db)) {
    const rows = await db.$queryRaw<{ id: string }[]>`
      UPDATE "ServerTask" SET "state" = 'Executing', "startedAt" = ${now}, "claimedBy" = ${claimer.instanceId}, "leaseExpiresAt" = ${lease}
      WHERE "id" = (
        SELECT "id" FROM "ServerTask" WHERE "state" = 'Queued'
        ORDER BY "queuedAt", length("id"), "id" LIMIT 1 FOR UPDATE SKIP LOCKED)
      RETURNING "id"`;
    return rows[0]?.id ?? null;
  }
  for (;;) {
    const rows = await db.$queryRaw<{ id: string }[]>`
      SELECT "id" FROM "ServerTask" WHERE "state" = 'Queued'
      ORDER BY "queuedAt", length("id"), "id" LIMIT 1`;
    if (rows.length === 0) return null;
    const { id } = rows[0];
    const claimed = await db.serverTask.updateMany({
      where: { id, state: "Queued" },
      data: { state: "Executing", startedAt: now, claimedBy: claimer.instanceId, leaseExpiresAt: lease },
    });
    if (claimed.count === 1) return id;
  }
}
