import { intFromEnv } from "@/lib/env/int";

/** Worker settings from the environment, read when the worker starts. */
export interface WorkerConfig {
  /** POLICY_HUB_WORKER=off keeps the server from running tasks (scripts, a second server). */
  enabled: boolean;
  /** POLICY_HUB_WORKER_CONCURRENCY: tasks run at once. */
  concurrency: number;
  /** POLICY_HUB_WORKER_POLL_MS: how often to look for tasks queued by other processes. */
  pollIntervalMs: number;
  /** POLICY_HUB_STEP_DELAY_MS: simulated time per step, so running tasks can be watched. */
  stepDelayMs: number;
  /** POLICY_HUB_SHUTDOWN_GRACE_MS: on SIGTERM/SIGINT, how long running tasks may take to finish before the process exits. */
  shutdownGraceMs: number;
}

export function workerConfigFromEnv(env: Readonly<Record<string, string | undefined>> = process.env): WorkerConfig {
  return {
    enabled: (env.POLICY_HUB_WORKER ?? "on").toLowerCase() !== "off",
    concurrency: intFromEnv(env.POLICY_HUB_WORKER_CONCURRENCY, 4, 1),
    pollIntervalMs: intFromEnv(env.POLICY_HUB_WORKER_POLL_MS, 1000, 10),
    stepDelayMs: intFromEnv(env.POLICY_HUB_STEP_DELAY_MS, 1000, 0),
    shutdownGraceMs: intFromEnv(env.POLICY_HUB_SHUTDOWN_GRACE_MS, 30_000, 0),
  };
}
