import { z } from "zod";
import { crossSiteProblem } from "@/lib/auth/csrf";
import { isHttps, sessionCookie } from "@/lib/auth/sessions";
import { clientAddress, signIn } from "@/lib/auth/sign-in";
import { prisma } from "@/lib/db/client";
import { fail, jsonResponse, route } from "@/lib/http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const Body = z.object({ username: z.string().min(1, "Enter your username"), password: z.string().min(1, "Enter your password") });

/** Signs in and sets the session cookie; 401 for a wrong username or password, 429 while locked out. */
export const POST = route({ permission: "public", body: Body }, async ({ request, body }) => {
  // Another site must not sign a visitor in to an account of its choosing either.
  const crossSite = crossSiteProblem(request);
  if (crossSite) return fail("cross_site_request", crossSite, 403);
  const result = await signIn(prisma, body.username, body.password, clientAddress(request));
  if (!result.ok) return fail(result.code, result.message, result.code === "too_many_attempts" ? 429 : 401);
  const response = jsonResponse({ userId: result.userId, expiresAt: result.expiresAt.toISOString() });
  response.headers.append("set-cookie", sessionCookie(result.token, result.expiresAt, isHttps(request)));
  return response;
});
