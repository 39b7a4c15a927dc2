import type { DbOrTx } from "../db/client";
import { fail, ok, type Result } from "./errors";

export interface Actor {
  id: string;
  username: string;
  displayName: string;
}

const actorSelect = { id: true, username: true, displayName: true } as const;

/**
 * The user an action is recorded against. The app has no sign-in yet, so without an explicit
 * user the first human user (the seeded administrator) acts.
 */
export async function resolveActor(db: DbOrTx, userId?: string): Promise<Result<Actor>> {
  if (userId) {
    const user = await db.user.findUnique({ where: { id: userId }, select: actorSelect });
    return user ? ok(user) : fail("user_not_found", `There is no user ${userId}`, { userId });
  }
  const user = await db.user.findFirst({ where: { isService: false }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: actorSelect });
  return user ? ok(user) : fail("user_not_found", "There is no user to act as: create one first");
}
