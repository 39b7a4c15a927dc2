import { guardRequest } from "@/lib/auth/guard";
import { PERMISSION_NAMES, hasPermission } from "@/lib/auth/permissions";
import { prisma } from "@/lib/db/client";
import { errorResponse, jsonResponse, withErrorBoundary } from "@/lib/http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Who the caller is and what they may do: the permissions held everywhere, and the grants per space. */
export const GET = withErrorBoundary(async (request: Request) => {
  const guard = await guardRequest(prisma, request, "signedIn");
  if (!guard.ok) return errorResponse(guard.error, guard.status);
  const { grants, via, ...user } = guard.principal!;
  return jsonResponse({
    user,
    via: via.kind === "apiKey" ? { kind: "apiKey", apiKeyId: via.apiKeyId, name: via.apiKeyName } : { kind: "session" },
    permissions: PERMISSION_NAMES.filter((p) => hasPermission(grants, p, null)),
    grants,
  });
});
