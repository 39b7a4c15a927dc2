import { guardRequest } from "@/lib/auth/guard";
import { hasPermission } from "@/lib/auth/permissions";
import { revokeApiKeyAs } from "@/lib/auth/users";
import { prisma } from "@/lib/db/client";
import { errorResponse, jsonResponse, withErrorBoundary } from "@/lib/http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Revokes one of the caller's keys (an administrator: anyone's); revoking twice is not an error. */
export const POST = withErrorBoundary(async (request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const guard = await guardRequest(prisma, request, "signedIn");
  if (!guard.ok) return errorResponse(guard.error, guard.status);
  const principal = guard.principal!;
  const result = await revokeApiKeyAs(prisma, principal, (await params).id, hasPermission(principal.grants, "Administer"));
  return result.ok ? jsonResponse({ revoked: true }) : errorResponse({ code: result.code, message: result.message }, 404);
});
