/** Pool settings from the environment, read when the shared pool starts. */
import path from "node:path";
import { z } from "zod";
import type { PoolOptions } from "./pool";

const count = (fallback: number, min: number) => z.coerce.number().int().min(min).catch(fallback);

const EnvSchema = z.object({
  /** POLICY_HUB_EVAL_WORKERS: evaluation threads. */
  POLICY_HUB_EVAL_WORKERS: count(2, 1),
  /** POLICY_HUB_EVAL_HEAP_MB: heap cap per thread. */
  POLICY_HUB_EVAL_HEAP_MB: count(256, 16),
  /** POLICY_HUB_EVAL_QUEUE: evaluations that may wait for a thread. */
  POLICY_HUB_EVAL_QUEUE: count(1000, 1),
});

/** Where `npm run build` (next.config.ts) writes the bundled worker for the production server. */
export const WORKER_BUNDLE = path.join("dist", "evaluation-worker.cjs");

/**
 * The production server runs the bundle built with it; everything else (vitest, tsx scripts,
 * `next dev`) runs the TypeScript source through tsx, so it never runs a stale bundle. Paths are
 * from the project root, the working directory of every entry point (Next's server code is
 * bundled, so its own location says nothing).
 */
export function workerScript(env: Readonly<Record<string, string | undefined>> = process.env, root = process.cwd()): string {
  return env.NODE_ENV === "production" ? path.join(root, WORKER_BUNDLE) : path.join(root, "lib", "evaluation-pool", "dev-worker.cjs");
}

export function poolOptionsFromEnv(env: Readonly<Record<string, string | undefined>> = process.env): PoolOptions {
  const e = EnvSchema.parse(env);
  return {
    size: e.POLICY_HUB_EVAL_WORKERS,
    heapMb: e.POLICY_HUB_EVAL_HEAP_MB,
    maxQueue: e.POLICY_HUB_EVAL_QUEUE,
    graceMs: 100,
    compileTimeoutMs: 5000,
    startupTimeoutMs: 30_000,
    script: workerScript(env),
  };
}
