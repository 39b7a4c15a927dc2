import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState } from "@/components/EmptyState";
import { PageHeader } from "@/components/PageHeader";
import { Pagination } from "@/components/Pagination";
import { StatusBadge } from "@/components/StatusBadge";
import { Table, Td, Th } from "@/components/Table";
import { auditListParams, listAuditEventGroups, listAuditEvents } from "@/lib/audit/queries";
import { formatDateTime } from "@/lib/ui/format";
import { outcomeTone } from "@/lib/ui/tone";

export const metadata: Metadata = { title: "Audit" };

interface Props {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export default async function AuditPage({ searchParams }: Props) {
  const params = auditListParams.parse(await searchParams);
  const [events, groups] = await Promise.all([listAuditEvents(params), listAuditEventGroups()]);

  return (
    <>
      <PageHeader title="Audit" description="Who did what, and every compliance policy evaluation, newest first">
        <form method="get" className="flex items-end gap-2">
          <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
            Event group
            <select name="group" defaultValue={params.group ?? ""} className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm">
              <option value="">All event groups</option>
              {groups.map((group) => (
                <option key={group} value={group}>
                  {group}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="rounded-md bg-brand-500 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700">
            Filter
          </button>
        </form>
      </PageHeader>
      {events.total === 0 ? (
        <EmptyState title={params.group ? `No "${params.group}" events` : "No audit events yet"}>
          Events are recorded as people create releases, deploy, run runbooks and as policies are evaluated.
        </EmptyState>
      ) : (
        <>
          <Table caption="Audit events">
            <thead>
              <tr>
                <Th>Time</Th>
                <Th>Event</Th>
                <Th>User</Th>
                <Th>Project</Th>
                <Th>Environment</Th>
                <Th>Tenant</Th>
                <Th>Space</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {events.items.map((event) => (
                <tr key={event.id}>
                  <Td className="whitespace-nowrap">{formatDateTime(event.occurredAt)}</Td>
                  <Td>
                    <span className="flex flex-wrap items-center gap-2">
                      <span className="text-xs font-semibold text-slate-500">{event.eventGroup}</span>
                      {event.outcome && <StatusBadge tone={outcomeTone(event.outcome)}>{event.outcome}</StatusBadge>}
                    </span>
                    {event.taskId ? (
                      <Link href={`/tasks/${event.taskId}`} className="hover:underline">
                        {event.message}
                      </Link>
                    ) : (
                      event.message
                    )}
                  </Td>
                  <Td>{event.username ?? "System"}</Td>
                  <Td>{event.project?.name ?? "—"}</Td>
                  <Td>{event.environment?.name ?? "—"}</Td>
                  <Td>{event.tenant?.name ?? "—"}</Td>
                  <Td>{event.space?.name ?? "—"}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
          <Pagination page={events.page} pageCount={events.pageCount} total={events.total} path="/configuration/audit" query={{ group: params.group }} noun="events" />
        </>
      )}
    </>
  );
}
