/**
 * Audit event groups and categories. The groups are the ones the demo seed already writes
 * (lib/db/enums.ts), so filters on the audit page find old and new records alike.
 */
import { AUDIT_EVENT_GROUPS } from "@/lib/db/enums";

export const AuditEventGroups = {
  ...AUDIT_EVENT_GROUPS,
  policyCreated: "Compliance Policy Created",
  policyCommitted: "Compliance Policy Committed",
  policyPublished: "Compliance Policy Published",
  policyActivated: "Compliance Policy Activated",
  policyDeactivated: "Compliance Policy Deactivated",
  taskCanceled: "Task canceled",
  userSignedIn: "User signed in",
  userSignInFailed: "User sign-in failed",
  userSignedOut: "User signed out",
  requestDenied: "Request denied",
  userCreated: "User created",
  userChanged: "User changed",
  roleGranted: "Role granted",
  roleRevoked: "Role revoked",
  apiKeyCreated: "API key created",
  apiKeyRevoked: "API key revoked",
  exemptionGranted: "Compliance Policy Exemption Granted",
  exemptionRevoked: "Compliance Policy Exemption Revoked",
  webhookCreated: "Webhook subscription created",
  webhookChanged: "Webhook subscription changed",
} as const;

export type AuditEventGroup = (typeof AuditEventGroups)[keyof typeof AuditEventGroups];
