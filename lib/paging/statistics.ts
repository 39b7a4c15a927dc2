import type { DbOrTx } from "@/lib/db/client";
import { isPostgres } from "@/lib/db/dialect";

const analyzed = new WeakSet<object>();

/**
 * With several filters SQLite can walk only one index; which one is cheapest depends on the data
 * (a tenant has fewer audit records than an outcome, a project fewer tasks than an environment),
 * and without statistics it takes the first that fits. `PRAGMA optimize` refreshes the statistics
 * when they are missing or stale, sampling a bounded number of rows; once per client.
 */
export async function ensurePlannerStatistics(db: DbOrTx): Promise<void> {
  // PostgreSQL's autovacuum keeps its statistics.
  if (analyzed.has(db) || isPostgres(db)) return;
  analyzed.add(db);
  await db.$queryRawUnsafe("PRAGMA analysis_limit = 20000");
  await db.$queryRawUnsafe("PRAGMA optimize = 0x10002");
}
