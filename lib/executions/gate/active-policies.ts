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

/**
 * The active set at this moment, in slug order so task logs list policies alike every time. Read
 * on every gate run and never kept in memory: another instance on the database may have activated
 * or deactivated a version since (only compiled forms are cached, by version id and text).
 */
export async function loadActivePolicies(db: DbOrTx): Promise<ActivePolicy[]> {
  const rows = await db.policyVersion.findMany({
    where: { isActive: true },
    select: {
      id: true, policyId: true, name: true, version: true, violationAction: true, violationReason: true, ocl: true,
      policy: { select: { slug: true } },
    },
    orderBy: { policy: { slug: "asc" } },
  });
  return rows.map((r) => ({
    versionId: r.id,
    policyId: r.policyId,
    slug: r.policy.slug,
    name: r.name,
    version: r.version,
    // Anything but "warn" blocks: an unreadable action must not weaken a policy.
    violationAction: r.violationAction === "warn" ? "warn" : "block",
    ...(r.violationReason ? { violationReason: r.violationReason } : {}),
    ocl: r.ocl,
  }));
}
