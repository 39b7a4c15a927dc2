/**
 * Delivering the outbox to webhook subscribers. Two steps, each safe to run on every instance at
 * once: fan-out turns each new outbox row into one delivery per subscription that wants its type
 * (the rows are claimed in one transaction, so only one instance fans a row out), and delivery
 * POSTs due deliveries (each claimed by pushing its next attempt past the request's timeout), then
 * records the attempt: accepted (2xx) ends it, anything else retries with exponential backoff
 * (equal jitter) until the attempts run out. Delivery is at least once: receivers deduplicate by the event id.
 */
import type { Db } from "@/lib/db/client";
import { intFromEnv } from "@/lib/env/int";
import { pruneSchedule, pruneSettingsFromEnv } from "./pruning";
import { signatureHeader } from "./signature";

export interface DispatchSettings {
  /** The first retry waits up to this long; each further one up to twice as long as the one before. */
  backoffMs: number;
  maxBackoffMs: number;
  maxAttempts: number;
  timeoutMs: number;
  /** Deliveries tried per round. */
  batch: number;
}

export function dispatchSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): DispatchSettings {
  return {
    backoffMs: intFromEnv(env.POLICY_HUB_WEBHOOK_BACKOFF_MS, 10_000, 1),
    maxBackoffMs: intFromEnv(env.POLICY_HUB_WEBHOOK_MAX_BACKOFF_MS, 3_600_000, 1),
    maxAttempts: intFromEnv(env.POLICY_HUB_WEBHOOK_MAX_ATTEMPTS, 10, 1),
    timeoutMs: intFromEnv(env.POLICY_HUB_WEBHOOK_TIMEOUT_MS, 10_000, 100),
    batch: 50,
  };
}

export interface DispatchOptions extends Partial<DispatchSettings> {
  /** The clock backoff, claims and signatures use (tests fix it). */
  now?: () => Date;
  fetch?: typeof fetch;
  /** A number in [0, 1) for the backoff's jitter (tests fix it). */
  random?: () => number;
}

/**
 * The wait before attempt `attempt + 1`, after `attempt` failed ones: equal jitter, half the
 * exponential step plus a random share of the other half. The random half spreads the retries of
 * deliveries that failed together (a receiver that was down), so they do not all come back at once;
 * the fixed half keeps a retry from following its failure at once.
 */
export function backoffAfter(attempt: number, s: Pick<DispatchSettings, "backoffMs" | "maxBackoffMs">, random: () => number = Math.random): number {
  const step = Math.min(s.backoffMs * 2 ** (attempt - 1), s.maxBackoffMs);
  return Math.round(step / 2 + random() * (step / 2));
}

const wants = (events: string, type: string) => {
  try {
    const list: unknown = JSON.parse(events);
    return Array.isArray(list) && list.includes(type);
  } catch {
    return false;
  }
};

/** Makes the deliveries of outbox rows not fanned out yet; answers how many rows it took. */
export async function fanOut(db: Db, now: Date, take = 500): Promise<number> {
  const rows = await db.notificationOutbox.findMany({ where: { fannedOutAt: null }, orderBy: { id: "asc" }, take, select: { id: true, type: true } });
  if (rows.length === 0) return 0;
  const subscriptions = await db.webhookSubscription.findMany({ where: { isActive: true }, select: { id: true, events: true } });
  try {
    await db.$transaction(async (tx) => {
      const claimed = await tx.notificationOutbox.updateMany({ where: { id: { in: rows.map((r) => r.id) }, fannedOutAt: null }, data: { fannedOutAt: now } });
      // Another instance took some of them first: leave all to it rather than deliver twice.
      if (claimed.count !== rows.length) throw new LostClaim();
      const data = rows.flatMap((r) => subscriptions.filter((s) => wants(s.events, r.type)).map((s) => ({ subscriptionId: s.id, outboxId: r.id, nextAttemptAt: now })));
      if (data.length > 0) await tx.webhookDelivery.createMany({ data });
    });
  } catch (e) {
    if (e instanceof LostClaim) return 0;
    throw e;
  }
  return rows.length;
}

class LostClaim extends Error {}

