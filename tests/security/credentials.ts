/**
 * Credentials for tests that call route handlers: users holding chosen roles, with an API key
 * (for handlers called directly) or a session cookie (for CSRF checks and browsers).
 */
import { createApiKey } from "@/lib/auth/api-keys";
import type { Permission } from "@/lib/auth/permissions";
import { ensureBuiltInRoles, grantRole } from "@/lib/auth/roles";
import { createSession, SESSION_COOKIE } from "@/lib/auth/sessions";
import type { BuiltInRoleName } from "@/lib/auth/permissions";
import type { DbOrTx } from "@/lib/db/client";
import { allocateId } from "@/lib/db/ids";

export type TestCredential = { userId: string; username: string; apiKey: string; headers: Record<string, string> };

async function userWithRole(db: DbOrTx, username: string, roleId: string, spaceId: string | null, displayName = username): Promise<{ id: string; username: string }> {
  const existing = await db.user.findUnique({ where: { username }, select: { id: true, username: true } });
  const user = existing ?? (await db.user.create({ data: { id: await allocateId(db, "Users"), username, displayName }, select: { id: true, username: true } }));
  await grantRole(db, user.id, roleId, spaceId);
  return user;
}

async function withKey(db: DbOrTx, user: { id: string; username: string }): Promise<TestCredential> {
  const { key } = await createApiKey(db, user.id, "tests");
  return { userId: user.id, username: user.username, apiKey: key, headers: { "x-octopus-apikey": key } };
}

/** A user (created if missing, with the display name) holding a built-in role, everywhere or in one space, with an API key. */
export async function credentialForRole(db: DbOrTx, username: string, role: BuiltInRoleName, spaceId: string | null = null, displayName?: string): Promise<TestCredential> {
  const roles = await ensureBuiltInRoles(db);
  return withKey(db, await userWithRole(db, username, roles.get(role)!, spaceId, displayName));
}

/** A user holding exactly these permissions (through a role made for them), with an API key. */
export async function credentialWith(db: DbOrTx, username: string, permissions: readonly Permission[]): Promise<TestCredential> {
  const roleId = await allocateId(db, "Roles");
  await db.role.create({ data: { id: roleId, name: `Test role of ${username} (${roleId})`, permissions: JSON.stringify(permissions) } });
  return withKey(db, await userWithRole(db, username, roleId, null));
}

/** A session cookie header for the user, as the browser would send it after signing in. */
export async function sessionCookieFor(db: DbOrTx, userId: string): Promise<string> {
  const { token } = await createSession(db, userId);
  return `${SESSION_COOKIE}=${token}`;
}
