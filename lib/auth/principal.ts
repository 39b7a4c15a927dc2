/**
 * Who a request acts as: the signed-in user (session cookie) or the owner of an API key, with
 * the permissions their role grants give. Nothing a caller writes in a body or a custom header
 * can choose it.
 */
import type { DbOrTx } from "@/lib/db/client";
import { apiKeyFrom, apiKeyOwner } from "./api-keys";
import type { Credential } from "@/lib/credential";
import { parsePermissions, type PermissionGrant } from "./permissions";
import { sessionTokenFrom, sessionUserId } from "./sessions";

export type PrincipalUser = { id: string; username: string; displayName: string; email: string | null };

/** The acting user, what their roles grant and the credential the request came with. */
export type Principal = PrincipalUser & { grants: PermissionGrant[]; via: Credential };

export type Authentication =
  | { kind: "authenticated"; principal: Principal }
  | { kind: "anonymous" }
  /** An API key or session cookie was sent but is not (or no longer) valid. */
  | { kind: "rejected"; message: string };

const USER_SELECT = { id: true, username: true, displayName: true, email: true } as const;

export async function grantsOf(db: DbOrTx, userId: string): Promise<PermissionGrant[]> {
  const grants = await db.roleGrant.findMany({ where: { userId }, select: { spaceId: true, role: { select: { permissions: true } } } });
  return grants.flatMap((g) => parsePermissions(g.role.permissions).map((permission) => ({ permission, spaceId: g.spaceId })));
}

async function principalFor(db: DbOrTx, userId: string, via: Credential): Promise<Principal | null> {
  const user = await db.user.findUnique({ where: { id: userId }, select: USER_SELECT });
  return user ? { ...user, grants: await grantsOf(db, userId), via } : null;
}

/** The principal of a session cookie token, for server pages (which read cookies, not a Request). */
export async function principalFromSessionToken(db: DbOrTx, token: string | null | undefined): Promise<Principal | null> {
  if (!token) return null;
  const session = await sessionUserId(db, token);
  return session ? principalFor(db, session.userId, { kind: "session", sessionId: session.sessionId }) : null;
}

/** An API key wins over a cookie: automation that also holds a browser cookie acts as the key says. */
export async function authenticate(db: DbOrTx, request: Request): Promise<Authentication> {
  const key = apiKeyFrom(request);
  if (key) {
    const owner = await apiKeyOwner(db, key);
    const principal = owner && (await principalFor(db, owner.userId, { kind: "apiKey", apiKeyId: owner.apiKeyId, apiKeyName: owner.apiKeyName }));
    return principal ? { kind: "authenticated", principal } : { kind: "rejected", message: "The API key is not valid or was revoked" };
  }
  const token = sessionTokenFrom(request.headers.get("cookie"));
  if (!token) return { kind: "anonymous" };
  const principal = await principalFromSessionToken(db, token);
  return principal ? { kind: "authenticated", principal } : { kind: "rejected", message: "The session has ended: sign in again" };
}
