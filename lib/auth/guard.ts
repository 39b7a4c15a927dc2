/**
 * The server's check of a request against what its route needs: credentials (401), the CSRF
 * origin rule for cookie-authenticated writes (403) and the permission (403, audited). The route
 * kit calls it for every route handler; handlers whose resource's space is known only after
 * loading it call `checkPermission` again with that space.
 */
import type { DbOrTx } from "../db/client";
import { recordAuthEvent } from "./audit";
import { crossSiteProblem } from "./csrf";
import { hasPermission, PERMISSIONS, type Permission } from "./permissions";
import { authenticate, type Principal } from "./principal";

/** What a route needs: a permission, any signed-in user, or nothing (sign-in, setup). */
export type Requirement = Permission | "signedIn" | "public";

export type Denial = { status: 401 | 403; error: { code: string; message: string; details?: Record<string, unknown> } };

export type Guarded = { ok: true; principal: Principal | null } | ({ ok: false } & Denial);

const unauthenticated = (message: string): { ok: false } & Denial => ({ ok: false, status: 401, error: { code: "unauthenticated", message } });

export async function guardRequest(db: DbOrTx, request: Request, requirement: Requirement): Promise<Guarded> {
  const auth = await authenticate(db, request);
  if (auth.kind === "rejected") return unauthenticated(auth.message);
  if (auth.kind === "anonymous") {
    return requirement === "public" ? { ok: true, principal: null } : unauthenticated("Sign in, or send an API key as X-Octopus-ApiKey or Authorization: Bearer");
  }
  const { principal } = auth;
  if (principal.via.kind === "session") {
    const problem = crossSiteProblem(request);
    if (problem) {
      await recordDenial(db, principal, request, { reason: "cross-site", problem });
      return { ok: false, status: 403, error: { code: "cross_site_request", message: problem } };
    }
  }
  if (requirement === "public" || requirement === "signedIn") return { ok: true, principal };
  const denial = await checkPermission(db, principal, requirement, null, request);
  return denial ? { ok: false, ...denial } : { ok: true, principal };
}

/** null when the principal holds the permission (in the space, if given), else the 403 to answer; denials are audited. */
export async function checkPermission(db: DbOrTx, principal: Principal, permission: Permission, spaceId: string | null, request?: Request): Promise<Denial | null> {
  if (hasPermission(principal.grants, permission, spaceId ?? undefined)) return null;
  await recordDenial(db, principal, request, { reason: "permission", permission }, spaceId);
  const where = spaceId && PERMISSIONS[permission].scope === "space" ? ` in ${spaceId}` : "";
  return {
    status: 403,
    error: { code: "forbidden", message: `You do not have the ${permission} permission${where}`, details: { permission, ...(where ? { spaceId } : {}) } },
  };
}

async function recordDenial(db: DbOrTx, principal: Principal, request: Request | undefined, details: Record<string, unknown>, spaceId: string | null = null): Promise<void> {
  const target = request ? `${request.method} ${new URL(request.url).pathname}` : "a request";
  const what = details.permission ? `needs ${details.permission}` : "came from another site";
  await recordAuthEvent(db, "denied", principal, `${principal.username} was refused ${target}: it ${what}`, { ...details, ...(request ? { method: request.method, path: new URL(request.url).pathname } : {}) }, spaceId);
}
