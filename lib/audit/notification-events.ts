/**
 * The events webhooks can subscribe to, and which audit records announce them: evaluation
 * outcomes that are not a pass, the policy lifecycle and exemptions (docs/notifications.md).
 */
import { AuditEventGroups } from "./event-groups";

export const NOTIFICATION_EVENTS = [
  "evaluation.block",
  "evaluation.warn",
  "evaluation.error",
  "evaluation.exempted",
  "policy.created",
  "policy.committed",
  "policy.published",
  "policy.activated",
  "policy.deactivated",
  "exemption.granted",
  "exemption.revoked",
] as const;
export type NotificationEvent = (typeof NOTIFICATION_EVENTS)[number];

const BY_GROUP: Record<string, NotificationEvent> = {
  [AuditEventGroups.policyCreated]: "policy.created",
  [AuditEventGroups.policyCommitted]: "policy.committed",
  [AuditEventGroups.policyPublished]: "policy.published",
  [AuditEventGroups.policyActivated]: "policy.activated",
  [AuditEventGroups.policyDeactivated]: "policy.deactivated",
  [AuditEventGroups.exemptionGranted]: "exemption.granted",
  [AuditEventGroups.exemptionRevoked]: "exemption.revoked",
};

const EVALUATION_EVENTS: Record<string, NotificationEvent> = {
  block: "evaluation.block",
  warn: "evaluation.warn",
  error: "evaluation.error",
  exempted: "evaluation.exempted",
};

/** The event an audit record announces, or null (a pass, a sign-in, a deployment queued...). */
export function notificationEventOf(record: { eventGroup: string; outcome?: string | null }): NotificationEvent | null {
  if (record.eventGroup === AuditEventGroups.policyEvaluated) return EVALUATION_EVENTS[record.outcome ?? ""] ?? null;
  return BY_GROUP[record.eventGroup] ?? null;
}
