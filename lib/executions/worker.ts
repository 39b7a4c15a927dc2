import { prisma, type Db } from "@/lib/db/client";
import { workerConfigFromEnv } from "./config";
import type { GateOptions } from "./gate/run-gate";
import { claimNextTask } from "./queue/claim";
import { defaultClaimer, heartbeatIntervalMs, renewLeases, type Claimer } from "./queue/lease";
import { recoverExpiredTasks } from "./queue/recover";
import { nextQueueChange, signalQueueChanged } from "./queue/signal";
import { runTask, type RunTaskOptions } from "./run-task";

export interface WorkerOptions extends GateOptions {
  concurrency?: number;
  stepDelayMs?: number;
  /** How often to look for tasks queued by other processes. */
  pollIntervalMs?: number;
  onGate?: RunTaskOptions["onGate"];
  /** This instance's id and lease (POLICY_HUB_INSTANCE_ID, POLICY_HUB_LEASE_MS by default). */
  claimer?: Claimer;
}

export interface RunningWorker {
  /** Stops claiming tasks and waits for the running ones to finish. */
  stop(): Promise<void>;
  /** Ids of the tasks this worker is running now. */
  running(): string[];
}

function settings(options: WorkerOptions): { concurrency: number; pollIntervalMs: number; claimer: Claimer; run: RunTaskOptions } {
  const env = workerConfigFromEnv();
  return {
    concurrency: options.concurrency ?? env.concurrency,
    pollIntervalMs: options.pollIntervalMs ?? env.pollIntervalMs,
    claimer: options.claimer ?? defaultClaimer(),
    run: { cache: options.cache, limits: options.limits, now: options.now, onGate: options.onGate, stepDelayMs: options.stepDelayMs ?? env.stepDelayMs },
  };
}

/** Resolves after `ms` or at the next queue change in this process, whichever comes first. */
async function queueChangeOrTimeout(ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([nextQueueChange(), new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}

/**
 * Calls `beat` every `intervalMs` (never two at once) until the returned stop is called, which
 * waits for a beat under way; a failed beat is logged and tried again next time.
 */
function every(intervalMs: number, what: string, beat: () => Promise<unknown>): () => Promise<void> {
  let current: Promise<void> | undefined;
  const timer = setInterval(() => {
    current ??= beat()
      .then(() => {}, (e) => console.error(`[policy-hub worker] could not ${what}:`, e))
      .finally(() => (current = undefined));
  }, intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await current;
  };
}

/**
 * Runs queued tasks, oldest first and at most `concurrency` at once, until none is queued or
 * running (or `shouldStop` says so: then it claims no more and waits for the running ones).
 * `running` holds the ids of the tasks under way, for a caller that reports them. A heartbeat
 * renews the claimer's leases meanwhile. Returns how many tasks it ran.
 */
export async function processQueue(
  db: Db,
  options: WorkerOptions = {},
  shouldStop: () => boolean = () => false,
  running: Map<string, Promise<unknown>> = new Map(),
): Promise<number> {
  const { concurrency, pollIntervalMs, claimer, run } = settings(options);
  let processed = 0;
  const stopHeartbeat = every(heartbeatIntervalMs(claimer), "renew the task leases", () => renewLeases(db, claimer));
  try {
    for (;;) {
      let claimedAll = false;
      while (running.size < concurrency && !shouldStop()) {
        const id = await claimNextTask(db, claimer);
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
  } finally {
    await stopHeartbeat();
  }
}

/**
 * The worker loop of the server process: runs the queue whenever a task is queued here or every
 * poll interval and, at start and every heartbeat, fails the tasks of instances that stopped
 * (their lease has passed), whichever instance that was.
 */
export function startWorker(options: WorkerOptions & { db?: Db } = {}): RunningWorker {
  const db = options.db ?? prisma;
  const { pollIntervalMs, claimer } = settings(options);
  const worker = { ...options, claimer };
  let stopped = false;
  const running = new Map<string, Promise<unknown>>();
  const recover = () => recoverExpiredTasks(db, claimer);
  let stopRecovery = async () => {};
  const loop = (async () => {
    await recover().catch((e) => console.error("[policy-hub worker] could not recover the tasks of stopped instances:", e));
    stopRecovery = every(heartbeatIntervalMs(claimer), "recover the tasks of stopped instances", recover);
    while (!stopped) {
      try {
        await processQueue(db, worker, () => stopped, running);
      } catch (e) {
        console.error("[policy-hub worker] could not process the queue:", e);
      }
      if (stopped) break;
      await queueChangeOrTimeout(pollIntervalMs);
    }
    await stopRecovery();
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
