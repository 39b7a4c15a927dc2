import { z } from "zod";
import { guardRequest } from "@/lib/auth/guard";
import { hasPermission } from "@/lib/auth/permissions";
import { createApiKeyFor, NewApiKeySchema } from "@/lib/auth/users";
import { prisma } from "@/lib/db/client";
import { errorResponse, jsonResponse, readJsonBody, withErrorBoundary } from "@/lib/http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** The caller's own API keys (never the keys themselves). */
export const GET = withErrorBoundary(async (request: Request) => {
  const guard = await guardRequest(prisma, request, "signedIn");
  if (!guard.ok) return errorResponse(guard.error, guard.status);
  const items = await prisma.apiKey.findMany({
    where: { userId: guard.principal!.id },
    orderBy: { createdAt: "desc" },
    select: { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true, revokedAt: true },
  });
  return jsonResponse({ items });
});

const Body = NewApiKeySchema.extend({ userId: z.string().min(1).optional() });

/** Creates a key for the caller (or, for an administrator, for any user); the answer is the only time the key is shown. */
export const POST = withErrorBoundary(async (request: Request) => {
  const guard = await guardRequest(prisma, request, "signedIn");
  if (!guard.ok) return errorResponse(guard.error, guard.status);
  const body = await readJsonBody(request, Body);
  if (!body.ok) return errorResponse(body.error, 400);
  const principal = guard.principal!;
  const created = await createApiKeyFor(prisma, principal, body.value.userId ?? principal.id, body.value.name, hasPermission(principal.grants, "Administer"));
  return created.ok ? jsonResponse({ id: created.id, prefix: created.prefix, key: created.key }, 201) : errorResponse({ code: created.code, message: created.message }, 404);
});
