// Bundles the policy evaluation worker (lib/evaluation-pool/worker.ts) into one plain CommonJS
// file for the production server: Next.js bundles server code but not a thread's entry file.
// next.config.ts runs this at `next build`; `node scripts/build-eval-worker.mjs` runs it alone.
import path from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";

/** Same path as WORKER_BUNDLE in lib/evaluation-pool/config.ts, which the server loads. */
export const WORKER_BUNDLE = path.join("dist", "evaluation-worker.cjs");

export async function buildEvaluationWorker(root = process.cwd(), outfile = path.join(root, WORKER_BUNDLE)) {
  await build({
    entryPoints: [path.join(root, "lib", "evaluation-pool", "worker.ts")],
    outfile,
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    tsconfig: path.join(root, "tsconfig.json"),
    logLevel: "warning",
  });
  return outfile;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  // No top-level await: next.config.ts loads this module with require(), which refuses one.
  buildEvaluationWorker().then((outfile) => console.log(`built ${path.relative(process.cwd(), outfile)}`));
}
