import type { Metadata } from "next";
import { PageHeader } from "@/components/PageHeader";
import { DeliveryLog } from "@/components/webhooks/DeliveryLog";
import { WebhooksView } from "@/components/webhooks/WebhooksView";
import { requirePagePermission } from "@/lib/auth/page-access";
import { prisma } from "@/lib/db/client";
import { NOTIFICATION_EVENTS } from "@/lib/audit/notification-events";
import { deliveryLog, listSubscriptions } from "@/lib/notifications/subscriptions";

export const metadata: Metadata = { title: "Webhooks" };
export const dynamic = "force-dynamic";

interface Props {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

/** Webhook subscriptions, and the delivery log of the one chosen with ?subscription=. */
export default async function WebhooksPage({ searchParams }: Props) {
  await requirePagePermission("Administer");
  const chosen = (await searchParams).subscription;
  const subscriptions = await listSubscriptions(prisma);
  const selected = typeof chosen === "string" ? subscriptions.find((s) => s.id === chosen) : undefined;
  const log = selected ? await deliveryLog(prisma, selected.id) : null;
  return (
    <>
      <PageHeader
        title="Webhooks"
        description="Evaluation outcomes and policy lifecycle events, POSTed as signed JSON and retried with backoff until accepted. SIEMs can also read GET /api/audit/stream."
      />
      <WebhooksView subscriptions={subscriptions} events={[...NOTIFICATION_EVENTS]} selectedId={selected?.id ?? null} />
      {selected && log && <DeliveryLog name={selected.name} deliveries={log.map((d) => ({ ...d, nextAttemptAt: d.nextAttemptAt.toISOString(), deliveredAt: d.deliveredAt?.toISOString() ?? null, createdAt: d.createdAt.toISOString(), log: d.log.map((a) => ({ ...a, at: a.at.toISOString() })) }))} />}
    </>
  );
}
