import type { DbOrTx } from "@/lib/db/client";
import { AuditEventGroups, type AuditEventGroup } from "@/lib/audit/event-groups";
import { recordAuditEvent } from "@/lib/audit/record";
import type { Actor } from "@/lib/identity/acting-user";

/** Each kind of change to a policy has its own event group (and category) in the audit log. */
const EVENTS = {
  created: { eventGroup: AuditEventGroups.policyCreated, category: "PolicyCreated" },
  committed: { eventGroup: AuditEventGroups.policyCommitted, category: "PolicyCommitted" },
  published: { eventGroup: AuditEventGroups.policyPublished, category: "PolicyPublished" },
  activated: { eventGroup: AuditEventGroups.policyActivated, category: "PolicyActivated" },
  deactivated: { eventGroup: AuditEventGroups.policyDeactivated, category: "PolicyDeactivated" },
} as const satisfies Record<string, { eventGroup: AuditEventGroup; category: string }>;

export type PolicyEventKind = keyof typeof EVENTS;

export type PolicyEvent = {
  kind: PolicyEventKind;
  actor: Actor;
  message: string;
  policyId: string;
  policyVersionId?: string;
  details: Record<string, unknown>;
};

/** Writes the audit record of a change; pass the transaction that made the change so both commit together. */
export async function recordPolicyEvent(db: DbOrTx, event: PolicyEvent): Promise<void> {
  await recordAuditEvent(db, {
    ...EVENTS[event.kind],
    message: event.message,
    user: event.actor,
    policyId: event.policyId,
    policyVersionId: event.policyVersionId,
    details: event.details,
  });
}
