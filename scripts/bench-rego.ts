/**
 * Rego engine benchmark: every starter policy of `policies/` on a 25-step deployment input.
 *
 *   npm run bench:rego                 # defaults
 *   npm run bench:rego -- --evals 20000 --compiles 200 --only manual_intervention_required
 *
 * One policy evaluation is what the gate does: `data.<slug>.evaluate`, then `data.<slug>.result`
 * when in scope. Per policy it prints the median and p99 microseconds of one evaluation (each
 * timed alone with hrtime, so ~0.05 µs of timer overhead is included) and evaluations per second,
 * once with the JSON input converted on every call and once with an input prepared once
 * (`prepareInput`, as the gate does), and the median compile time (parse + compile of both
 * modules). Figures only, no assertions: the machine's load shows in them (printed at the end).
 * Targets from the issue: median <= 10 µs per policy evaluation, compile < 2 ms per policy.
 *
 * tsx compiles with esbuild's `keepNames`, which wraps every closure the evaluator creates in a
 * `__name(...)` call (a defineProperty each): ~15% of the evaluation time in profiles, a cost
 * the app's production build (SWC) does not have. So by default the script bundles itself with
 * esbuild without keepNames and runs the bundle in a child node process; `--tsx` measures in
 * the tsx process instead.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { readPolicyFile } from "@/lib/policies/read";
import { compile, prepareInput, type CompiledPolicy, type ModuleSource } from "@/lib/rego";
import { largeDeploymentInput } from "@/tests/fixtures/inputs";

const args = process.argv.slice(2);
const opt = (name: string, dflt: number): number => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const only = (() => {
  const i = args.indexOf("--only");
  return i >= 0 ? new Set(args[i + 1].split(",")) : undefined;
})();
const EVALS = opt("evals", 10_000);
const WARMUP = opt("warmup", 5_000);
const COMPILES = opt("compiles", 100);
const TARGET_EVAL_US = 10;
const TARGET_COMPILE_MS = 2;

interface Policy {
  slug: string;
  modules: ModuleSource[];
}

function loadPolicies(): Policy[] {
  const dir = path.join(process.cwd(), "policies");
  return readdirSync(dir)
    .filter((f) => f.endsWith(".ocl"))
    .sort()
    .map((f) => {
      const read = readPolicyFile(`policies/${f}`, readFileSync(path.join(dir, f), "utf8"));
      const modules = Object.entries(read.modules).map(([block, m]) => ({ file: `${block}.rego`, source: m!.value.value }));
      return { slug: f.replace(/\.ocl$/, ""), modules };
    })
    .filter((p) => !only || only.has(p.slug));
}

/** One gate evaluation of a policy; returns something so the work cannot be optimised away. */
function evaluateOnce(p: CompiledPolicy, slug: string, input: unknown): unknown {
  const scope = p.evalRule(`data.${slug}.evaluate`, { input });
  if (!scope.ok) throw new Error(`${slug}: ${scope.error.message}`);
  if (!(scope.defined && scope.value === true)) return scope;
  const result = p.evalRule(`data.${slug}.result`, { input });
  if (!result.ok) throw new Error(`${slug}: ${result.error.message}`);
  return result;
}

function quantile(sorted: Float64Array, q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

interface Timing {
  medianUs: number;
  p99Us: number;
  perSec: number;
}

function timeEvals(f: () => unknown, n: number): Timing {
  const samples = new Float64Array(n);
  let sink = 0;
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) {
    const a = process.hrtime.bigint();
    if (f()) sink++;
    samples[i] = Number(process.hrtime.bigint() - a) / 1000;
  }
  const totalUs = Number(process.hrtime.bigint() - t0) / 1000;
  if (sink < 0) console.log(sink);
  samples.sort();
  return { medianUs: quantile(samples, 0.5), p99Us: quantile(samples, 0.99), perSec: (n / totalUs) * 1e6 };
}

function medianCompileMs(modules: ModuleSource[], n: number): number {
  const samples = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const a = process.hrtime.bigint();
    const r = compile(modules);
    samples[i] = Number(process.hrtime.bigint() - a) / 1e6;
    if (!r.ok) throw new Error(r.errors[0].message);
  }
  samples.sort();
  return quantile(samples, 0.5);
}

