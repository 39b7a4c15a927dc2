import { z } from "zod";
import { prisma } from "@/lib/db/client";
import { route } from "@/lib/http";
import { setSubscriptionActive } from "@/lib/notifications/subscriptions";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Enables or disables a subscription; a disabled one's pending deliveries fail at their next attempt. */
export const POST = route({ permission: "Administer", body: z.object({ active: z.boolean() }) }, ({ params, body, actor }) =>
  setSubscriptionActive(prisma, actor, params.id, body.active),
);
