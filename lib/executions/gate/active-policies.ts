import type { Db } from "@/lib/db/client";
import type { ViolationAction } from "@/lib/db/enums";
import { sqliteStatements } from "@/lib/db/sqlite-statements";

/** A published, activated policy version: what the gate evaluates. */
export interface ActivePolicy {
  versionId: string;
  policyId: string;
  slug: string;
  name: string;
  version: string;
  violationAction: ViolationAction;
  violationReason?: string;
  ocl: string;
}

type Row = Omit<ActivePolicy, "violationReason"> & { violationReason: string | null };

/**
 * The active set at this moment, in slug order so task logs list policies alike every time. Read
 * on every gate run and never kept in memory: another instance on the database may have activated
 * or deactivated a version since (only compiled forms are cached, by version id and text). One
 * raw query: as `findMany` with the policy's slug it costs several times as long in Prisma's client.
 *
 * Read in a transaction of its own. On SQLite the process's one connection is shared, and a query
 * outside a transaction runs inside whichever one is open on it: between an activation's
 * deactivating the old version and activating the new one, it would see the policy with neither
 * and the run would skip it. A transaction waits for the open one to end.
 */
export async function loadActivePolicies(db: Db): Promise<ActivePolicy[]> {
  const statements = sqliteStatements(db);
  const rows = await db.$transaction(async (tx) => (statements ?? tx).$queryRaw<Row[]>`
    SELECT v."id" AS "versionId", v."policyId", p."slug", v."name", v."version", v."violationAction", v."violationReason", v."ocl"
    FROM "PolicyVersion" v JOIN "Policy" p ON p."id" = v."policyId"
    WHERE v."isActive" = ${true}
    ORDER BY p."slug"`);
  return rows.map(({ violationReason, ...r }) => ({
    ...r,
    // Anything but "warn" blocks: an unreadable action must not weaken a policy.
    violationAction: r.violationAction === "warn" ? "warn" : "block",
    ...(violationReason ? { violationReason } : {}),
  }));
}
