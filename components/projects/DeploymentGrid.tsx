import Link from "next/link";
import { EmptyState } from "@/components/EmptyState";
import { Table, Td, Th } from "@/components/Table";
import { Tags } from "@/components/Tags";
import { TaskStateBadge } from "@/components/TaskStateBadge";
import type { ProjectDashboard } from "@/lib/projects/queries";
import { formatAge } from "@/lib/ui/format";
import { ViolationMarker } from "./ViolationMarker";

export function DeploymentGrid({ dashboard }: { dashboard: ProjectDashboard }) {
  const now = new Date();
  if (dashboard.rows.length === 0) {
    return (
      <EmptyState title="No tenants connected">
        This project deploys per tenant. Connect a tenant to the project and choose its environments to see it here.
      </EmptyState>
    );
  }
  const tenanted = dashboard.rows.some((row) => row.tenant);
  return (
    <Table caption={`Latest deployment per ${tenanted ? "tenant and " : ""}environment`}>
      <thead>
        <tr>
          {tenanted && <Th>Tenant</Th>}
          {dashboard.environments.map((env) => (
            <Th key={env.id}>{env.name}</Th>
          ))}
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {dashboard.rows.map((row) => (
          <tr key={row.tenant?.id ?? "untenanted"}>
            {row.tenant && (
              <Td>
                <span className="font-medium">{row.tenant.name}</span>
                <Tags tags={row.tenant.tags} />
              </Td>
            )}
            {row.cells.map((deployment, i) => (
              <Td key={dashboard.environments[i].id} data-violation={deployment?.violation}>
                {deployment ? (
                  <Link href={`/tasks/${deployment.taskId}`} className="group flex flex-col items-start gap-1">
                    <span className="font-mono text-sm font-semibold group-hover:underline">{deployment.release?.version}</span>
                    <TaskStateBadge state={deployment.state} />
                    <ViolationMarker violation={deployment.violation} title={deployment.violations.map((v) => `${v.policyName}: ${v.reason ?? v.outcome}`).join("\n")} />
                    <span className="text-xs text-slate-500">{formatAge(deployment.queuedAt, now)}</span>
                  </Link>
                ) : (
                  <span className="text-xs text-slate-400">Not deployed</span>
                )}
              </Td>
            ))}
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
