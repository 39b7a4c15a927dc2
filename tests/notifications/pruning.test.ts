/**
 * Pruning the outbox and the delivery log on a fixed clock: what ended before the retention goes
 * (the outbox row with its deliveries and attempts), a small batch at a time; nothing pending goes.
 */
import { describe, expect, it } from "vitest";
import { AuditEventGroups } from "@/lib/audit/event-groups";
import { recordAuditEvent } from "@/lib/audit/record";
import { dispatchOnce } from "@/lib/notifications/dispatcher";
import { pruneNotifications, pruneSchedule, pruneSettingsFromEnv } from "@/lib/notifications/pruning";
import { createSubscription } from "@/lib/notifications/subscriptions";
import { actor, unwrap, useWorld } from "../executions/helpers";

const world = useWorld();

const DAY = 86_400_000;
const T0 = Date.parse("2026-01-01T00:00:00Z");
// "/ok" accepts, "/down" never does.
const answer: typeof fetch = async (url) => new Response(null, { status: String(url).endsWith("/ok") ? 200 : 503 });
const round = (ms: number, maxAttempts: number) =>
  dispatchOnce(world.db, { backoffMs: 500, maxBackoffMs: 1000, maxAttempts, timeoutMs: 1000, fetch: answer, random: () => 1, now: () => new Date(T0 + ms) });
const published = (message: string) => recordAuditEvent(world.db, { eventGroup: AuditEventGroups.policyPublished, category: "Published", message, user: actor });
const activated = (message: string) => recordAuditEvent(world.db, { eventGroup: AuditEventGroups.policyActivated, category: "Activated", message, user: actor });

/** Outbox rows by their event's message, with each delivery's status and attempts left in the log. */
async function left() {
  const rows = await world.db.notificationOutbox.findMany({ orderBy: { id: "asc" }, select: { payload: true, deliveries: { orderBy: { id: "asc" }, select: { status: true, _count: { select: { log: true } } } } } });
  return rows.map((r) => [(JSON.parse(r.payload) as { message: string }).message, r.deliveries.map((d) => `${d.status}:${d._count.log}`)]);
}

/**
 * Old: "delivered" (accepted at once), "failed" (one receiver accepts, one gives up after two tries),
 * "still pending" (one accepts, one has retries left); new: "recent" (accepted 31 days later);
 * "not fanned out" is never picked up.
 */
async function history() {
  unwrap(await createSubscription(world.db, actor, { name: "Up", url: "http://127.0.0.1:9/ok", events: ["policy.published", "policy.activated"] }));
  unwrap(await createSubscription(world.db, actor, { name: "Down", url: "http://127.0.0.1:9/down", events: ["policy.activated"] }));
  await published("delivered");
  await activated("failed");
  await round(0, 2);
  await round(1000, 2);
  await activated("still pending");
  await round(2000, 10);
  await published("recent");
  await round(31 * DAY, 10);
  await published("not fanned out");
}

describe("notification pruning", () => {
  it("deletes what ended before the retention, keeps what is pending or recent", async () => {
    await history();
    expect(await left()).toEqual([
      ["delivered", ["delivered:1"]],
      ["failed", ["delivered:1", "failed:2"]],
      ["still pending", ["delivered:1", "pending:2"]],
      ["recent", ["delivered:1"]],
      ["not fanned out", []],
    ]);
    const now = new Date(T0 + 31 * DAY + 60_000);
    expect(await pruneNotifications(world.db, now, { retentionDays: 30, batch: 100 })).toEqual({ outbox: 2, attempts: 1 });
    expect(await left()).toEqual([
      // Its accepted delivery's old attempt goes; the pending one keeps its log (one old attempt, one recent).
      ["still pending", ["delivered:0", "pending:2"]],
      ["recent", ["delivered:1"]],
      ["not fanned out", []],
    ]);
    expect(await world.db.webhookDelivery.count()).toBe(3);
    expect(await pruneNotifications(world.db, now, { retentionDays: 30, batch: 100 })).toEqual({ outbox: 0, attempts: 0 });
  });

  it("deletes a batch at a time, and the schedule comes back at once while batches are full", async () => {
    await history();
    const settings = { retentionDays: 30, batch: 1 };
    const prune = pruneSchedule(world.db, 600_000, settings);
    const at = (ms: number) => prune(new Date(T0 + 31 * DAY + ms));
    expect(await at(0)).toEqual({ outbox: 1, attempts: 1 });
    expect(await at(2000)).toEqual({ outbox: 1, attempts: 1 });
    expect(await at(4000)).toEqual({ outbox: 0, attempts: 0 });
    // Not full: the next prune waits the interval.
    expect(await at(6000)).toBeNull();
    expect(await at(603_999)).toBeNull();
    expect(await at(604_000)).toEqual({ outbox: 0, attempts: 0 });
    expect((await left()).map(([message]) => message)).toEqual(["still pending", "recent", "not fanned out"]);
  });

  it("reads the retention from the environment, 30 days unless set", () => {
    expect(pruneSettingsFromEnv({}).retentionDays).toBe(30);
    expect(pruneSettingsFromEnv({ POLICY_HUB_NOTIFICATION_RETENTION_DAYS: "7" }).retentionDays).toBe(7);
    expect(pruneSettingsFromEnv({ POLICY_HUB_NOTIFICATION_RETENTION_DAYS: "0" }).retentionDays).toBe(30);
  });
});
