/**
 * Which exemptions apply to an execution, and turning its violations into "exempted". The gate
 * asks once per run with its own clock, so an expired exemption stops applying by itself: no job
 * has to end it.
 */
import type { RawDb } from "@/lib/db/sqlite-statements";
import { empty, join, sql } from "@/lib/db/sql";
import { exemptDecision, type Decision, type ExemptionRef } from "@/lib/policies/decision";

/** Where an execution runs: what an exemption's project, environment and tenant are matched with. */
export interface ExemptionTarget {
  projectId: string;
  environmentId: string;
  tenantId: string | null;
}

/**
 * The exemption covering each policy at `now`, by policy id: not revoked, not yet expired, for the
 * project, and for the environment and tenant or for all of them. When several cover one policy,
 * the one that lasts longest names the evaluation.
 */
export async function activeExemptions(db: RawDb, target: ExemptionTarget, policyIds: readonly string[], now: Date): Promise<Map<string, ExemptionRef>> {
  if (policyIds.length === 0) return new Map();
  // One raw query: findMany costs the gate more in Prisma's client than the lookup itself.
  // A date from Prisma's client, ISO text straight from SQLite's connection (sqlite-statements.ts).
  const rows = await db.$queryRaw<{ id: string; policyId: string; owner: string; expiresAt: Date | string }[]>`
    SELECT "id", "policyId", "owner", "expiresAt" FROM "PolicyExemption"
    WHERE "policyId" IN (${join([...policyIds])}) AND "projectId" = ${target.projectId}
      AND "revokedAt" IS NULL AND "expiresAt" > ${now}
      AND ("environmentId" IS NULL OR "environmentId" = ${target.environmentId})
      AND ("tenantId" IS NULL${target.tenantId ? sql` OR "tenantId" = ${target.tenantId}` : empty})
    ORDER BY "expiresAt" DESC, "id" ASC`;
  const byPolicy = new Map<string, ExemptionRef>();
  for (const r of rows) if (!byPolicy.has(r.policyId)) byPolicy.set(r.policyId, { id: r.id, owner: r.owner, expiresAt: new Date(r.expiresAt) });
  return byPolicy;
}

/** The results with each covered violation exempted (errors and passes stay as they are: exemptDecision). */
export function exemptResults<R extends { policy: { policyId: string }; decision: Decision | null }>(results: R[], exemptions: Map<string, ExemptionRef>): R[] {
  if (exemptions.size === 0) return results;
  return results.map((r) => {
    const exemption = exemptions.get(r.policy.policyId);
    return exemption && r.decision ? { ...r, decision: exemptDecision(r.decision, exemption) } : r;
  });
}

/** How logs and audit messages name an exemption. */
export function describeExemption(e: ExemptionRef): string {
  return `exemption ${e.id} (owner ${e.owner}, until ${e.expiresAt.toISOString()})`;
}
