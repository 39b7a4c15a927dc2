/**
 * Webhooks (#17): a receiver on localhost that fails twice then succeeds gets exactly one
 * accepted delivery of each event it subscribed to, each signed, after retries with exponential
 * backoff and jitter; the outbox is written with the event's transaction, so a rolled-back change sends nothing.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AuditEventGroups } from "@/lib/audit/event-groups";
import { recordAuditEvent } from "@/lib/audit/record";
import { backoffAfter, dispatchOnce } from "@/lib/notifications/dispatcher";
import { verifySignature } from "@/lib/notifications/signature";
import { createSubscription, deliveryLog } from "@/lib/notifications/subscriptions";
import { actor, deployWeb, drain, unwrap, useWorld } from "../executions/helpers";
import { activatePolicy, inlinePolicy } from "../executions/world";

const world = useWorld();

type Received = { id: string; type: string; signature: string | null; body: string; answered: number };

let server: Server;
let url: string;
let received: Received[];

beforeEach(async () => {
  received = [];
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString()));
    req.on("end", () => {
      const { id, type } = JSON.parse(body) as { id: string; type: string };
      // Fails the first two tries of each event, accepts the third.
      const answered = received.filter((r) => r.id === id).length < 2 ? 503 : 200;
      received.push({ id, type, signature: req.headers["x-policyhub-signature"] as string, body, answered });
      res.writeHead(answered).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
});
afterEach(() => new Promise<void>((resolve) => server.close(() => resolve())));

const SETTINGS = { backoffMs: 1000, maxBackoffMs: 60_000, maxAttempts: 5, timeoutMs: 5000 };

describe("webhook notifications", () => {
  it("retries a failing receiver with backoff until it accepts, then never sends that event again", async () => {
    const subscription = unwrap(await createSubscription(world.db, actor, { name: "SIEM", url, events: ["evaluation.block", "policy.published"] }));
    await activatePolicy(world.db, "always_block", inlinePolicy("always_block", { scope: "default evaluate := true", conditions: 'result := {"allowed": false}' }));
    await deployWeb(world.db);
    await drain(world.db);
    await recordAuditEvent(world.db, { eventGroup: AuditEventGroups.policyPublished, category: "Published", message: "always_block v1.0.1 published", user: actor });
    // Not subscribed (a pass is never announced; a deployment queued is not an event).
    await recordAuditEvent(world.db, { eventGroup: AuditEventGroups.policyActivated, category: "Activated", message: "activated", user: actor });

    const start = new Date("2026-06-01T00:00:00Z");
    // A round every 100 ms of the fixed clock for 5 s, then one a minute later; the jitter is Math.random's.
    const offsets = [...Array.from({ length: 50 }, (_, i) => i * 100), 60_000];
    for (const ms of offsets) await dispatchOnce(world.db, { ...SETTINGS, now: () => new Date(start.getTime() + ms) });

    const types = [...new Set(received.map((r) => r.type))].sort();
    expect(types).toEqual(["evaluation.block", "policy.published"]);
    for (const type of types) {
      const of = received.filter((r) => r.type === type);
      expect(of.map((r) => r.answered), type).toEqual([503, 503, 200]);
      expect(new Set(of.map((r) => r.id)).size).toBe(1);
    }
    expect(received.filter((r) => r.answered === 200)).toHaveLength(2);

    for (const r of received) {
      expect(verifySignature(subscription.secret, r.signature, r.body, start, 3600), "signature").toBe(true);
      expect(verifySignature("whsec_wrong", r.signature, r.body, start, 3600)).toBe(false);
    }
    const blocked = JSON.parse(received.find((r) => r.type === "evaluation.block")!.body) as { outcome: string; details: { policySlug: string } };
    expect(blocked).toMatchObject({ outcome: "block", details: { policySlug: "always_block" } });

    const log = await deliveryLog(world.db, subscription.id);
    expect(log.map((d) => [d.event.type, d.status, d.attempts, d.log.map((a) => a.statusCode)]).sort()).toEqual([
      ["evaluation.block", "delivered", 3, [503, 503, 200]],
      ["policy.published", "delivered", 3, [503, 503, 200]],
    ]);
    // Tried at 0, then after 0.5-1 s (the first backoff, jittered) and 1-2 s more (doubled), seen by
    // rounds 100 ms apart; nothing after acceptance.
    for (const d of log) {
      const [first, second, third] = d.log.map((a) => a.at.getTime());
      expect(first).toBe(start.getTime());
      expect(second - first).toBeGreaterThanOrEqual(500);
      expect(second - first).toBeLessThan(1100);
      expect(third - second).toBeGreaterThanOrEqual(1000);
      expect(third - second).toBeLessThan(2100);
    }
  });

  it("jitters the backoff between half and all of the exponential step, at most the cap", () => {
    const at = (attempt: number, r: number) => backoffAfter(attempt, SETTINGS, () => r);
    expect([at(1, 0), at(1, 0.5), at(1, 0.999_999)]).toEqual([500, 750, 1000]);
    expect([at(2, 0), at(2, 0.999_999)]).toEqual([1000, 2000]);
    expect([at(20, 0), at(20, 0.999_999)]).toEqual([30_000, 60_000]);
    for (let i = 0; i < 100; i++) {
      const wait = backoffAfter(3, SETTINGS);
      expect(wait).toBeGreaterThanOrEqual(2000);
      expect(wait).toBeLessThanOrEqual(4000);
    }
  });

  it("gives up after the last attempt and marks the delivery failed", async () => {
    unwrap(await createSubscription(world.db, actor, { name: "Down", url: "http://127.0.0.1:9/nothing-listens", events: ["policy.published"] }));
    await recordAuditEvent(world.db, { eventGroup: AuditEventGroups.policyPublished, category: "Published", message: "published", user: actor });
    const start = Date.parse("2026-06-01T00:00:00Z");
    // random 1 makes each wait its whole step: tried at 0, 1 s and 3 s.
    for (const ms of [0, 1000, 3000, 7000]) await dispatchOnce(world.db, { ...SETTINGS, maxAttempts: 3, random: () => 1, now: () => new Date(start + ms) });
    const [delivery] = await world.db.webhookDelivery.findMany();
    expect(delivery).toMatchObject({ status: "failed", attempts: 3, lastStatusCode: null });
    expect(delivery.lastError).toBeTruthy();
  });

  it("writes the outbox in the event's transaction: a rolled-back change announces nothing", async () => {
    const before = await world.db.notificationOutbox.count();
    await expect(
      world.db.$transaction(async (tx) => {
        await recordAuditEvent(tx, { eventGroup: AuditEventGroups.policyPublished, category: "Published", message: "never happened", user: actor });
        throw new Error("the change fails after its audit record");
      }),
    ).rejects.toThrow("the change fails");
    expect(await world.db.notificationOutbox.count()).toBe(before);
    await recordAuditEvent(world.db, { eventGroup: AuditEventGroups.policyPublished, category: "Published", message: "happened", user: actor });
    expect(await world.db.notificationOutbox.count()).toBe(before + 1);
  });
});
