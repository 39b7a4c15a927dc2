import Link from "next/link";
import { EmptyState } from "@/components/EmptyState";
import { Table, Td, Th } from "@/components/Table";
import { TaskStateBadge } from "@/components/TaskStateBadge";
import type { ProjectDashboard } from "@/lib/projects/queries";
import { formatDateTime } from "@/lib/ui/format";
import type { TargetChoices } from "./ExecutionForm";
import { ViolationMarker } from "./ViolationMarker";
import { RunButton } from "./RunDialog";

export function RunbooksTab({ dashboard, choices }: { dashboard: ProjectDashboard; choices: TargetChoices }) {
  if (dashboard.runbooks.length === 0) {
    return <EmptyState title="No runbooks yet">Add a runbook to this project to automate routine operations, then publish a snapshot to run it.</EmptyState>;
  }
  return (
    <Table caption="Runbooks and their last runs">
      <thead>
        <tr>
          <Th>Runbook</Th>
          <Th>Published snapshot</Th>
          <Th>Last runs</Th>
          <Th>
            <span className="sr-only">Actions</span>
          </Th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {dashboard.runbooks.map((runbook) => (
          <tr key={runbook.id}>
            <Td>
              <span className="font-medium">{runbook.name}</span>
              <span className="block text-xs text-slate-500">{runbook.description}</span>
            </Td>
            <Td>{runbook.publishedSnapshot?.name ?? <span className="text-slate-500">Not published</span>}</Td>
            <Td>
              {runbook.runs.length === 0 ? (
                <span className="text-xs text-slate-500">Never run</span>
              ) : (
                <ul className="flex flex-col gap-1">
                  {runbook.runs.map((run) => (
                    <li key={run.id} className="flex flex-wrap items-center gap-2 text-xs">
                      <TaskStateBadge state={run.task.state} />
                      <ViolationMarker violation={run.violation} title={run.violations.map((v) => `${v.policyName}: ${v.reason ?? v.outcome}`).join("\n")} />
                      <Link href={`/tasks/${run.task.id}`} className="text-brand-700 hover:underline">
                        {run.environment.name}
                        {run.tenant ? ` · ${run.tenant.name}` : ""}
                      </Link>
                      <span className="text-slate-500">{formatDateTime(run.createdAt)}</span>
                    </li>
                  ))}
                </ul>
              )}
            </Td>
            <Td className="text-right">
              <RunButton choices={choices} runbook={{ id: runbook.id, name: runbook.name, snapshot: runbook.publishedSnapshot }} />
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
