import { hasPermission } from "@/lib/auth/permissions";
import { revokeApiKeyAs } from "@/lib/auth/users";
import { prisma } from "@/lib/db/client";
import { fail, ok, route } from "@/lib/http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Revokes one of the actor's keys (an administrator: anyone's); revoking twice is not an error. */
export const POST = route({ permission: "signedIn" }, async ({ params, actor }) => {
  const result = await revokeApiKeyAs(prisma, actor, params.id, hasPermission(actor.grants, "Administer"));
  return result.ok ? ok({ revoked: true }) : fail(result.code, result.message, 404);
});
