import { prisma } from "@/lib/db/client";
import { fail, ok, route } from "@/lib/http";
import { deliveryLog, listSubscriptions } from "@/lib/notifications/subscriptions";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** The subscription's delivery log: its latest deliveries, each with every attempt and its answer. */
export const GET = route({ permission: "Administer" }, async ({ params }) => {
  const [subscription] = await listSubscriptions(prisma, params.id);
  if (!subscription) return fail("not_found", `There is no webhook subscription ${params.id}`, 404);
  return ok({ subscription, deliveries: await deliveryLog(prisma, params.id) });
});
