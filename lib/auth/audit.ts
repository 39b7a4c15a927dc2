/** Audit records for sign-in, denied requests and changes to users, roles and API keys. */
import { AuditEventGroups, type AuditEventGroup } from "@/lib/audit/event-groups";
import { recordAuditEvent } from "@/lib/audit/record";
import type { DbOrTx } from "@/lib/db/client";
import type { Principal } from "./principal";

const EVENTS = {
  signedIn: { eventGroup: AuditEventGroups.userSignedIn, category: "SignedIn" },
  signInFailed: { eventGroup: AuditEventGroups.userSignInFailed, category: "SignInFailed" },
  signedOut: { eventGroup: AuditEventGroups.userSignedOut, category: "SignedOut" },
  denied: { eventGroup: AuditEventGroups.requestDenied, category: "Denied" },
  userCreated: { eventGroup: AuditEventGroups.userCreated, category: "Created" },
  userChanged: { eventGroup: AuditEventGroups.userChanged, category: "Modified" },
  roleGranted: { eventGroup: AuditEventGroups.roleGranted, category: "RoleGranted" },
  roleRevoked: { eventGroup: AuditEventGroups.roleRevoked, category: "RoleRevoked" },
  apiKeyCreated: { eventGroup: AuditEventGroups.apiKeyCreated, category: "Created" },
  apiKeyRevoked: { eventGroup: AuditEventGroups.apiKeyRevoked, category: "Revoked" },
} as const satisfies Record<string, { eventGroup: AuditEventGroup; category: string }>;

export type AuthEvent = keyof typeof EVENTS;

/** The acting principal, or for sign-in and setup the user concerned (null: an unknown username). */
type Who = Principal | { id: string; username: string; via?: undefined } | null;

export async function recordAuthEvent(
  db: DbOrTx,
  event: AuthEvent,
  who: Who,
  message: string,
  details: Record<string, unknown> = {},
  spaceId: string | null = null,
): Promise<void> {
  await recordAuditEvent(db, {
    ...EVENTS[event],
    message,
    user: who,
    spaceId,
    details,
  });
}
