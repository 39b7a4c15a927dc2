import { prisma } from "@/lib/db/client";
import { ok, route } from "@/lib/http";
import { createSubscription, listSubscriptions, NewSubscriptionSchema } from "@/lib/notifications/subscriptions";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Webhook subscriptions with their deliveries counted by state (never their secrets). */
export const GET = route({ permission: "Administer" }, async () => ok({ items: await listSubscriptions(prisma) }));

/** Subscribes a URL to event types; the answer holds the signing secret, shown only this once. */
export const POST = route({ permission: "Administer", body: NewSubscriptionSchema }, ({ body, actor }) => createSubscription(prisma, actor, body));
