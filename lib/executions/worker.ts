import { prisma, type Db } from "@/lib/db/client";
import { workerConfigFromEnv } from "./config";
import type { GateOptions } from "./gate/run-gate";
import { claimNextTask } from "./queue/claim";
import { recoverInterruptedTasks } from "./queue/recover";
import { nextQueueChange, signalQueueChanged } from "./queue/signal";
import { runTask, type RunTaskOptions } from "./run-task";

export interface WorkerOptions extends GateOptions {
  concurrency?: number;
  stepDelayMs?: number;
  /** How often to look for tasks queued by other processes. */
  pollIntervalMs?: number;
  onGate?: RunTaskOptions["onGate"];
}

export interface RunningWorker {
  /** Stops claiming tasks and waits for the running ones to finish. */
  stop(): Promise<void>;
  /** Ids of the tasks this worker is running now. */
  running(): string[];
}

function settings(options: WorkerOptions): { concurrency: number; pollIntervalMs: number; run: RunTaskOptions } {
  const env = workerConfigFromEnv();
  return {
    concurrency: options.concurrency ?? env.concurrency,
    pollIntervalMs: options.pollIntervalMs ?? env.pollIntervalMs,
    run: { cache: options.cache, limits: options.limits, onGate: options.onGate, stepDelayMs: options.stepDelayMs ?? env.stepDelayMs },
  };
}

/** Resolves after `ms` or at the next queue change in this process, whichever comes first. */
async function queueChangeOrTimeout(ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([nextQueueChange(), new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}

/**
 * Runs queued tasks, oldest first and at most `concurrency` at once, until none is queued or
 * running (or `shouldStop` says so: then it claims no more and waits for the running ones).
 * `running` holds the ids of the tasks under way, for a caller that reports them. Returns how many
 * tasks it ran.
 */
export async function processQueue(
  db: Db,
  options: WorkerOptions = {},
  shouldStop: () => boolean = () => false,
  running: Map<string, Promise<unknown>> = new Map(),
): Promise<number> {
  const { concurrency, pollIntervalMs, run } = settings(options);
  let processed = 0;
  for (;;) {
    let claimedAll = false;
    while (running.size < concurrency && !shouldStop()) {
      const id = await claimNextTask(db);
      if (!id) {
        claimedAll = true;
        break;
      }
      running.set(id, runTask(db, id, run).finally(() => running.delete(id)));
      processed++;
    }
    if (running.size === 0) return processed;
    const tasks = [...running.values()];
    // With free slots, a task queued meanwhile is started without waiting for a running one to end.
    await Promise.race(claimedAll ? [...tasks, queueChangeOrTimeout(pollIntervalMs)] : tasks);
  }
}

/**
 * The worker loop of the server process: fails tasks a previous server left executing, then
 * runs the queue whenever a task is queued here or every poll interval.
 */
export function startWorker(options: WorkerOptions & { db?: Db } = {}): RunningWorker {
  const db = options.db ?? prisma;
  const { pollIntervalMs } = settings(options);
  let stopped = false;
  const running = new Map<string, Promise<unknown>>();
  const loop = (async () => {
    await recoverInterruptedTasks(db);
    while (!stopped) {
      try {
        await processQueue(db, options, () => stopped, running);
      } catch (e) {
        console.error("[policy-hub worker] could not process the queue:", e);
      }
      if (stopped) break;
      await queueChangeOrTimeout(pollIntervalMs);
    }
  })();
  return {
    async stop() {
      stopped = true;
      signalQueueChanged();
      await loop;
    },
    running: () => [...running.keys()],
  };
}
