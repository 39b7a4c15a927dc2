/**
 * Server-side sessions. The cookie holds a random token; the database holds its sha256, the
 * user and the expiry, so signing out or disabling a user ends the session at once.
 */
import type { DbOrTx } from "@/lib/db/client";
import { randomToken, sha256Hex } from "./tokens";

export const SESSION_COOKIE = "policy_hub_session";

/** Sessions end this long after sign-in (SESSION_TTL_HOURS, default 12). */
export function sessionTtlMs(): number {
  const hours = Number(process.env.SESSION_TTL_HOURS);
  return (Number.isFinite(hours) && hours > 0 ? hours : 12) * 3_600_000;
}

/** Refreshing lastSeenAt on every request would make every read a write. */
const LAST_SEEN_RESOLUTION_MS = 60_000;

export async function createSession(db: DbOrTx, userId: string, now = new Date()): Promise<{ token: string; expiresAt: Date }> {
  const token = randomToken();
  const expiresAt = new Date(now.getTime() + sessionTtlMs());
  await db.session.create({ data: { id: sha256Hex(token), userId, createdAt: now, lastSeenAt: now, expiresAt } });
  return { token, expiresAt };
}

/** The live session's user id for a cookie token, or null (unknown, expired, or its user is disabled). */
export async function sessionUserId(db: DbOrTx, token: string, now = new Date()): Promise<{ sessionId: string; userId: string } | null> {
  const id = sha256Hex(token);
  const session = await db.session.findUnique({ where: { id }, select: { userId: true, expiresAt: true, lastSeenAt: true, user: { select: { isDisabled: true } } } });
  if (!session || session.user.isDisabled) return null;
  if (session.expiresAt <= now) {
    await db.session.deleteMany({ where: { id } });
    return null;
  }
  if (now.getTime() - session.lastSeenAt.getTime() > LAST_SEEN_RESOLUTION_MS) {
    await db.session.updateMany({ where: { id }, data: { lastSeenAt: now } });
  }
  return { sessionId: id, userId: session.userId };
}

export async function endSession(db: DbOrTx, token: string): Promise<string | null> {
  const id = sha256Hex(token);
  const session = await db.session.findUnique({ where: { id }, select: { userId: true } });
  await db.session.deleteMany({ where: { id } });
  return session?.userId ?? null;
}

/** Ends every session of a user (password change, disabling). */
export async function endSessionsOf(db: DbOrTx, userId: string): Promise<void> {
  await db.session.deleteMany({ where: { userId } });
}

/** The Set-Cookie value: httpOnly, SameSite=Lax, Secure when the app is served over https. */
export function sessionCookie(token: string, expiresAt: Date, secure: boolean): string {
  return [`${SESSION_COOKIE}=${token}`, "Path=/", "HttpOnly", "SameSite=Lax", `Expires=${expiresAt.toUTCString()}`, ...(secure ? ["Secure"] : [])].join("; ");
}

export function clearedSessionCookie(secure: boolean): string {
  return [`${SESSION_COOKIE}=`, "Path=/", "HttpOnly", "SameSite=Lax", "Max-Age=0", ...(secure ? ["Secure"] : [])].join("; ");
}

/** The session token from a Cookie header. */
export function sessionTokenFrom(cookieHeader: string | null): string | null {
  if (!cookieHeader) return null;
  for (const part of cookieHeader.split(";")) {
    const [name, ...value] = part.trim().split("=");
    if (name === SESSION_COOKIE) return value.join("=") || null;
  }
  return null;
}

/** Whether the request reached the app over https (directly or through a proxy that says so). */
export function isHttps(request: Request): boolean {
  return new URL(request.url).protocol === "https:" || request.headers.get("x-forwarded-proto") === "https";
}
