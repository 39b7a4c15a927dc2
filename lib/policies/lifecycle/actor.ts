import type { Db } from "@/lib/db/client";
import { allocateId } from "@/lib/db/ids";
import type { CommitAuthor } from "@/lib/platform-hub";
import { fail, ok, type Result } from "./errors";

/** Until the app has sign-in, the acting user is named by this header. */
export const ACTING_USER_HEADER = "x-policy-hub-user";
/** The seeded user who acts when no header names one. */
export const DEFAULT_USERNAME = "admin";

export type Actor = { id: string; username: string; displayName: string; email: string | null };

const SELECT = { id: true, username: true, displayName: true, email: true } as const;

/** The user a request acts as: the one its header names, else the default user. */
export async function resolveActor(db: Db, request: Request): Promise<Result<Actor>> {
  const named = request.headers.get(ACTING_USER_HEADER)?.trim();
  if (!named) return ok(await defaultUser(db));
  const user = await db.user.findUnique({ where: { username: named }, select: SELECT });
  return user ? ok(user) : fail("unknown_user", `There is no user "${named}" (header ${ACTING_USER_HEADER})`);
}

/**
 * The default user, created on first use when the database was not seeded, so a fresh install
 * can still commit and publish. A concurrent request may create it first; then read theirs.
 */
async function defaultUser(db: Db): Promise<Actor> {
  const existing = await db.user.findUnique({ where: { username: DEFAULT_USERNAME }, select: SELECT });
  if (existing) return existing;
  try {
    return await db.user.create({
      data: { id: await allocateId(db, "Users"), username: DEFAULT_USERNAME, displayName: "Administrator" },
      select: SELECT,
    });
  } catch {
    return db.user.findUniqueOrThrow({ where: { username: DEFAULT_USERNAME }, select: SELECT });
  }
}

/** The Git author of the user's commits; users without an email get a local placeholder address. */
export function commitAuthor(actor: Actor): CommitAuthor {
  const local = actor.username.replace(/[^A-Za-z0-9._+-]/g, "_") || "user";
  return { name: actor.displayName.replace(/[<>\n]/g, "") || actor.username, email: actor.email ?? `${local}@users.policy-hub.local` };
}
