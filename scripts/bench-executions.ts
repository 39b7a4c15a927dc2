/**
 * Load figures for the executions pipeline: queues deployments of the demo instance's releases
 * against a set of active policies in a scratch database, runs the worker until the queue is
 * empty and prints throughput, policy-gate time per execution and the database size.
 *
 *   npm run bench:executions -- [--deployments 1000] [--policies 50] [--concurrency 4] [--as-published]
 *                               [--db sqlite|postgres] [--instances 1] [--alone 200]
 *
 * The policies are the starters repeated under new slugs. Their violation action is turned to
 * "warn" (a result may still block, as in production) so most executions go on to run their
 * steps; --as-published keeps the starters' own actions, which block nearly every demo deployment.
 *
 * --db postgres runs on a throwaway PostgreSQL server (scripts/pg-test-server.sh) instead of a
 * SQLite file. --instances N runs N worker processes on the one database, each claiming with
 * --concurrency tasks at once, as N app instances would; the clock starts once every one of them
 * is loaded and connected, so process start-up is not counted.
 *
 * The gate's time is printed twice. "Alone" is its own cost: after the main run, --alone more
 * deployments run one at a time, so each gate's time is its input, evaluation and one write
 * transaction (the figure #19's target, median under 10 ms and p99 under 40 ms, is about). "At N
 * at once" is its latency in the main run: the tasks of a process share one event loop and, on
 * SQLite, one connection, so a gate's time there also holds the other tasks' work (loading their
 * executions, their steps and log lines, their ends) done while it waited. Both come from the same
 * timer in runPolicyGate; nothing is left out of either.
 */
import { spawn } from "node:child_process";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { createPrismaClient, type Db } from "../lib/db/client";
import { isPostgres } from "../lib/db/dialect";
import { migratePostgres } from "../lib/db/postgres-migrate";
import { databaseFile } from "../lib/db/url";
import { createTestDatabase } from "../lib/db/test-database";
import { CompiledPolicyCache } from "../lib/policies/decision";
import { startDeployment } from "../lib/executions/start-deployment";
import { processQueue } from "../lib/executions/worker";
import { readPolicyFile } from "../lib/policies/read";
import { seedDemoData } from "../lib/seed";
import { startThrowawayPostgres } from "./throwaway-postgres";

const { values } = parseArgs({
  options: {
    deployments: { type: "string", default: "1000" },
    policies: { type: "string", default: "50" },
    concurrency: { type: "string", default: "4" },
    "as-published": { type: "boolean", default: false },
    db: { type: "string", default: "sqlite" },
    instances: { type: "string", default: "1" },
    alone: { type: "string", default: "200" },
    // Internal: one of the --instances processes, on the scratch database at --url.
    worker: { type: "boolean", default: false },
    url: { type: "string" },
  },
});
const DEPLOYMENTS = Number(values.deployments);
const POLICIES = Number(values.policies);
const CONCURRENCY = Number(values.concurrency);
const AS_PUBLISHED = values["as-published"];
const INSTANCES = Number(values.instances);
const ALONE = Number(values.alone);
const ROOT = path.resolve(__dirname, "..");

/** What one worker measured: the gate's times per execution and what the gates decided. */
interface WorkerFigures {
  processed: number;
  gateTimes: number[];
  engineTimes: number[];
  inScope: number;
  warned: number;
  blocked: number;
}

async function runWorker(db: Db, concurrency = CONCURRENCY): Promise<WorkerFigures> {
  const figures: WorkerFigures = { processed: 0, gateTimes: [], engineTimes: [], inScope: 0, warned: 0, blocked: 0 };
  figures.processed = await processQueue(db, {
    concurrency,
    stepDelayMs: 0,
    cache: new CompiledPolicyCache(),
    onGate: (gate) => {
      figures.gateTimes.push(gate.durationMs);
      figures.engineTimes.push(gate.evaluationMs);
      figures.inScope += gate.inScope;
      figures.warned += gate.warned.length;
      figures.blocked += gate.blocked.length;
    },
  });
  return figures;
}

/** One of the --instances processes: says "ready" once connected, runs the queue on "go", prints its figures. */
async function workerProcess(url: string): Promise<void> {
  const db = createPrismaClient(url);
  await db.serverTask.count();
  console.log("ready");
  await new Promise<void>((resolve) => createInterface({ input: process.stdin }).once("line", () => resolve()));
  const figures = await runWorker(db);
  console.log(JSON.stringify(figures));
  await db.$disconnect();
}

