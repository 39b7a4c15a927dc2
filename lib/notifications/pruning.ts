/**
 * Pruning the outbox and the delivery log: what was delivered or given up on longer ago than the
 * retention (POLICY_HUB_NOTIFICATION_RETENTION_DAYS, default 30) is deleted, a small batch at a
 * time so no delete holds the database's write lock for long. Nothing still waiting is touched:
 * an outbox row not fanned out yet, or one with a pending delivery, stays, and so does the log of
 * a pending delivery. Safe on every instance at once: deleting what another already deleted is a no-op.
 */
import type { Db } from "@/lib/db/client";
import { intFromEnv } from "@/lib/env/int";

const DAY_MS = 86_400_000;

export interface PruneSettings {
  retentionDays: number;
  /** Rows of each kind deleted per call. */
  batch: number;
}

export function pruneSettingsFromEnv(env: Readonly<Record<string, string | undefined>> = process.env): PruneSettings {
  return { retentionDays: intFromEnv(env.POLICY_HUB_NOTIFICATION_RETENTION_DAYS, 30, 1), batch: 500 };
}

/** Deletes one batch of each kind; answers how many outbox rows (with their deliveries and attempts) and further attempts went. */
export async function pruneNotifications(db: Db, now: Date, settings: PruneSettings = pruneSettingsFromEnv()): Promise<{ outbox: number; attempts: number }> {
  const cutoff = new Date(now.getTime() - settings.retentionDays * DAY_MS);
  // Every finished delivery has at least one attempt, the last at its end (delivered or failed),
  // so "no delivery pending or tried since the cutoff" is "all of it ended before the cutoff".
  const finishedBefore = { fannedOutAt: { lt: cutoff }, deliveries: { none: { OR: [{ status: "pending" }, { log: { some: { at: { gte: cutoff } } } }] } } };
  const outbox = await db.notificationOutbox.findMany({ where: finishedBefore, orderBy: { id: "asc" }, take: settings.batch, select: { id: true } });
  // The condition again in the delete: nothing reopens a finished delivery today, but a row that
  // changed since it was read is kept rather than lost. Deliveries and attempts go by cascade.
  const deletedOutbox = outbox.length === 0 ? 0 : (await db.notificationOutbox.deleteMany({ where: { id: { in: outbox.map((r) => r.id) }, ...finishedBefore } })).count;
  // Old attempts of deliveries that stay because another delivery of their event is still pending.
  const oldAttempt = { at: { lt: cutoff }, delivery: { status: { not: "pending" } } };
  const attempts = await db.webhookAttempt.findMany({ where: oldAttempt, orderBy: { id: "asc" }, take: settings.batch, select: { id: true } });
  const deletedAttempts = attempts.length === 0 ? 0 : (await db.webhookAttempt.deleteMany({ where: { id: { in: attempts.map((a) => a.id) }, ...oldAttempt } })).count;
  return { outbox: deletedOutbox, attempts: deletedAttempts };
}

/**
 * Pruning for the dispatcher's rounds: at most once every `everyMs`, but again at the next round
 * while a batch comes back full, so a backlog is worked off in small steps between deliveries.
 */
export function pruneSchedule(db: Db, everyMs: number, settings: PruneSettings = pruneSettingsFromEnv()): (now: Date) => Promise<{ outbox: number; attempts: number } | null> {
  let nextAt = 0;
  return async (now) => {
    if (now.getTime() < nextAt) return null;
    // Set first: a prune that throws waits its interval rather than failing every round.
    nextAt = now.getTime() + everyMs;
    const pruned = await pruneNotifications(db, now, settings);
    if (pruned.outbox === settings.batch || pruned.attempts === settings.batch) nextAt = 0;
    return pruned;
  };
}
