/**
 * Load figures for the executions pipeline: queues deployments of the demo instance's releases
 * against a set of active policies in a scratch database, runs the worker until the queue is
 * empty and prints throughput, policy-gate time per execution and the database size.
 *
 *   npm run bench:executions -- [--deployments 1000] [--policies 50] [--concurrency 4] [--as-published]
 *
 * The policies are the starters repeated under new slugs. Their violation action is turned to
 * "warn" (a result may still block, as in production) so most executions go on to run their
 * steps; --as-published keeps the starters' own actions, which block nearly every demo deployment.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import type { Db } from "../lib/db/client";
import { databaseFile } from "../lib/db/url";
import { createTestDatabase } from "../lib/db/test-database";
import { CompiledPolicyCache } from "../lib/policies/decision";
import { startDeployment } from "../lib/executions/start-deployment";
import { processQueue } from "../lib/executions/worker";
import { readPolicyFile } from "../lib/policies/read";
import { seedDemoData } from "../lib/seed";

const { values } = parseArgs({
  options: {
    deployments: { type: "string", default: "1000" },
    policies: { type: "string", default: "50" },
    concurrency: { type: "string", default: "4" },
    "as-published": { type: "boolean", default: false },
  },
});
const DEPLOYMENTS = Number(values.deployments);
const POLICIES = Number(values.policies);
const CONCURRENCY = Number(values.concurrency);
const AS_PUBLISHED = values["as-published"];

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

function fileSize(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

async function main(): Promise<void> {
  const scratch = createTestDatabase();
  const db = scratch.db;
  await db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  const seedStarted = performance.now();
  await seedDemoData(db);
  await activatePolicies(db, POLICIES);
  console.log(`Scratch database ${scratch.url}: demo data and ${POLICIES} active policies in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`);

  // Re-deploy what the demo deployed: valid release, environment and tenant combinations.
  const targets = await db.deployment.findMany({ select: { releaseId: true, environmentId: true, tenantId: true }, orderBy: { id: "asc" } });
  const queueStarted = performance.now();
  const queueStartedAt = Date.now();
  const admin = await db.user.findUniqueOrThrow({ where: { username: "admin" }, select: { id: true, username: true, displayName: true, email: true } });
  for (let i = 0; i < DEPLOYMENTS; i++) {
    const t = targets[(i * 7919) % targets.length];
    const queued = await startDeployment(db, { releaseId: t.releaseId, environmentId: t.environmentId, ...(t.tenantId ? { tenantId: t.tenantId } : {}) }, admin);
    if (!queued.ok) throw new Error(`could not queue: ${queued.error.message}`);
  }
  const queueSeconds = (performance.now() - queueStarted) / 1000;

  const gateTimes: number[] = [];
  const engineTimes: number[] = [];
  const outcomes = { inScope: 0, warned: 0, blocked: 0 };
  const runStarted = performance.now();
  const processed = await processQueue(db, {
    concurrency: CONCURRENCY,
    stepDelayMs: 0,
    cache: new CompiledPolicyCache(),
    onGate: (gate) => {
      gateTimes.push(gate.durationMs);
      engineTimes.push(gate.evaluationMs);
      outcomes.inScope += gate.inScope;
      outcomes.warned += gate.warned.length;
      outcomes.blocked += gate.blocked.length;
    },
  });
  const runSeconds = (performance.now() - runStarted) / 1000;

  const unexpected = await db.serverTask.findMany({
    where: { queuedAt: { gte: new Date(queueStartedAt) }, state: "Failed", NOT: { errorMessage: { startsWith: "Blocked by" } } },
    select: { errorMessage: true },
  });
  const states = await db.serverTask.groupBy({ by: ["state"], where: { queuedAt: { gte: new Date(queueStartedAt) } }, _count: true });
  gateTimes.sort((a, b) => a - b);
  engineTimes.sort((a, b) => a - b);
  const file = databaseFile(scratch.url);
  await db.$queryRawUnsafe("PRAGMA wal_checkpoint(TRUNCATE)");
  const bytes = fileSize(file) + fileSize(`${file}-wal`);
  const [evaluations, audits, logLines] = await Promise.all([db.policyEvaluation.count(), db.auditEvent.count(), db.taskLogEntry.count()]);

  console.log("");
  console.log(`Queued ${DEPLOYMENTS} deployments in ${queueSeconds.toFixed(1)} s (${(DEPLOYMENTS / queueSeconds).toFixed(0)} per second)`);
  console.log(`Ran ${processed} executions against ${POLICIES} active policies (${AS_PUBLISHED ? "actions as published" : "actions turned to warn"}) in ${runSeconds.toFixed(1)} s with ${CONCURRENCY} at once`);
  console.log(`  executions per second:       ${(processed / runSeconds).toFixed(1)}`);
  console.log(`  policy gate per execution:   median ${percentile(gateTimes, 50).toFixed(1)} ms, p99 ${percentile(gateTimes, 99).toFixed(1)} ms, max ${gateTimes.at(-1)!.toFixed(1)} ms`);
  console.log(`    of which engine evaluation: median ${percentile(engineTimes, 50).toFixed(1)} ms, p99 ${percentile(engineTimes, 99).toFixed(1)} ms`);
  console.log(`  in-scope evaluations:        ${outcomes.inScope} (${(outcomes.inScope / processed).toFixed(1)} per execution), ${outcomes.warned} warned, ${outcomes.blocked} blocked`);
  console.log(`  final states:                ${states.map((s) => `${s.state} ${s._count}`).join(", ")}`);
  console.log(`  failed other than by policy: ${unexpected.length}${unexpected.length ? ` (first: ${unexpected[0].errorMessage})` : ""}`);
  console.log(`Database: ${(bytes / 1024 / 1024).toFixed(1)} MiB (${evaluations} policy evaluations, ${audits} audit events, ${logLines} task log lines)`);
  await scratch.dispose();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