/** Starts the worker processes, lets them all go at once and gathers their figures and the wall time. */
async function runInstances(url: string, count: number): Promise<{ figures: WorkerFigures[]; seconds: number }> {
  const children = Array.from({ length: count }, () =>
    spawn(process.execPath, ["--import", "tsx", __filename, "--worker", "--url", url, "--concurrency", String(CONCURRENCY)], {
      cwd: ROOT,
      stdio: ["pipe", "pipe", "inherit"],
    }),
  );
  const lines = children.map((child) => createInterface({ input: child.stdout! }));
  const nextLine = (i: number) => new Promise<string>((resolve, reject) => {
    lines[i].once("line", resolve);
    children[i].once("exit", (code) => reject(new Error(`worker ${i + 1} exited with ${code}`)));
  });
  await Promise.all(children.map(async (_, i) => {
    const line = await nextLine(i);
    if (line !== "ready") throw new Error(`worker ${i + 1} said ${line}`);
  }));
  const started = performance.now();
  const results = children.map((child, i) => {
    const result = nextLine(i);
    child.stdin!.end("go\n");
    return result;
  });
  const figures = (await Promise.all(results)).map((line) => JSON.parse(line) as WorkerFigures);
  return { figures, seconds: (performance.now() - started) / 1000 };
}

interface Scratch {
  db: Db;
  url: string;
  bytes(): Promise<number>;
  dispose(): Promise<void>;
}

