/**
 * Failed sign-in throttling. Failures are counted per username and per client address within a
 * window; past the limit that key is locked for a while, whatever password comes next.
 */
import type { DbOrTx } from "@/lib/db/client";

const WINDOW_MS = 15 * 60_000;
const LOCK_MS = 15 * 60_000;
const LIMITS = { user: 5, ip: 20 } as const;

export type ThrottleKey = { kind: keyof typeof LIMITS; value: string };

const keyOf = (k: ThrottleKey) => `${k.kind}:${k.value.toLowerCase()}`;

/** When the first locked key unlocks, or null when none is locked. */
export async function lockedUntil(db: DbOrTx, keys: readonly ThrottleKey[], now = new Date()): Promise<Date | null> {
  const rows = await db.signInThrottle.findMany({ where: { key: { in: keys.map(keyOf) }, lockedUntil: { gt: now } }, select: { lockedUntil: true } });
  const until = rows.map((r) => r.lockedUntil!.getTime());
  return until.length ? new Date(Math.max(...until)) : null;
}

export async function recordFailure(db: DbOrTx, keys: readonly ThrottleKey[], now = new Date()): Promise<void> {
  for (const k of keys) {
    const key = keyOf(k);
    const row = await db.signInThrottle.findUnique({ where: { key } });
    const fresh = !row || now.getTime() - row.windowStartedAt.getTime() > WINDOW_MS;
    const failures = fresh ? 1 : row.failures + 1;
    const lock = failures >= LIMITS[k.kind] ? new Date(now.getTime() + LOCK_MS) : null;
    await db.signInThrottle.upsert({
      where: { key },
      create: { key, failures, windowStartedAt: now, lockedUntil: lock },
      update: { failures, ...(fresh ? { windowStartedAt: now } : {}), lockedUntil: lock ?? (fresh ? null : row.lockedUntil) },
    });
  }
}

/** A successful sign-in clears the user's count (not the address's: one good password must not unlock guessing others). */
export async function clearFailures(db: DbOrTx, key: ThrottleKey): Promise<void> {
  await db.signInThrottle.deleteMany({ where: { key: keyOf(key) } });
}
