/**
 * Writing the notification outbox. lib/audit/record.ts calls this inside the transaction of every
 * audit write, so an event is queued for webhooks exactly when its change commits: a rolled-back
 * change announces nothing, and a committed one is never lost to a crash before delivery. It lives
 * with the audit writer, not in lib/notifications (delivery, subscriptions), which sits above audit.
 */
import { insertRows } from "@/lib/db/insert-rows";
import type { RawDb } from "@/lib/db/sqlite-statements";
import type { AuditRowInput } from "./chain";
import { notificationEventOf } from "./notification-events";

/** The JSON body a subscriber receives; `id` is the audit record's, stable across retries. */
export function notificationPayload(type: string, e: AuditRowInput): string {
  return JSON.stringify({
    id: e.id, type, occurredAt: e.occurredAt.toISOString(), message: e.message, category: e.category, user: e.username ?? null,
    spaceId: e.spaceId ?? null, projectId: e.projectId ?? null, environmentId: e.environmentId ?? null, tenantId: e.tenantId ?? null,
    taskId: e.taskId ?? null, policyId: e.policyId ?? null, policyVersionId: e.policyVersionId ?? null, outcome: e.outcome ?? null,
    details: e.details ? (JSON.parse(e.details) as unknown) : {},
  });
}

/** Queues the notifiable ones among audit records being written in `tx`. */
export async function enqueueNotifications(tx: RawDb, events: readonly AuditRowInput[]): Promise<void> {
  const data = events.flatMap((e) => {
    const type = notificationEventOf(e);
    return type ? [{ type, payload: notificationPayload(type, e), auditEventId: e.id, createdAt: e.occurredAt }] : [];
  });
  await insertRows(tx, "NotificationOutbox", data);
}
