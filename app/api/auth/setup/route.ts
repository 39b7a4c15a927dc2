import { crossSiteProblem } from "@/lib/auth/csrf";
import { createSession, isHttps, sessionCookie } from "@/lib/auth/sessions";
import { NewUserSchema, setupFirstAdministrator } from "@/lib/auth/users";
import { prisma } from "@/lib/db/client";
import { fail, jsonResponse, route } from "@/lib/http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** First start only: creates the first administrator and signs them in; 409 once anyone can sign in. */
export const POST = route({ permission: "public", body: NewUserSchema }, async ({ request, body }) => {
  const crossSite = crossSiteProblem(request);
  if (crossSite) return fail("cross_site_request", crossSite, 403);
  const created = await setupFirstAdministrator(prisma, body);
  if (!created.ok) return created;
  const session = await createSession(prisma, created.value.id);
  const response = jsonResponse({ userId: created.value.id }, 201);
  response.headers.append("set-cookie", sessionCookie(session.token, session.expiresAt, isHttps(request)));
  return response;
});
