import { recordAuthEvent } from "@/lib/auth/audit";
import { guardRequest } from "@/lib/auth/guard";
import { clearedSessionCookie, endSession, isHttps, sessionTokenFrom } from "@/lib/auth/sessions";
import { prisma } from "@/lib/db/client";
import { errorResponse, jsonResponse, withErrorBoundary } from "@/lib/http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Ends the session in the database (the cookie alone would outlive a copied token) and clears the cookie. */
export const POST = withErrorBoundary(async (request: Request) => {
  const guard = await guardRequest(prisma, request, "signedIn");
  if (!guard.ok) return errorResponse(guard.error, guard.status);
  const token = sessionTokenFrom(request.headers.get("cookie"));
  if (token && guard.principal?.via.kind === "session") {
    await endSession(prisma, token);
    await recordAuthEvent(prisma, "signedOut", guard.principal, `${guard.principal.username} signed out`);
  }
  const response = jsonResponse({ signedOut: true });
  response.headers.append("set-cookie", clearedSessionCookie(isHttps(request)));
  return response;
});
