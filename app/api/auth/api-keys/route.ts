import { z } from "zod";
import { hasPermission } from "@/lib/auth/permissions";
import { createApiKeyFor, NewApiKeySchema } from "@/lib/auth/users";
import { prisma } from "@/lib/db/client";
import { ok, route, withStatus } from "@/lib/http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** The actor's own API keys (never the keys themselves). */
export const GET = route({ permission: "signedIn" }, async ({ actor }) => {
  const items = await prisma.apiKey.findMany({
    where: { userId: actor.id },
    orderBy: { createdAt: "desc" },
    select: { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true, revokedAt: true },
  });
  return ok({ items });
});

const Body = NewApiKeySchema.extend({ userId: z.string().min(1).optional() });

/** Creates a key for the actor (or, for an administrator, for any user); the answer is the only time the key is shown. */
export const POST = route({ permission: "signedIn", body: Body }, async ({ body, actor }) =>
  withStatus(await createApiKeyFor(prisma, actor, body.userId ?? actor.id, body.name, hasPermission(actor.grants, "Administer")), 201));