function main(): void {
  const policies = loadPolicies();
  const json = largeDeploymentInput();
  const steps = (json as { Steps: unknown[] }).Steps.length;
  const prepared = prepareInput(json);

  // warm-up: compile and evaluate everything until the JIT has settled
  const compiled = policies.map((p) => {
    const r = compile(p.modules);
    if (!r.ok) throw new Error(`${p.slug}: ${r.errors.map((e) => e.message).join("; ")}`);
    return { ...p, policy: r.policy };
  });
  for (let i = 0; i < WARMUP; i++) for (const c of compiled) evaluateOnce(c.policy, c.slug, i % 2 ? json : prepared);
  for (const p of policies) medianCompileMs(p.modules, Math.min(20, COMPILES));

  const fmt = (x: number, d = 1) => x.toFixed(d).padStart(8);
  const rows: { slug: string; json: Timing; prep: Timing; compileMs: number; scope: boolean }[] = [];
  for (const c of compiled) {
    const scope = c.policy.evalRule(`data.${c.slug}.evaluate`, { input: prepared });
    const jsonT = timeEvals(() => evaluateOnce(c.policy, c.slug, json), EVALS);
    const prepT = timeEvals(() => evaluateOnce(c.policy, c.slug, prepared), EVALS);
    const compileMs = medianCompileMs(c.modules, COMPILES);
    rows.push({ slug: c.slug, json: jsonT, prep: prepT, compileMs, scope: scope.ok && scope.defined && scope.value === true });
  }

  console.log(`Rego bench: ${policies.length} starter policies, ${steps}-step deployment input, ${EVALS} evaluations each (evaluate, then result when in scope), ${COMPILES} compiles`);
  console.log("");
  console.log(`${"policy".padEnd(36)} scope | ${"JSON input (µs)".padStart(26)} | ${"prepared input (µs)".padStart(26)} | compile`);
  console.log(`${"".padEnd(36)}       | ${"median".padStart(8)} ${"p99".padStart(8)} ${"eval/s".padStart(8)} | ${"median".padStart(8)} ${"p99".padStart(8)} ${"eval/s".padStart(8)} | ${"ms".padStart(7)}`);
  for (const r of rows) {
    console.log(
      `${r.slug.padEnd(36)} ${(r.scope ? "in" : "out").padStart(5)} | ${fmt(r.json.medianUs)} ${fmt(r.json.p99Us)} ${fmt(r.json.perSec, 0)} | ${fmt(r.prep.medianUs)} ${fmt(r.prep.p99Us)} ${fmt(r.prep.perSec, 0)} | ${fmt(r.compileMs, 3).slice(1)}`,
    );
  }

  // the gate's case: every policy on one input
  const all = timeEvals(() => {
    const input = prepareInput(json);
    let n = 0;
    for (const c of compiled) if (evaluateOnce(c.policy, c.slug, input)) n++;
    return n;
  }, Math.max(200, Math.floor(EVALS / 10)));

  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const prepMedians = rows.map((r) => r.prep.medianUs);
  const jsonMedians = rows.map((r) => r.json.medianUs);
  const compiles = rows.map((r) => r.compileMs);
  const overEval = rows.filter((r) => r.prep.medianUs > TARGET_EVAL_US).map((r) => r.slug);
  const overCompile = rows.filter((r) => r.compileMs >= TARGET_COMPILE_MS).map((r) => r.slug);
  console.log("");
  console.log(
    `all ${rows.length} policies on one deployment (prepared once per deployment): median ${all.medianUs.toFixed(1)} µs, p99 ${all.p99Us.toFixed(1)} µs, ${all.perSec.toFixed(0)} deployments/s`,
  );
  console.log(
    `summary: median per policy evaluation ${med(prepMedians).toFixed(1)} µs prepared (max ${Math.max(...prepMedians).toFixed(1)}), ${med(jsonMedians).toFixed(1)} µs from JSON (max ${Math.max(...jsonMedians).toFixed(1)}); ` +
      `target <= ${TARGET_EVAL_US} µs: ${overEval.length ? `${rows.length - overEval.length}/${rows.length} policies meet it (over: ${overEval.join(", ")})` : "all policies meet it"}; ` +
      `compile median ${med(compiles).toFixed(3)} ms (max ${Math.max(...compiles).toFixed(3)}), target < ${TARGET_COMPILE_MS} ms: ${overCompile.length ? `over: ${overCompile.join(", ")}` : "all meet it"}`,
  );
  console.log(
    `machine: ${os.cpus().length} cores, load average ${os.loadavg().map((x) => x.toFixed(1)).join(" ")}, node ${process.version}, ${process.env.BENCH_REGO_BUNDLED ? "esbuild bundle" : "tsx"}`,
  );
}

/** Bundles this script without keepNames and runs it in a child process; false when esbuild is missing. */
function runBundled(): boolean {
  let esbuild: { buildSync: (o: Record<string, unknown>) => unknown };
  try {
    esbuild = createRequire(path.join(process.cwd(), "package.json"))("esbuild");
  } catch {
    return false;
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), "bench-rego-"));
  const outfile = path.join(dir, "bench-rego.cjs");
  try {
    esbuild.buildSync({
      entryPoints: [path.join(process.cwd(), "scripts/bench-rego.ts")],
      bundle: true,
      platform: "node",
      format: "cjs",
      target: "node20",
      alias: { "@": process.cwd() },
      outfile,
      logLevel: "warning",
    });
    const r = spawnSync(process.execPath, [outfile, ...args, "--tsx"], { stdio: "inherit", env: { ...process.env, BENCH_REGO_BUNDLED: "1" } });
    process.exitCode = r.status ?? 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return true;
}

if (args.includes("--tsx") || !runBundled()) {
  if (!process.env.BENCH_REGO_BUNDLED) console.log("(running under tsx: closures carry keepNames overhead)");
  main();
}
