"use client";

import Link from "next/link";
import { useEffect, useState, type ReactNode } from "react";
import { TaskStateBadge } from "@/components/TaskStateBadge";
import { FINAL_TASK_STATES } from "@/lib/db/enums";
import type { Jsonified, TaskWithLog } from "@/lib/executions/task-queries";
import { LOG_BATCH, type LogEntry } from "@/lib/tasks/log-rows";
import { enforcedAction } from "@/lib/policies/decision/violation";
import { formatDateTime, formatDuration } from "@/lib/ui/format";
import { LogViewer } from "./LogViewer";
import { policyHref } from "@/lib/ui/links";

/** The task as the API answers it (`GET /api/tasks/{id}`); the page renders the same read first. */
export type LiveTask = Jsonified<TaskWithLog>;

const FINISHED = new Set<string>(FINAL_TASK_STATES);
const POLL_MS = 1000;

/** Starts from the page's read, reads the rest of the log in batches, then polls while the task is unfinished. */
function useLiveTask(taskId: string, initial: LiveTask) {
  const [task, setTask] = useState(initial.task);
  const [entries, setEntries] = useState<LogEntry[]>(initial.log);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let stopped = false;
    let afterSeq = initial.log.at(-1)?.seq ?? 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = async () => {
      try {
        const response = await fetch(`/api/tasks/${encodeURIComponent(taskId)}?afterSeq=${afterSeq}&limit=${LOG_BATCH}`, { cache: "no-store" });
        if (!response.ok) throw new Error(`The task could not be read (HTTP ${response.status})`);
        const body = (await response.json()) as LiveTask;
        if (stopped) return;
        setError(null);
        setTask(body.task);
        if (body.log.length > 0) {
          afterSeq = body.log[body.log.length - 1].seq;
          setEntries((previous) => previous.concat(body.log));
        }
        schedule(body);
      } catch (e) {
        if (stopped) return;
        setError((e as Error).message);
        timer = setTimeout(tick, POLL_MS * 3);
      }
    };
    // The task is read before its log, so once it is finished the log read with it is complete.
    const schedule = (read: LiveTask) => {
      if (read.nextAfterSeq !== null) timer = setTimeout(tick, 0);
      else if (!FINISHED.has(read.task.state)) timer = setTimeout(tick, POLL_MS);
    };
    schedule(initial);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
    // The page's first read is only the starting point: later reads come from the API.
  }, [taskId]);
  return { task, entries, error };
}

function useNow(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const id = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(id);
  }, [active]);
  return now;
}

export function TaskView({ taskId, initial, details }: { taskId: string; initial: LiveTask; details: ReactNode }) {
  const { task, entries, error } = useLiveTask(taskId, initial);
  const running = !FINISHED.has(task.state);
  const now = useNow(running);
  const started = task.startedAt ? Date.parse(task.startedAt) : null;
  const ended = task.completedAt ? Date.parse(task.completedAt) : running ? now : null;
  const enforced = (action: string) => task.policyEvaluations.filter((e) => enforcedAction(e.outcome, e.policyVersion.violationAction) === action);
  const blocked = enforced("block");
  const warned = enforced("warn");

  return (
    <>
      {blocked.length > 0 && (
        <div role="alert" className="mb-4 rounded-md border-l-4 border-red-600 bg-red-50 px-4 py-3 text-sm text-red-900">
          <p className="font-semibold">Blocked by {blocked.length === 1 ? "a policy" : `${blocked.length} policies`} before any step ran</p>
          <PolicyList evaluations={blocked} />
        </div>
      )}
      {warned.length > 0 && (
        <div role="status" className="mb-4 rounded-md border-l-4 border-amber-500 bg-amber-50 px-4 py-3 text-sm text-amber-950">
          <p className="font-semibold">Ran with {warned.length === 1 ? "a policy warning" : `${warned.length} policy warnings`}</p>
          <PolicyList evaluations={warned} />
        </div>
      )}
      {/* Columns by the room the page has, not the window's width: beside the sidebar a 720 px window leaves too little for four. */}
      <dl className="mb-6 grid grid-cols-[repeat(auto-fill,minmax(10rem,1fr))] gap-x-6 gap-y-3 rounded-lg border border-slate-200 bg-white p-4 text-sm">
        <Detail label="State">
          <TaskStateBadge state={task.state} />
        </Detail>
        <Detail label="Duration">{started !== null && ended !== null ? formatDuration(ended - started) : "—"}</Detail>
        <Detail label="Queued">{formatDateTime(new Date(task.queuedAt))}</Detail>
        <Detail label="Started">{task.startedAt ? formatDateTime(new Date(task.startedAt)) : "Not yet"}</Detail>
        {details}
      </dl>
      {task.errorMessage && blocked.length === 0 && (
        <p role="alert" className="mb-6 rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800">
          {task.errorMessage}
        </p>
      )}
      {error && <p className="mb-2 text-sm text-red-700">{error}; retrying…</p>}
      <LogViewer entries={entries} live={running} />
    </>
  );
}

function PolicyList({ evaluations }: { evaluations: LiveTask["task"]["policyEvaluations"] }) {
  return (
    <ul className="mt-1 list-disc pl-5">
      {evaluations.map((e) => (
        <li key={e.id}>
          <Link href={policyHref(e.policy.slug)} className="font-medium underline underline-offset-2 hover:no-underline">
            {e.policy.name}
          </Link>{" "}
          <span className="text-xs">(v{e.policyVersion.version})</span>
          {e.outcome === "error" && <span className="font-semibold"> errored</span>}: {e.reason ?? "no reason given"}
        </li>
      ))}
    </ul>
  );
}

export function Detail({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</dt>
      <dd className="mt-0.5 break-words text-slate-900">{children}</dd>
    </div>
  );
}
