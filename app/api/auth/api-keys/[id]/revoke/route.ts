import { hasPermission } from "@/lib/auth/permissions";
import { revokeApiKeyAs } from "@/lib/auth/users";
import { prisma } from "@/lib/db/client";
import { route } from "@/lib/http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Revokes one of the actor's keys (an administrator: anyone's); revoking twice is not an error. */
export const POST = route({ permission: "signedIn" }, async ({ params, actor }) =>
  revokeApiKeyAs(prisma, actor, params.id, hasPermission(actor.grants, "Administer")));