function fileSize(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

async function scratchSqlite(): Promise<Scratch> {
  const scratch = createTestDatabase();
  // Several worker processes on one file read while one writes, as db:migrate sets it.
  await scratch.db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  return {
    ...scratch,
    async bytes() {
      await scratch.db.$queryRawUnsafe("PRAGMA wal_checkpoint(TRUNCATE)");
      const file = databaseFile(scratch.url);
      return fileSize(file) + fileSize(`${file}-wal`);
    },
  };
}

/** A throwaway PostgreSQL server with one migrated database, stopped and removed by dispose. */
async function scratchPostgres(): Promise<Scratch> {
  const server = startThrowawayPostgres("bench");
  await migratePostgres(server.url);
  const db = createPrismaClient(server.url);
  return {
    db,
    url: server.url,
    async bytes() {
      const [row] = await db.$queryRaw<{ bytes: bigint }[]>`SELECT pg_database_size(current_database()) AS "bytes"`;
      return Number(row.bytes);
    },
    async dispose() {
      await db.$disconnect();
      server.stop();
    },
  };
}

/** The starter policies, repeated under new slugs until there are `count`: a realistic mix of rules. */
async function activatePolicies(db: Db, count: number): Promise<void> {
  const dir = path.join(process.cwd(), "policies");
  const starters = readdirSync(dir).filter((f) => f.endsWith(".ocl")).map((f) => ({ slug: f.slice(0, -4), ocl: readFileSync(path.join(dir, f), "utf8") }));
  for (let i = 0; i < count; i++) {
    const starter = starters[i % starters.length];
    const round = Math.floor(i / starters.length);
    const slug = round === 0 ? starter.slug : `${starter.slug}_${round + 1}`;
    const renamed = starter.ocl.replaceAll(`package ${starter.slug}`, `package ${slug}`);
    const ocl = AS_PUBLISHED ? renamed : renamed.replace(/^violation_action\s*=\s*"block"/m, 'violation_action = "warn"');
    const read = readPolicyFile(`policies/${slug}.ocl`, ocl);
    if (!read.policy) throw new Error(`${slug} does not parse`);
    const id = i + 1;
    await db.policy.create({ data: { id: `Policies-${id}`, slug, name: `${read.policy.name}${round ? ` (${round + 1})` : ""}` } });
    await db.policyVersion.create({
      data: {
        id: `PolicyVersions-${id}`, policyId: `Policies-${id}`, version: "1.0.0", major: 1, minor: 0, patch: 0, name: read.policy.name,
        violationAction: read.policy.violationAction, violationReason: read.policy.violationReason || null, ocl, commitId: "0".repeat(40), isActive: true,
      },
    });
  }
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}


async function main(): Promise<void> {
  if (values.db !== "sqlite" && values.db !== "postgres") throw new Error(`--db is sqlite or postgres, not ${values.db}`);
  if (!Number.isInteger(INSTANCES) || INSTANCES < 1) throw new Error(`--instances is a whole number from 1, not ${values.instances}`);
  const scratch = values.db === "postgres" ? await scratchPostgres() : await scratchSqlite();
  try {
    await bench(scratch);
  } finally {
    await scratch.dispose();
  }
}

async function bench(scratch: Scratch): Promise<void> {
  const db = scratch.db;
  const seedStarted = performance.now();
  await seedDemoData(db);
  await activatePolicies(db, POLICIES);
  console.log(`Scratch ${isPostgres(db) ? "PostgreSQL" : "SQLite"} database ${scratch.url}: demo data and ${POLICIES} active policies in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`);

  // Re-deploy what the demo deployed: valid release, environment and tenant combinations.
  const targets = await db.deployment.findMany({ select: { releaseId: true, environmentId: true, tenantId: true }, orderBy: { id: "asc" } });
  const admin = await db.user.findUniqueOrThrow({ where: { username: "admin" }, select: { id: true, username: true, displayName: true, email: true } });
  let queuedSoFar = 0;
  const queue = async (count: number) => {
    for (let i = queuedSoFar; i < queuedSoFar + count; i++) {
      const t = targets[(i * 7919) % targets.length];
      const queued = await startDeployment(db, { releaseId: t.releaseId, environmentId: t.environmentId, ...(t.tenantId ? { tenantId: t.tenantId } : {}) }, admin);
      if (!queued.ok) throw new Error(`could not queue: ${queued.error.message}`);
    }
    queuedSoFar += count;
  };
  const queueStarted = performance.now();
  const queueStartedAt = Date.now();
  await queue(DEPLOYMENTS);
  const queueSeconds = (performance.now() - queueStarted) / 1000;

  let figures: WorkerFigures[];
  let runSeconds: number;
  if (INSTANCES === 1) {
    const runStarted = performance.now();
    figures = [await runWorker(db)];
    runSeconds = (performance.now() - runStarted) / 1000;
  } else {
    ({ figures, seconds: runSeconds } = await runInstances(scratch.url, INSTANCES));
  }
  // Counted before the alone run adds its own.
  const states = await db.serverTask.groupBy({ by: ["state"], where: { queuedAt: { gte: new Date(queueStartedAt) } }, _count: true });
  await queue(ALONE);
  const alone = await runWorker(db, 1);
  const processed = figures.reduce((n, f) => n + f.processed, 0);
  const sum = (key: "inScope" | "warned" | "blocked") => figures.reduce((n, f) => n + f[key], 0);
  const gateTimes = figures.flatMap((f) => f.gateTimes).sort((a, b) => a - b);
  const engineTimes = figures.flatMap((f) => f.engineTimes).sort((a, b) => a - b);

  const unexpected = await db.serverTask.findMany({
    where: { queuedAt: { gte: new Date(queueStartedAt) }, state: "Failed", NOT: { errorMessage: { startsWith: "Blocked by" } } },
    select: { errorMessage: true },
  });
  const bytes = await scratch.bytes();
  const [evaluations, audits, logLines] = await Promise.all([db.policyEvaluation.count(), db.auditEvent.count(), db.taskLogEntry.count()]);
  const where = INSTANCES === 1 ? `with ${CONCURRENCY} at once` : `on ${INSTANCES} instances with ${CONCURRENCY} at once each (${figures.map((f) => f.processed).join(" + ")})`;

  console.log("");
  console.log(`Queued ${DEPLOYMENTS} deployments in ${queueSeconds.toFixed(1)} s (${(DEPLOYMENTS / queueSeconds).toFixed(0)} per second)`);
  console.log(`Ran ${processed} executions against ${POLICIES} active policies (${AS_PUBLISHED ? "actions as published" : "actions turned to warn"}) in ${runSeconds.toFixed(1)} s ${where}`);
  console.log(`  executions per second:       ${(processed / runSeconds).toFixed(1)}`);
  const times = (sorted: number[]) => `median ${percentile(sorted, 50).toFixed(1)} ms, p99 ${percentile(sorted, 99).toFixed(1)} ms, max ${sorted.at(-1)!.toFixed(1)} ms`;
  const aloneTimes = [...alone.gateTimes].sort((a, b) => a - b);
  const aloneEngine = [...alone.engineTimes].sort((a, b) => a - b);
  if (aloneTimes.length > 0) {
    console.log(`  policy gate alone:           ${times(aloneTimes)} (${alone.processed} more executions, one at a time)`);
    console.log(`    of which engine evaluation: median ${percentile(aloneEngine, 50).toFixed(1)} ms, p99 ${percentile(aloneEngine, 99).toFixed(1)} ms`);
  }
  const atOnce = CONCURRENCY * INSTANCES;
  console.log(`  policy gate ${`${atOnce} at once:`.padEnd(17)}${times(gateTimes)}${atOnce > 1 ? " (waits included for the other tasks' work)" : ""}`);
  console.log(`    of which engine evaluation: median ${percentile(engineTimes, 50).toFixed(1)} ms, p99 ${percentile(engineTimes, 99).toFixed(1)} ms`);
  console.log(`  in-scope evaluations:        ${sum("inScope")} (${(sum("inScope") / processed).toFixed(1)} per execution), ${sum("warned")} warned, ${sum("blocked")} blocked`);
  console.log(`  final states:                ${states.map((s) => `${s.state} ${s._count}`).join(", ")}`);
  console.log(`  failed other than by policy: ${unexpected.length}${unexpected.length ? ` (first: ${unexpected[0].errorMessage})` : ""}`);
  console.log(`Database: ${(bytes / 1024 / 1024).toFixed(1)} MiB (${evaluations} policy evaluations, ${audits} audit events, ${logLines} task log lines)`);
}

(values.worker ? workerProcess(values.url!) : main()).catch((e) => {
  console.error(e);
  process.exit(1);
});
