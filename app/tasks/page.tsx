import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState } from "@/components/EmptyState";
import { PageHeader } from "@/components/PageHeader";
import { Pagination } from "@/components/Pagination";
import { Table, Td, Th } from "@/components/Table";
import { TaskStateBadge } from "@/components/TaskStateBadge";
import { TASK_STATES } from "@/lib/db/enums";
import { currentSpace } from "@/lib/spaces/current";
import { listTasks, taskListParams } from "@/lib/tasks/queries";
import { formatDateTime, formatDuration } from "@/lib/ui/format";
import { humanize } from "@/lib/ui/tone";

export const metadata: Metadata = { title: "Tasks" };

interface Props {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export default async function TasksPage({ searchParams }: Props) {
  const params = taskListParams.parse(await searchParams);
  const { current } = await currentSpace();
  const tasks = current ? await listTasks(current.id, params) : null;

  return (
    <>
      <PageHeader title="Tasks" description="Deployments and runbook runs, newest first">
        <form method="get" className="flex items-end gap-2">
          <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
            State
            <select name="state" defaultValue={params.state ?? ""} className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm">
              <option value="">Any state</option>
              {TASK_STATES.map((state) => (
                <option key={state} value={state}>
                  {humanize(state)}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="rounded-md bg-brand-500 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700">
            Filter
          </button>
        </form>
      </PageHeader>
      {!tasks || tasks.total === 0 ? (
        <EmptyState title={params.state ? `No ${humanize(params.state).toLowerCase()} tasks` : "No tasks yet"}>
          Tasks appear here when a release is deployed or a runbook is run in this space.
        </EmptyState>
      ) : (
        <>
          <Table caption="Server tasks">
            <thead>
              <tr>
                <Th>State</Th>
                <Th>Task</Th>
                <Th>Project</Th>
                <Th>Environment</Th>
                <Th>Tenant</Th>
                <Th>Queued</Th>
                <Th>Duration</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {tasks.items.map((task) => (
                <tr key={task.id} className="hover:bg-slate-50">
                  <Td>
                    <TaskStateBadge state={task.state} />
                  </Td>
                  <Td>
                    <Link href={`/tasks/${task.id}`} className="font-medium text-brand-700 hover:underline">
                      {task.description}
                    </Link>
                    <span className="block text-xs text-slate-500">{task.id}</span>
                  </Td>
                  <Td>{task.project ? <Link href={`/projects/${task.project.slug}`} className="hover:underline">{task.project.name}</Link> : "—"}</Td>
                  <Td>{task.environment?.name ?? "—"}</Td>
                  <Td>{task.tenant?.name ?? "—"}</Td>
                  <Td className="whitespace-nowrap">{formatDateTime(task.queuedAt)}</Td>
                  <Td>{task.startedAt && task.completedAt ? formatDuration(task.completedAt.getTime() - task.startedAt.getTime()) : "—"}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
          <Pagination page={tasks.page} pageCount={tasks.pageCount} total={tasks.total} path="/tasks" query={{ state: params.state }} noun="tasks" />
        </>
      )}
    </>
  );
}
