import type { NextConfig } from "next";
import { PHASE_PRODUCTION_BUILD } from "next/constants";

const nextConfig: NextConfig = {
  // Native module: loaded by Node at run time instead of being bundled.
  serverExternalPackages: ["better-sqlite3"],
  poweredByHeader: false,
  // `npm run test:all` type-checks the whole repository (tsc --noEmit) before it builds;
  // checking again inside the build would only double the slowest step.
  typescript: { ignoreBuildErrors: true },
};

export default async function config(phase: string): Promise<NextConfig> {
  // Policies are evaluated on worker threads whose entry file Next does not bundle: every
  // `next build` (test:all, demo, e2e) bundles it too, beside the app (lib/evaluation-pool).
  if (phase === PHASE_PRODUCTION_BUILD) {
    const { buildEvaluationWorker } = await import("./scripts/build-eval-worker.mjs");
    await buildEvaluationWorker();
  }
  return nextConfig;
}
