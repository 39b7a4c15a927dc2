import { EmptyState } from "@/components/EmptyState";
import { StatusBadge } from "@/components/StatusBadge";
import { Table, Td, Th } from "@/components/Table";
import { formatDateTime } from "@/lib/ui/format";
import type { Tone } from "@/lib/ui/tone";

export interface DeliveryRow {
  id: number;
  status: string;
  attempts: number;
  nextAttemptAt: string;
  deliveredAt: string | null;
  event: { type: string; id: string };
  log: { attempt: number; at: string; statusCode: number | null; error: string | null; durationMs: number }[];
}

const TONE: Record<string, Tone> = { delivered: "success", pending: "info", failed: "danger" };

/** One subscription's latest deliveries, each with every attempt and what the receiver answered. */
export function DeliveryLog({ name, deliveries }: { name: string; deliveries: DeliveryRow[] }) {
  return (
    <section aria-labelledby="delivery-log" className="mt-8">
      <h2 id="delivery-log" className="mb-2 text-sm font-semibold text-slate-900">Delivery log: {name}</h2>
      {deliveries.length === 0 ? (
        <EmptyState title="Nothing delivered yet">Deliveries appear here once an event the subscription wants happens.</EmptyState>
      ) : (
        <Table caption={`Deliveries of ${name}`}>
          <thead>
            <tr>
              <Th>Event</Th>
              <Th>Status</Th>
              <Th>Attempts</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {deliveries.map((d) => (
              <tr key={d.id}>
                <Td>
                  <span className="font-mono text-xs">{d.event.type}</span>
                  <div className="text-xs text-slate-500">{d.event.id}</div>
                </Td>
                <Td>
                  <StatusBadge tone={TONE[d.status] ?? "neutral"}>{d.status}</StatusBadge>
                  <div className="mt-0.5 text-xs text-slate-500">
                    {d.deliveredAt ? formatDateTime(new Date(d.deliveredAt)) : d.status === "pending" ? `next ${formatDateTime(new Date(d.nextAttemptAt))}` : ""}
                  </div>
                </Td>
                <Td>
                  <ol className="flex flex-col gap-0.5 text-xs">
                    {d.log.map((a) => (
                      <li key={a.attempt}>
                        #{a.attempt} {formatDateTime(new Date(a.at))}: {a.statusCode ?? "no answer"}
                        {a.error && a.statusCode === null ? ` (${a.error})` : ""} in {Math.round(a.durationMs)} ms
                      </li>
                    ))}
                  </ol>
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </section>
  );
}
