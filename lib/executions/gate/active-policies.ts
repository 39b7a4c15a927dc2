import type { Db } from "@/lib/db/client";
import type { ViolationAction } from "@/lib/db/enums";
import { rawTransaction } from "@/lib/db/sqlite-statements";
import { activeExemptions, type ExemptionTarget } from "@/lib/exemptions/active";
import type { ExemptionRef } from "@/lib/policies/decision";
import { WRITE_TRANSACTION } from "../transaction-options";

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
 * Given where an execution runs, the same read transaction takes the exemptions covering its
 * active policies at `now` (lib/exemptions/active.ts): both from one snapshot, and on SQLite both
 * straight from the connection, which costs less than two queries through Prisma's client. Like
 * every statement, it waits for a transaction open on the process's SQLite connection
 * (lib/db/sqlite-transaction-lock.ts), so it never sees an activation half done; it waits as long
 * as the executions' write transactions do, since a busy process must not fail the run for it.
 */
export async function loadActivePolicies(db: Db, exemptionsFor?: { target: ExemptionTarget; now: Date }): Promise<{ policies: ActivePolicy[]; exemptions: Map<string, ExemptionRef> }> {
  const { rows, exemptions } = await rawTransaction(db, async (tx) => {
    const rows = await tx.$queryRaw<Row[]>`
      SELECT v."id" AS "versionId", v."policyId", p."slug", v."name", v."version", v."violationAction", v."violationReason", v."ocl"
      FROM "PolicyVersion" v JOIN "Policy" p ON p."id" = v."policyId"
      WHERE v."isActive" = ${true}
      ORDER BY p."slug"`;
    const covered = exemptionsFor ? await activeExemptions(tx, exemptionsFor.target, rows.map((r) => r.policyId), exemptionsFor.now) : new Map<string, ExemptionRef>();
    return { rows, exemptions: covered };
  }, WRITE_TRANSACTION);
  const policies = rows.map(({ violationReason, ...r }): ActivePolicy => ({
    ...r,
    // Anything but "warn" blocks: an unreadable action must not weaken a policy.
    violationAction: r.violationAction === "warn" ? "warn" : "block",
    ...(violationReason ? { violationReason } : {}),
  }));
  return { policies, exemptions };
}
