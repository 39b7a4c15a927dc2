import type { NextConfig } from "next";
import { PHASE_PRODUCTION_BUILD } from "next/constants";

/**
 * Everything is served from the app itself: Monaco and its workers come from the local package,
 * fonts are system fonts. Next's App Router streams its payload in inline scripts and Monaco sets
 * inline styles, hence 'unsafe-inline' there; the dev server also needs eval for fast refresh.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline'${process.env.NODE_ENV === "development" ? " 'unsafe-eval'" : ""}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

const SECURITY_HEADERS = [
  { key: "Content-Security-Policy", value: CONTENT_SECURITY_POLICY },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];

const nextConfig: NextConfig = {
  // Native module: loaded by Node at run time instead of being bundled.
  serverExternalPackages: ["better-sqlite3"],
  poweredByHeader: false,
  // `npm run test:all` type-checks the whole repository (tsc --noEmit) before it builds;
  // checking again inside the build would only double the slowest step.
  typescript: { ignoreBuildErrors: true },
  async headers() {
    return [{ source: "/:path*", headers: SECURITY_HEADERS }];
  },
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
