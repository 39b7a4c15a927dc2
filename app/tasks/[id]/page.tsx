import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/PageHeader";
import { Detail, TaskView } from "@/components/tasks/TaskView";
import { excludedStepNames, getTask } from "@/lib/tasks/queries";
import { Breadcrumb } from "@/components/Breadcrumb";
import { requirePagePermission } from "@/lib/auth/page-access";

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
  const task = await getTask(decodeURIComponent(id));
  if (!task) notFound();
  const skipped = excludedStepNames(task);
  const iso = (d: Date | null) => d?.toISOString() ?? null;

  return (
    <>
      <Breadcrumb href="/tasks" label="Tasks">
        {task.id}
      </Breadcrumb>
      <PageHeader title={task.description} />
      <TaskView
        taskId={task.id}
        initial={{
          state: task.state,
          queuedAt: task.queuedAt.toISOString(),
          startedAt: iso(task.startedAt),
          completedAt: iso(task.completedAt),
          errorMessage: task.errorMessage,
          policyEvaluations: task.policyEvaluations,
        }}
        details={
          <>
            <Detail label="Project">{task.project ? <Link className="text-brand-700 hover:underline" href={`/projects/${task.project.slug}`}>{task.project.name}</Link> : "—"}</Detail>
            <Detail label="Environment">{task.environment?.name ?? "—"}</Detail>
            <Detail label="Tenant">{task.tenant?.name ?? "—"}</Detail>
            <Detail label={task.deployment ? "Release" : "Runbook"}>
              {task.deployment?.release.version ?? (task.runbookRun ? `${task.runbookRun.runbook.name}, ${task.runbookRun.snapshot.name}` : "—")}
            </Detail>
            <Detail label="Started by">{task.createdBy?.displayName ?? "System"}</Detail>
            {skipped.length > 0 && <Detail label="Excluded steps">{skipped.join(", ")}</Detail>}
          </>
        }
      />
    </>
  );
}
