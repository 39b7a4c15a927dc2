import { crossSiteProblem } from "@/lib/auth/csrf";
import { createSession, isHttps, sessionCookie } from "@/lib/auth/sessions";
import { NewUserSchema, setupFirstAdministrator } from "@/lib/auth/users";
import { prisma } from "@/lib/db/client";
import { errorResponse, jsonResponse, readJsonBody, withErrorBoundary } from "@/lib/http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** First start only: creates the first administrator and signs them in; 409 once anyone can sign in. */
export const POST = withErrorBoundary(async (request: Request) => {
  const crossSite = crossSiteProblem(request);
  if (crossSite) return errorResponse({ code: "cross_site_request", message: crossSite }, 403);
  const body = await readJsonBody(request, NewUserSchema);
  if (!body.ok) return errorResponse(body.error, 400);
  const created = await setupFirstAdministrator(prisma, body.value);
  if (!created.ok) return errorResponse({ code: created.code, message: created.message }, created.code === "conflict" ? 409 : 400);
  const session = await createSession(prisma, created.id);
  const response = jsonResponse({ userId: created.id }, 201);
  response.headers.append("set-cookie", sessionCookie(session.token, session.expiresAt, isHttps(request)));
  return response;
});