/** Tries every due delivery once; answers how many it tried. */
export async function deliverDue(db: Db, options: DispatchOptions = {}): Promise<number> {
  const s = { ...dispatchSettingsFromEnv(), ...options };
  const now = (options.now ?? (() => new Date()))();
  const send = options.fetch ?? fetch;
  const due = await db.webhookDelivery.findMany({
    where: { status: "pending", nextAttemptAt: { lte: now } },
    orderBy: { id: "asc" },
    take: s.batch,
    select: {
      id: true, attempts: true, nextAttemptAt: true, subscriptionId: true,
      subscription: { select: { url: true, secret: true, isActive: true } }, outbox: { select: { type: true, payload: true } },
    },
  });
  const tried = await Promise.all(
    due.map(async (d) => {
      const claim = await db.webhookDelivery.updateMany({
        where: { id: d.id, status: "pending", nextAttemptAt: d.nextAttemptAt },
        data: { nextAttemptAt: new Date(now.getTime() + s.timeoutMs + 1000) },
      });
      if (claim.count === 0) return false;
      const attempt = d.attempts + 1;
      const started = performance.now();
      const answer = d.subscription.isActive ? await post(send, d.subscription, d.outbox, d.id, now, s.timeoutMs) : { error: "The subscription is disabled" };
      const accepted = answer.status !== undefined && answer.status >= 200 && answer.status < 300;
      const exhausted = !accepted && (attempt >= s.maxAttempts || !d.subscription.isActive);
      await db.$transaction([
        db.webhookAttempt.create({
          data: { deliveryId: d.id, subscriptionId: d.subscriptionId, attempt, at: now, statusCode: answer.status ?? null, error: answer.error ?? null, durationMs: performance.now() - started },
        }),
        db.webhookDelivery.update({
          where: { id: d.id },
          data: {
            attempts: attempt, lastStatusCode: answer.status ?? null, lastError: answer.error ?? null,
            status: accepted ? "delivered" : exhausted ? "failed" : "pending",
            ...(accepted ? { deliveredAt: now } : { nextAttemptAt: new Date(now.getTime() + backoffAfter(attempt, s, options.random)) }),
          },
        }),
      ]);
      return true;
    }),
  );
  return tried.filter(Boolean).length;
}

async function post(
  send: typeof fetch,
  subscription: { url: string; secret: string },
  event: { type: string; payload: string },
  deliveryId: number,
  now: Date,
  timeoutMs: number,
): Promise<{ status?: number; error?: string }> {
  const timestamp = Math.floor(now.getTime() / 1000);
  try {
    const response = await send(subscription.url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "user-agent": "PolicyHub-Webhooks/1",
        "x-policyhub-event": event.type,
        "x-policyhub-delivery": String(deliveryId),
        "x-policyhub-signature": signatureHeader(subscription.secret, timestamp, event.payload),
      },
      body: event.payload,
      redirect: "manual",
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.body?.cancel();
    return response.status >= 200 && response.status < 300 ? { status: response.status } : { status: response.status, error: `HTTP ${response.status}` };
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
}

/** One round: fan out what is new, then try what is due. */
export async function dispatchOnce(db: Db, options: DispatchOptions = {}): Promise<{ fannedOut: number; tried: number }> {
  const now = (options.now ?? (() => new Date()))();
  const fannedOut = await fanOut(db, now);
  return { fannedOut, tried: await deliverDue(db, { ...options, now: () => now }) };
}

/** Old outbox rows and attempts are looked for this often (more often while there is a backlog). */
const PRUNE_EVERY_MS = 10 * 60_000;

/**
 * The server's dispatcher: a round every POLICY_HUB_WEBHOOK_POLL_MS (default 2000), each followed
 * by pruning when it is due; stop() waits for the round in flight.
 */
export function startDispatcher(db: Db, env: NodeJS.ProcessEnv = process.env): { stop(): Promise<void> } {
  const interval = intFromEnv(env.POLICY_HUB_WEBHOOK_POLL_MS, 2000, 50);
  const prune = pruneSchedule(db, PRUNE_EVERY_MS, pruneSettingsFromEnv(env));
  let stopped = false;
  let round: Promise<unknown> = Promise.resolve();
  const tick = () => {
    if (stopped) return;
    round = dispatchOnce(db)
      .catch((e: unknown) => console.error("webhook dispatch failed", e))
      .then(() => prune(new Date()))
      .catch((e: unknown) => console.error("notification pruning failed", e))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, interval);
        timer.unref?.();
      });
  };
  let timer = setTimeout(tick, interval);
  timer.unref?.();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await round;
    },
  };
}
