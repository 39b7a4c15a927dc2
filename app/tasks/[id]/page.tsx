import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/PageHeader";
import { StatusBadge } from "@/components/StatusBadge";
import { TaskStateBadge } from "@/components/TaskStateBadge";
import { parseJsonColumn, stepIdsSchema } from "@/lib/db/json";
import { getTask, type TaskDetail } from "@/lib/tasks/queries";
import { formatDateTime, formatDuration } from "@/lib/ui/format";
import { logLevelTone } from "@/lib/ui/tone";

interface Props {
  params: Promise<{ id: string }>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  return { title: id };
}

export default async function TaskPage({ params }: Props) {
  const { id } = await params;
  const task = await getTask(decodeURIComponent(id));
  if (!task) notFound();
  const execution = task.deployment ?? task.runbookRun;
  const skipped = execution ? parseJsonColumn(stepIdsSchema, execution.skippedStepIds) : [];

  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm text-slate-500">
        <Link href="/tasks" className="hover:underline">
          Tasks
        </Link>{" "}
        / {task.id}
      </nav>
      <PageHeader title={task.description}>
        <TaskStateBadge state={task.state} />
      </PageHeader>
      <dl className="mb-6 grid grid-cols-2 gap-x-6 gap-y-3 rounded-lg border border-slate-200 bg-white p-4 text-sm sm:grid-cols-4">
        <Detail label="Project">{task.project ? <Link className="hover:underline" href={`/projects/${task.project.slug}`}>{task.project.name}</Link> : "—"}</Detail>
        <Detail label="Environment">{task.environment?.name ?? "—"}</Detail>
        <Detail label="Tenant">{task.tenant?.name ?? "—"}</Detail>
        <Detail label={task.deployment ? "Release" : "Snapshot"}>
          {task.deployment?.release.version ?? (task.runbookRun ? `${task.runbookRun.runbook.name}, ${task.runbookRun.snapshot.name}` : "—")}
        </Detail>
        <Detail label="Queued">{formatDateTime(task.queuedAt)}</Detail>
        <Detail label="Started">{task.startedAt ? formatDateTime(task.startedAt) : "Not yet"}</Detail>
        <Detail label="Duration">{task.startedAt && task.completedAt ? formatDuration(task.completedAt.getTime() - task.startedAt.getTime()) : "—"}</Detail>
        <Detail label="Started by">{task.createdBy?.displayName ?? "System"}</Detail>
        {skipped.length > 0 && <Detail label="Excluded steps">{skipped.join(", ")}</Detail>}
      </dl>
      {task.errorMessage && (
        <p role="alert" className="mb-6 rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800">
          {task.errorMessage}
        </p>
      )}
      <TaskLog entries={task.logEntries} />
    </>
  );
}

function Detail({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</dt>
      <dd className="mt-0.5 text-slate-900">{children}</dd>
    </div>
  );
}

/** Log lines grouped under the section (step) that wrote them, in order. */
function TaskLog({ entries }: { entries: TaskDetail["logEntries"] }) {
  const sections: { title: string; entries: TaskDetail["logEntries"] }[] = [];
  for (const entry of entries) {
    const last = sections[sections.length - 1];
    if (last && last.title === entry.section) last.entries.push(entry);
    else sections.push({ title: entry.section, entries: [entry] });
  }
  return (
    <section aria-labelledby="task-log">
      <h2 id="task-log" className="mb-3 text-lg font-semibold">
        Task log
      </h2>
      {entries.length === 0 ? (
        <p className="text-sm text-slate-600">This task has not written anything yet.</p>
      ) : (
        <div className="overflow-hidden rounded-lg border border-slate-200 bg-white font-mono text-xs">
          {sections.map((section, i) => (
            <div key={`${i}-${section.title}`} className="border-b border-slate-100 last:border-b-0">
              {section.title && <h3 className="bg-slate-50 px-3 py-1.5 font-sans text-sm font-semibold text-slate-700">{section.title}</h3>}
              <ol>
                {section.entries.map((entry) => (
                  <li key={entry.id} className="grid grid-cols-[10rem_5.5rem_1fr] gap-3 px-3 py-1">
                    <time dateTime={entry.occurredAt.toISOString()} className="text-slate-500">
                      {entry.occurredAt.toISOString().slice(11, 19)}
                    </time>
                    <span>
                      <StatusBadge tone={logLevelTone(entry.level)}>{entry.level}</StatusBadge>
                    </span>
                    <span className="whitespace-pre-wrap break-words text-slate-800">{entry.message}</span>
                  </li>
                ))}
              </ol>
            </div>
          ))}
        </div>
      )}
    </section>
  );
}
