/**
 * The one place that decides which user a request acts as; every audit record, commit and queued
 * task names this user. The route kit (`lib/http`) calls it and hands the actor to the handler;
 * nothing else reads the request for a user. The only sources are the session cookie and an API
 * key (`lib/auth/principal.ts`): no body field or custom header can name someone else.
 */
import type { Credential } from "@/lib/credential";
import { authenticate, type Principal } from "@/lib/auth/principal";
import { prisma } from "@/lib/db/client";
import { fail, ok, type Result } from "@/lib/result";

/**
 * The user an action is recorded against, as the domain code needs it; `via` names the API key
 * when one was used. A resolved request's actor is a `Principal`: this plus the role grants.
 */
export type Actor = { id: string; username: string; displayName: string; email: string | null; via?: Credential };

export async function resolveActingUser(request: Request): Promise<Result<Principal, "unauthenticated">> {
  const auth = await authenticate(prisma, request);
  if (auth.kind === "authenticated") return ok(auth.principal);
  const message = auth.kind === "rejected" ? auth.message : "Sign in, or send an API key as X-Octopus-ApiKey or Authorization: Bearer";
  return fail("unauthenticated", message, 401);
}
