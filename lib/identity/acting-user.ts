/**
 * The one place that decides which user a request acts as; every audit record, commit and queued
 * task names this user. The route kit (`lib/http`) calls it and hands the actor to the handler;
 * nothing else reads the request for a user. Until sign-in replaces its source with a session or
 * an API key, the user is named by a header, else the seeded default user acts.
 */
import { prisma } from "@/lib/db/client";
import { allocateId } from "@/lib/db/ids";
import { fail, ok, type Result } from "@/lib/result";

/** The header that names the acting user by username. */
export const ACTING_USER_HEADER = "x-policy-hub-user";
/** The seeded user who acts when no header names one. */
export const DEFAULT_USERNAME = "admin";

export type Actor = { id: string; username: string; displayName: string; email: string | null };

const SELECT = { id: true, username: true, displayName: true, email: true } as const;

export async function resolveActingUser(request: Request): Promise<Result<Actor, "unknown_user">> {
  const named = request.headers.get(ACTING_USER_HEADER)?.trim();
  if (!named) return ok(await defaultUser());
  const user = await prisma.user.findUnique({ where: { username: named }, select: SELECT });
  return user ? ok(user) : fail("unknown_user", `There is no user "${named}" (header ${ACTING_USER_HEADER})`, 400);
}

/**
 * The default user, created on first use when the database was not seeded, so a fresh install
 * can still act. A concurrent request may create it first; then read theirs.
 */
async function defaultUser(): Promise<Actor> {
  const existing = await prisma.user.findUnique({ where: { username: DEFAULT_USERNAME }, select: SELECT });
  if (existing) return existing;
  try {
    return await prisma.user.create({
      data: { id: await allocateId(prisma, "Users"), username: DEFAULT_USERNAME, displayName: "Administrator" },
      select: SELECT,
    });
  } catch {
    return prisma.user.findUniqueOrThrow({ where: { username: DEFAULT_USERNAME }, select: SELECT });
  }
}
