import type { Metadata } from "next";
import { z } from "zod";
import Link from "next/link";
import { EmptyState } from "@/components/EmptyState";
import { PageHeader } from "@/components/PageHeader";
import { CursorPagination } from "@/components/audit/CursorPagination";
import { Table, Td, Th } from "@/components/Table";
import { ViolationMarker } from "@/components/projects/ViolationMarker";
import { TaskStateBadge } from "@/components/TaskStateBadge";
import { TASK_KINDS, TASK_STATES } from "@/lib/db/enums";
import { currentSpace } from "@/lib/spaces/current";
import { prisma } from "@/lib/db/client";
import { listTasks, taskFilterOptions } from "@/lib/executions/task-queries";
import { formatDateTime, formatDuration } from "@/lib/ui/format";
import { humanize } from "@/lib/ui/tone";
import { FilterSelect } from "@/components/FilterSelect";
import { requirePagePermission } from "@/lib/auth/page-access";
import { ResetOnRestore } from "@/components/ResetOnRestore";

export const metadata: Metadata = { title: "Tasks" };

const id = z.string().trim().min(1).max(100).optional().catch(undefined);

/** The list's filters as they live in the URL, so a filtered list can be shared; a bad value drops that filter. */
const taskListParams = z.object({
  cursor: z.string().max(200).optional().catch(undefined),
  direction: z.enum(["older", "newer"]).optional().catch(undefined),
  state: z.enum(TASK_STATES).optional().catch(undefined),
  kind: z.enum(TASK_KINDS).optional().catch(undefined),
  project: id,
  environment: id,
});

interface Props {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export default async function TasksPage({ searchParams }: Props) {
  await requirePagePermission("ProjectView", (await currentSpace()).current?.id);
  const params = taskListParams.parse(await searchParams);
  const { current } = await currentSpace();
  const filters = { spaceId: current?.id, cursor: params.cursor, direction: params.direction, state: params.state, kind: params.kind, projectId: params.project, environmentId: params.environment };
  const [listed, options] = current
    ? await Promise.all([listTasks(prisma, filters), taskFilterOptions(prisma, current.id)])
    : [null, { projects: [], environments: [] }];
  const tasks = listed?.ok ? listed.value : null;
  const filterQuery = new URLSearchParams(
    Object.entries({ state: params.state, kind: params.kind, project: params.project, environment: params.environment }).flatMap(([k, v]) => (v ? [[k, v]] : [])),
  );
  const filtered = Boolean(params.state || params.kind || params.project || params.environment);
  const select = (name: "state" | "kind" | "project" | "environment", label: string, any: string, list: readonly { id: string; name: string }[]) => (
    <FilterSelect name={name} label={label} any={any} options={list} value={params[name]} />
  );
  const asOptions = (values: readonly string[]) => values.map((v) => ({ id: v, name: v === "RunbookRun" ? "Runbook run" : humanize(v) }));

  return (
    <>
      <PageHeader title="Tasks" description="Deployments and runbook runs, newest first">
        {/* autoComplete off: Back must show the filters of the URL, not the choices the browser restores. */}
        <form method="get" autoComplete="off" className="flex flex-wrap items-end gap-2">
          <ResetOnRestore />
          {select("state", "State", "Any state", asOptions(TASK_STATES))}
          {select("kind", "Kind", "Any kind", asOptions(TASK_KINDS))}
          {select("project", "Project", "Any project", options.projects)}
          {select("environment", "Environment", "Any environment", options.environments)}
          <button type="submit" className="rounded-md bg-brand-500 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700">
            Filter
          </button>
        </form>
      </PageHeader>
      {!tasks || tasks.total === 0 ? (
        <EmptyState title={filtered ? "No tasks match these filters" : "No tasks yet"}>
          {filtered ? "Choose Any in some filters to see more tasks." : "Tasks appear here when a release is deployed or a runbook is run in this space."}
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
                    <span className="flex items-center gap-2 text-xs text-slate-500">
                      {task.id}
                      <ViolationMarker violation={task.violation} />
                    </span>
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
          <p className="mt-4 text-sm text-slate-600">
            {tasks.totalCapped ? `More than ${tasks.total.toLocaleString()}` : tasks.total.toLocaleString()} {tasks.total === 1 && !tasks.totalCapped ? "task" : "tasks"}
          </p>
          <CursorPagination path="/tasks" query={filterQuery} newer={tasks.newer} older={tasks.older} />
        </>
      )}
    </>
  );
}
