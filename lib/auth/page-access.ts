/**
 * The check every server page and layout makes: signed out goes to /sign-in (or /setup on a
 * fresh instance), a missing permission to /forbidden. Route handlers check in the route kit.
 */
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { prisma } from "@/lib/db/client";
import { recordAuthEvent } from "./audit";
import { hasPermission, PERMISSION_NAMES, type Permission } from "./permissions";
import { principalFromSessionToken, type Principal } from "./principal";
import { SESSION_COOKIE } from "./sessions";
import { needsSetup } from "./users";

/** The signed-in user of this request, or null. Cached per request: the layout and the page both ask. */
export const currentPrincipal = cache(async (): Promise<Principal | null> => principalFromSessionToken(prisma, (await cookies()).get(SESSION_COOKIE)?.value));

export async function requireSignedIn(): Promise<Principal> {
  const principal = await currentPrincipal();
  if (principal) return principal;
  redirect((await needsSetup(prisma)) ? "/setup" : "/sign-in");
}

/** The signed-in user, who holds the permission (in the space, for space permissions). */
export async function requirePagePermission(permission: Permission, spaceId?: string | null): Promise<Principal> {
  const principal = await requireSignedIn();
  if (hasPermission(principal.grants, permission, spaceId)) return principal;
  await recordAuthEvent(prisma, "denied", principal, `${principal.username} was refused a page that needs ${permission}`, { permission }, spaceId ?? null);
  redirect(`/forbidden?permission=${permission}`);
}

/** The permissions the user holds where they are working (the current space), for the UI to hide or disable controls. */
export function permissionsIn(principal: Principal, spaceId: string | null | undefined): Permission[] {
  return PERMISSION_NAMES.filter((p) => hasPermission(principal.grants, p, spaceId ?? undefined));
}
