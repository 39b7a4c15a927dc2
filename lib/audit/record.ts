/**
 * Writing audit records. Every part of the app that changes something worth auditing (executions,
 * the policy lifecycle, sign-in) goes through here, so records share one shape, one id sequence
 * and one hash chain.
 */
import { credentialDetails, type Credential } from "@/lib/credential";
import type { DbOrTx } from "@/lib/db/client";
import { allocateIds } from "@/lib/db/ids";
import type { RawDb } from "@/lib/db/sqlite-statements";
import type { PolicyOutcome } from "@/lib/db/enums";
import { enqueueNotifications } from "./outbox";
import { appendAuditRows } from "./chain";
import type { AuditEventGroup } from "./event-groups";

export interface AuditEventInput {
  eventGroup: AuditEventGroup;
  /** Finer than the group, e.g. "PolicyEvaluated", "DeploymentQueued". */
  category: string;
  message: string;
  occurredAt?: Date;
  /** Who did it; when they acted through an API key (an Actor's `via`), the record names the key too. */
  user?: { id: string; username: string; via?: Credential } | null;
  spaceId?: string | null;
  projectId?: string | null;
  environmentId?: string | null;
  tenantId?: string | null;
  taskId?: string | null;
  policyId?: string | null;
  policyVersionId?: string | null;
  outcome?: PolicyOutcome | null;
  /** Anything else worth keeping; stored as JSON. */
  details?: Record<string, unknown>;
}

/** Records one event; pass a transaction to make it part of the change it describes. */
export async function recordAuditEvent(db: DbOrTx | RawDb, event: AuditEventInput): Promise<string> {
  const [id] = await recordAuditEvents(db, [event]);
  return id;
}

/**
 * Records several events with one id allocation, appended to the hash chain (./chain.ts) in one
 * transaction: the caller's, or a new one.
 */
export async function recordAuditEvents(db: DbOrTx | RawDb, events: readonly AuditEventInput[]): Promise<string[]> {
  if (events.length === 0) return [];
  if ("$transaction" in db) return db.$transaction((tx) => recordAuditEvents(tx, events));
  const ids = await allocateIds(db, "Events", events.length);
  const rows = events.map((e, i) => ({
    id: ids[i],
    occurredAt: e.occurredAt ?? new Date(),
    eventGroup: e.eventGroup,
    category: e.category,
    message: e.message,
    userId: e.user?.id ?? null,
    username: e.user?.username ?? null,
    spaceId: e.spaceId ?? null,
    projectId: e.projectId ?? null,
    environmentId: e.environmentId ?? null,
    tenantId: e.tenantId ?? null,
    taskId: e.taskId ?? null,
    policyId: e.policyId ?? null,
    policyVersionId: e.policyVersionId ?? null,
    outcome: e.outcome ?? null,
    details: JSON.stringify({ ...(e.user?.via ? credentialDetails(e.user.via) : {}), ...e.details }),
  }));
  await appendAuditRows(db, rows);
  // In the same transaction: webhooks hear of exactly the events that committed.
  await enqueueNotifications(db, rows);
  return ids;
}
