import { recordAuthEvent } from "@/lib/auth/audit";
import { clearedSessionCookie, endSession, isHttps, sessionTokenFrom } from "@/lib/auth/sessions";
import { prisma } from "@/lib/db/client";
import { jsonResponse, route } from "@/lib/http";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Ends the session in the database (the cookie alone would outlive a copied token) and clears the cookie. */
export const POST = route({ permission: "signedIn" }, async ({ request, actor }) => {
  const token = sessionTokenFrom(request.headers.get("cookie"));
  if (token && actor.via.kind === "session") {
    await endSession(prisma, token);
    await recordAuthEvent(prisma, "signedOut", actor, `${actor.username} signed out`);
  }
  const response = jsonResponse({ signedOut: true });
  response.headers.append("set-cookie", clearedSessionCookie(isHttps(request)));
  return response;
});
