/**
 * The optional four-eyes rule (POLICY_FOUR_EYES=1): whoever made a policy's last change before a
 * version was published may not be the one who activates that version. The last change is read
 * from the audit log (created / committed records), which nobody can edit.
 */
import { AuditEventGroups } from "@/lib/audit/event-groups";
import type { DbOrTx } from "@/lib/db/client";

export function fourEyesRequired(): boolean {
  return /^(1|true|yes|on)$/i.test(process.env.POLICY_FOUR_EYES ?? "");
}

/** Why the user may not activate the version, or null. */
export async function fourEyesProblem(db: DbOrTx, version: { policyId: string; version: string; publishedAt: Date }, userId: string): Promise<string | null> {
  if (!fourEyesRequired()) return null;
  const lastChange = await db.auditEvent.findFirst({
    where: { policyId: version.policyId, eventGroup: { in: [AuditEventGroups.policyCommitted, AuditEventGroups.policyCreated] }, occurredAt: { lte: version.publishedAt } },
    orderBy: [{ occurredAt: "desc" }, { seq: "desc" }],
    select: { userId: true, username: true },
  });
  if (lastChange?.userId !== userId) return null;
  return `Four-eyes rule: ${lastChange.username ?? "you"} committed the last change in version ${version.version}, so someone else must activate it`;
}
