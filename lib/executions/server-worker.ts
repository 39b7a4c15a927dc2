import { workerConfigFromEnv } from "./config";
import { SERVER_STOPPED_MESSAGE } from "./queue/recover";
import { startWorker, type RunningWorker } from "./worker";

const SIGNALS = ["SIGTERM", "SIGINT"] as const;
type StopSignal = (typeof SIGNALS)[number];

const log = (message: string) => console.log(`[policy-hub worker] ${message}`);

/**
 * Lets running tasks finish before the process exits on SIGTERM/SIGINT, for at most `graceMs`.
 *
 * The listeners already on the signal (`next start` closes its HTTP server and exits in one) are
 * taken off and called once the worker has drained, so they cannot end the process mid-task; the
 * API keeps answering meanwhile. With no such listener the signal is raised again to end the
 * process the default way. A task still running when the grace period ends stays Executing until
 * its lease passes; then another instance (or the next start) fails it (`queue/recover.ts`).
 */
export function drainOnSignals(worker: RunningWorker, graceMs: number): void {
  const previous = new Map(SIGNALS.map((signal) => [signal, process.listeners(signal)]));
  for (const signal of SIGNALS) process.removeAllListeners(signal);

  let draining: Promise<void> | undefined;
  const onSignal = (signal: StopSignal) => {
    // A second signal (Ctrl+C pressed twice, a shell forwarding it) does not start a second drain.
    draining ??= drain(worker, graceMs).then(() => {
      for (const s of SIGNALS) process.removeListener(s, onSignal);
      const next = previous.get(signal) ?? [];
      if (next.length === 0) process.kill(process.pid, signal);
      for (const listener of next) (listener as (s: StopSignal) => void)(signal);
    });
  };
  for (const signal of SIGNALS) process.on(signal, onSignal);
}

async function drain(worker: RunningWorker, graceMs: number): Promise<void> {
  const running = worker.running();
  log(`stopping: no more tasks are claimed; waiting up to ${graceMs} ms for ${running.length} running task(s)${list(running)}`);
  let timer: NodeJS.Timeout | undefined;
  const timedOut = await Promise.race([
    worker.stop().then(() => false),
    new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), graceMs))),
  ]);
  clearTimeout(timer);
  if (!timedOut) {
    log("stopped: every running task finished");
    return;
  }
  const left = worker.running();
  log(
    `stopping after the ${graceMs} ms grace period with ${left.length} task(s) still running${list(left)}; ` +
      `once their lease passes another instance or the next start marks them Failed ("${SERVER_STOPPED_MESSAGE}")`,
  );
}

const list = (ids: string[]) => (ids.length ? ` (${ids.join(", ")})` : "");

/** The server process's worker: started from the environment's settings, drained on SIGTERM/SIGINT. */
export function startServerWorker(): RunningWorker | undefined {
  const config = workerConfigFromEnv();
  if (!config.enabled) return undefined;
  const worker = startWorker();
  drainOnSignals(worker, config.shutdownGraceMs);
  return worker;
}
