import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Breadcrumb } from "@/components/Breadcrumb";
import { PageHeader } from "@/components/PageHeader";
import { Detail, TaskView, type LiveTask } from "@/components/tasks/TaskView";
import { requirePagePermission } from "@/lib/auth/page-access";
import { prisma } from "@/lib/db/client";
import { getTaskWithLog } from "@/lib/executions/task-queries";
import { LOG_BATCH } from "@/lib/tasks/log-rows";
import { personName, personUsername } from "@/lib/ui/people";

interface Props {
  params: Promise<{ id: string }>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  return { title: decodeURIComponent(id) };
}

export default async function TaskPage({ params }: Props) {
  await requirePagePermission("ProjectView");
  const { id } = await params;
  const read = await getTaskWithLog(prisma, decodeURIComponent(id), { limit: LOG_BATCH });
  if (!read.ok) notFound();
  // The same JSON the task API answers, so the page and its polling read one shape.
  const initial = JSON.parse(JSON.stringify(read.value)) as LiveTask;
  const { task } = initial;

  return (
    <>
      <Breadcrumb href="/tasks" label="Tasks">
        {task.id}
      </Breadcrumb>
      <PageHeader title={task.description} />
      <TaskView
        taskId={task.id}
        initial={initial}
        details={
          <>
            <Detail label="Project">{task.project ? <Link className="text-brand-700 hover:underline" href={`/projects/${task.project.slug}`}>{task.project.name}</Link> : "—"}</Detail>
            <Detail label="Environment">{task.environment?.name ?? "—"}</Detail>
            <Detail label="Tenant">{task.tenant?.name ?? "—"}</Detail>
            <Detail label={task.deployment ? "Release" : "Runbook"}>
              {task.deployment?.releaseVersion ?? (task.runbookRun ? `${task.runbookRun.runbookName}, ${task.runbookRun.snapshotName}` : "—")}
            </Detail>
            <Detail label="Started by">
              {personName(task.createdBy)}
              {personUsername(task.createdBy) && <span className="ml-1 text-xs text-slate-500">{personUsername(task.createdBy)}</span>}
            </Detail>
            {task.excludedSteps.length > 0 && <Detail label="Excluded steps">{task.excludedSteps.join(", ")}</Detail>}
          </>
        }
      />
    </>
  );
}
