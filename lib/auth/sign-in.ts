/** Signing in with a username and password, throttled and audited. */
import type { DbOrTx } from "@/lib/db/client";
import { recordAuthEvent } from "./audit";
import { verifyPassword } from "./passwords";
import { clearFailures, lockedUntil, recordFailure, type ThrottleKey } from "./rate-limit";
import { createSession } from "./sessions";

export type SignInResult =
  | { ok: true; token: string; expiresAt: Date; userId: string }
  | { ok: false; code: "invalid_credentials" | "too_many_attempts"; message: string };

const INVALID = "The username or password is not right";

export async function signIn(db: DbOrTx, username: string, password: string, clientAddress: string | null): Promise<SignInResult> {
  const name = username.trim();
  const keys: ThrottleKey[] = [{ kind: "user", value: name }, ...(clientAddress ? [{ kind: "ip" as const, value: clientAddress }] : [])];
  const until = await lockedUntil(db, keys);
  if (until) {
    await recordAuthEvent(db, "signInFailed", null, `Sign-in as "${name}" refused: too many failed attempts`, { username: name, clientAddress, reason: "locked" });
    const minutes = Math.max(1, Math.ceil((until.getTime() - Date.now()) / 60_000));
    return { ok: false, code: "too_many_attempts", message: `Too many failed sign-ins: try again in ${minutes} minute${minutes === 1 ? "" : "s"}` };
  }
  const user = await db.user.findUnique({ where: { username: name }, select: { id: true, username: true, passwordHash: true, isDisabled: true } });
  const matches = await verifyPassword(user?.passwordHash ?? null, password);
  if (!user || !matches || user.isDisabled) {
    await recordFailure(db, keys);
    await recordAuthEvent(db, "signInFailed", user, `Failed sign-in as "${name}"`, {
      username: name, clientAddress, reason: !user ? "unknown user" : user.isDisabled ? "user disabled" : "wrong password",
    });
    return { ok: false, code: "invalid_credentials", message: INVALID };
  }
  await clearFailures(db, keys[0]);
  const session = await createSession(db, user.id);
  await recordAuthEvent(db, "signedIn", user, `${user.username} signed in`, { clientAddress });
  return { ok: true, ...session, userId: user.id };
}

/**
 * The client's address as the proxy in front reports it, or null without one: clients sharing an
 * "unknown" counter could lock everyone out, so then only the per-username limit applies.
 */
export function clientAddress(request: Request): string | null {
  return request.headers.get("x-forwarded-for")?.split(",")[0].trim() || request.headers.get("x-real-ip") || null;
}
