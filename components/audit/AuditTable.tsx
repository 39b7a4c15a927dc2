import Link from "next/link";
import { StatusBadge } from "@/components/StatusBadge";
import { Table, Td, Th } from "@/components/Table";
import type { AuditNames } from "@/lib/audit/query/names";
import type { AuditRow } from "@/lib/audit/query/page";
import { formatDateTime } from "@/lib/ui/format";
import { outcomeTone } from "@/lib/ui/tone";
import { policyHref } from "@/lib/ui/links";

export function AuditTable({ rows, names }: { rows: AuditRow[]; names: AuditNames }) {
  return (
    <Table caption="Audit events">
      <thead>
        <tr>
          <Th>Time</Th>
          <Th>Event</Th>
          <Th>User</Th>
          <Th>Project</Th>
          <Th>Environment</Th>
          <Th>Tenant</Th>
          <Th>Policy</Th>
          <Th>
            <span className="sr-only">Record</span>
          </Th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {rows.map((event) => {
          const policy = names.policy(event.policyId);
          const user = names.user(event);
          return (
            <tr key={event.id} className="hover:bg-slate-50">
              <Td className="whitespace-nowrap">
                <time dateTime={event.occurredAt.toISOString()}>{formatDateTime(event.occurredAt)}</time>
              </Td>
              <Td>
                <span className="flex flex-wrap items-center gap-2">
                  <span className="text-xs font-semibold text-slate-500" data-testid="event-group">
                    {event.eventGroup}
                  </span>
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
              <Td>
                <span title={user?.username ?? undefined}>{user?.name ?? "System"}</span>
              </Td>
              <Td>{names.project(event.projectId)?.name ?? "—"}</Td>
              <Td>{names.environment(event.environmentId)?.name ?? "—"}</Td>
              <Td>{names.tenant(event.tenantId)?.name ?? "—"}</Td>
              <Td>
                {policy ? (
                  <Link href={policyHref(policy.slug)} className="hover:underline">
                    {policy.name}
                  </Link>
                ) : (
                  (event.policyId ?? "—")
                )}
              </Td>
              <Td>
                <Link href={`/configuration/audit/${event.id}`} className="whitespace-nowrap text-brand-700 hover:underline" aria-label={`Details of ${event.id}`}>
                  Details
                </Link>
              </Td>
            </tr>
          );
        })}
      </tbody>
    </Table>
  );
}
