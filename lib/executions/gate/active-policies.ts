import type { DbOrTx } from "@/lib/db/client";
import type { ViolationAction } from "@/lib/db/enums";

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
 */
export async function loadActivePolicies(db: DbOrTx): Promise<ActivePolicy[]> {
  const rows = await db.$queryRaw<Row[]>`
    SELECT v."id" AS "versionId", v."policyId", p."slug", v."name", v."version", v."violationAction", v."violationReason", v."ocl"
    FROM "PolicyVersion" v JOIN "Policy" p ON p."id" = v."policyId"
    WHERE v."isActive" = ${true}
    ORDER BY p."slug"`;
  return rows.map(({ violationReason, ...r }) => ({
    ...r,
    // Anything but "warn" blocks: an unreadable action must not weaken a policy.
    violationAction: r.violationAction === "warn" ? "warn" : "block",
    ...(violationReason ? { violationReason } : {}),
  }));
}
