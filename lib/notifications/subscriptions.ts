/** Webhook subscriptions: creating, enabling and disabling them, and their delivery log. */
import { z } from "zod";
import { AuditEventGroups } from "@/lib/audit/event-groups";
import { recordAuditEvent } from "@/lib/audit/record";
import type { Db, DbOrTx } from "@/lib/db/client";
import { allocateId } from "@/lib/db/ids";
import type { Actor } from "@/lib/identity/acting-user";
import { fail, ok, type Result } from "@/lib/result";
import { NOTIFICATION_EVENTS } from "@/lib/audit/notification-events";
import { newSecret } from "./signature";

export const NewSubscriptionSchema = z.object({
  name: z.string().trim().min(1).max(200),
  url: z.url({ protocol: /^https?$/ }).max(2000),
  events: z.array(z.enum(NOTIFICATION_EVENTS)).min(1).transform((e) => [...new Set(e)]),
});
export type NewSubscription = z.infer<typeof NewSubscriptionSchema>;

export interface SubscriptionView {
  id: string;
  name: string;
  url: string;
  events: string[];
  isActive: boolean;
  createdAt: string;
  createdBy: string;
  deliveries: { pending: number; delivered: number; failed: number };
}

const parseEvents = (json: string): string[] => {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
  } catch {
    return [];
  }
};

/** Creates a subscription; the answer is the only time its signing secret is shown. */
export async function createSubscription(db: Db, actor: Actor, input: NewSubscription, now = new Date()): Promise<Result<SubscriptionView & { secret: string }>> {
  const secret = newSecret();
  const id = await db.$transaction(async (tx) => {
    const id = await allocateId(tx, "WebhookSubscriptions");
    await tx.webhookSubscription.create({
      data: { id, name: input.name, url: input.url, secret, events: JSON.stringify(input.events), createdAt: now, createdById: actor.id, createdBy: actor.username },
    });
    await recordAuditEvent(tx, {
      eventGroup: AuditEventGroups.webhookCreated, category: "WebhookCreated", occurredAt: now, user: actor,
      message: `${actor.username} subscribed webhook "${input.name}" (${new URL(input.url).origin}) to ${input.events.join(", ")}`,
      details: { subscriptionId: id, url: input.url, events: input.events },
    });
    return id;
  });
  const [view] = await listSubscriptions(db, id);
  return ok({ ...view, secret }, 201);
}

export async function setSubscriptionActive(db: Db, actor: Actor, id: string, isActive: boolean): Promise<Result<SubscriptionView>> {
  const found = await db.$transaction(async (tx) => {
    const s = await tx.webhookSubscription.findUnique({ where: { id }, select: { name: true, isActive: true } });
    if (!s) return false;
    if (s.isActive === isActive) return true;
    await tx.webhookSubscription.update({ where: { id }, data: { isActive } });
    await recordAuditEvent(tx, {
      eventGroup: AuditEventGroups.webhookChanged, category: isActive ? "WebhookEnabled" : "WebhookDisabled", user: actor,
      message: `${actor.username} ${isActive ? "enabled" : "disabled"} webhook "${s.name}"`, details: { subscriptionId: id },
    });
    return true;
  });
  if (!found) return fail("not_found", `There is no webhook subscription ${id}`, 404);
  const [view] = await listSubscriptions(db, id);
  return ok(view);
}

/** Every subscription (or one), newest first, with its deliveries counted by state; never the secret. */
export async function listSubscriptions(db: DbOrTx, id?: string): Promise<SubscriptionView[]> {
  const rows = await db.webhookSubscription.findMany({ where: id ? { id } : {}, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
  const counts = await db.webhookDelivery.groupBy({ by: ["subscriptionId", "status"], where: { subscriptionId: { in: rows.map((r) => r.id) } }, _count: { _all: true } });
  return rows.map((r) => {
    const of = (status: string) => counts.find((c) => c.subscriptionId === r.id && c.status === status)?._count._all ?? 0;
    return {
      id: r.id, name: r.name, url: r.url, events: parseEvents(r.events), isActive: r.isActive, createdAt: r.createdAt.toISOString(), createdBy: r.createdBy,
      deliveries: { pending: of("pending"), delivered: of("delivered"), failed: of("failed") },
    };
  });
}

/** A subscription's delivery log: its latest deliveries with every attempt, newest first. */
export async function deliveryLog(db: DbOrTx, subscriptionId: string, take = 100) {
  const deliveries = await db.webhookDelivery.findMany({
    where: { subscriptionId },
    orderBy: { id: "desc" },
    take,
    select: {
      id: true, status: true, attempts: true, nextAttemptAt: true, deliveredAt: true, lastStatusCode: true, lastError: true, createdAt: true,
      outbox: { select: { type: true, auditEventId: true } },
      log: { orderBy: { attempt: "asc" }, select: { attempt: true, at: true, statusCode: true, error: true, durationMs: true } },
    },
  });
  return deliveries.map(({ outbox, ...d }) => ({ ...d, event: { type: outbox.type, id: outbox.auditEventId } }));
}
