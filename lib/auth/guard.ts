/**
 * What the route kit checks once it knows who is calling: the CSRF origin rule for
 * cookie-authenticated writes and the route's permission (403 naming it, audited). Handlers whose
 * resource's space is known only from the request (a release, a task) pass that space too.
 */
import type { DbOrTx } from "@/lib/db/client";
import { recordAuthEvent } from "./audit";
import { crossSiteProblem } from "./csrf";
import { hasPermission, PERMISSIONS, type Permission } from "./permissions";
import type { Principal } from "./principal";

/** What a route needs: a permission, any signed-in user, or nothing (sign-in, setup). */
export type Requirement = Permission | "signedIn" | "public";

export type Denial = { code: string; message: string; details?: Record<string, unknown>; status: 403 };

/** null when the signed-in principal may make this request, else the 403 to answer. */
export async function authorize(db: DbOrTx, request: Request, principal: Principal, requirement: Exclude<Requirement, "public">, spaceId: string | null = null): Promise<Denial | null> {
  if (principal.via.kind === "session") {
    const problem = crossSiteProblem(request);
    if (problem) {
      await recordDenial(db, principal, request, { reason: "cross-site", problem }, spaceId);
      return { code: "cross_site_request", message: problem, status: 403 };
    }
  }
  if (requirement === "signedIn" || hasPermission(principal.grants, requirement, spaceId ?? undefined)) return null;
  await recordDenial(db, principal, request, { reason: "permission", permission: requirement }, spaceId);
  const where = spaceId && PERMISSIONS[requirement].scope === "space" ? ` in ${spaceId}` : "";
  return { code: "forbidden", message: `You do not have the ${requirement} permission${where}`, details: { permission: requirement, ...(where ? { spaceId } : {}) }, status: 403 };
}

async function recordDenial(db: DbOrTx, principal: Principal, request: Request, details: Record<string, unknown>, spaceId: string | null): Promise<void> {
  const path = new URL(request.url).pathname;
  const what = details.permission ? `it needs ${details.permission}` : "it came from another site";
  await recordAuthEvent(db, "denied", principal, `${principal.username} was refused ${request.method} ${path}: ${what}`, { ...details, method: request.method, path }, spaceId);
}
