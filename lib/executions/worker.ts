import { prisma, type Db } from "../db/client";
import { workerConfigFromEnv } from "./config";
import type { GateOptions } from "./gate/run-gate";
import { claimNextTask } from "./queue/claim";
import { recoverInterruptedTasks } from "./queue/recover";
import { nextQueueChange, signalQueueChanged } from "./queue/signal";
import { runTask, type RunTaskOptions } from "./run-task";

export interface WorkerOptions extends GateOptions {
  concurrency?: number;
  stepDelayMs?: number;
  onGate?: RunTaskOptions["onGate"];
}

export interface LoopOptions extends WorkerOptions {
  pollIntervalMs?: number;
}

export interface RunningWorker {
  /** Stops claiming tasks and waits for the running ones to finish. */
  stop(): Promise<void>;
}

function taskOptions(options: WorkerOptions): { concurrency: number; run: RunTaskOptions } {
  const env = workerConfigFromEnv();
  return {
    concurrency: options.concurrency ?? env.concurrency,
    run: { cache: options.cache, limits: options.limits, onGate: options.onGate, stepDelayMs: options.stepDelayMs ?? env.stepDelayMs },
  };
}

/**
 * Runs queued tasks, oldest first and at most `concurrency` at once, until none is queued or
 * running (or `shouldStop` says so). Returns how many tasks it ran.
 */
export async function processQueue(db: Db, options: WorkerOptions = {}, shouldStop: () => boolean = () => false): Promise<number> {
  const { concurrency, run } = taskOptions(options);
  const running = new Set<Promise<unknown>>();
  let processed = 0;
  for (;;) {
    let claimedAll = false;
    while (running.size < concurrency && !shouldStop()) {
      const id = await claimNextTask(db);
      if (!id) {
        claimedAll = true;
        break;
      }
      const task: Promise<unknown> = runTask(db, id, run).finally(() => running.delete(task));
      running.add(task);
      processed++;
    }
    if (running.size === 0) return processed;
    // With free slots, a task queued meanwhile in this process is started without waiting.
    await Promise.race(claimedAll ? [...running, nextQueueChange()] : [...running]);
  }
}

/**
 * The worker loop of the server process: fails tasks a previous server left executing, then
 * runs the queue whenever a task is queued here or every poll interval.
 */
export function startWorker(options: LoopOptions & { db?: Db } = {}): RunningWorker {
  const db = options.db ?? prisma;
  const pollIntervalMs = options.pollIntervalMs ?? workerConfigFromEnv().pollIntervalMs;
  let stopped = false;
  const loop = (async () => {
    await recoverInterruptedTasks(db);
    while (!stopped) {
      try {
        await processQueue(db, options, () => stopped);
      } catch (e) {
        console.error("[policy-hub worker] could not process the queue:", e);
      }
      if (stopped) break;
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([nextQueueChange(), new Promise<void>((r) => (timer = setTimeout(r, pollIntervalMs)))]);
      clearTimeout(timer);
    }
  })();
  return {
    async stop() {
      stopped = true;
      signalQueueChanged();
      await loop;
    },
  };
}
