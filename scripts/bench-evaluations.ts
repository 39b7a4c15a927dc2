/**
 * Figures for evaluating a policy over past executions (the Evaluations tab): seeds the demo
 * instance into a scratch database, repeats its deployments until there are `--executions` (the
 * copies keep their release, so their inputs are the demo's), activates one starter and evaluates
 * another as the draft over the last `--executions`, through the NDJSON stream the route answers
 * with and on the evaluation pool. Prints the time to the first results and the total.
 *
 *   npm run bench:evaluations -- [--executions 1000] [--active no_steps_skipped] [--draft release_from_main]
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import type { Db } from "../lib/db/client";
import { allocateIds } from "../lib/db/ids";
import { createTestDatabase } from "../lib/db/test-database";
import { evaluationPool, poolOptionsFromEnv } from "../lib/evaluation-pool";
import { ndjsonResponse } from "../lib/http/ndjson";
import { readPolicyFile } from "../lib/policies/read";
import { evaluationRequestSchema, prepareEvaluation, runEvaluation } from "../lib/policy-service/evaluations";
import { seedDemoData } from "../lib/seed";

const { values } = parseArgs({
  options: {
    executions: { type: "string", default: "1000" },
    active: { type: "string", default: "no_steps_skipped" },
    draft: { type: "string", default: "release_from_main" },
  },
});
const EXECUTIONS = Number(values.executions);

const starter = (slug: string) => readFileSync(path.join(process.cwd(), "policies", `${slug}.ocl`), "utf8");

/** The active version is the `active` starter under the draft's slug: the comparison is part of the work. */
async function activate(db: Db, slug: string, ocl: string): Promise<void> {
  const read = readPolicyFile(`policies/${slug}.ocl`, ocl);
  if (!read.policy) throw new Error(`${slug} does not parse`);
  await db.policy.create({ data: { id: "Policies-9001", slug, name: read.policy.name } });
  await db.policyVersion.create({
    data: {
      id: "PolicyVersions-9001", policyId: "Policies-9001", version: "1.0.0", major: 1, minor: 0, patch: 0, name: read.policy.name,
      violationAction: read.policy.violationAction, violationReason: read.policy.violationReason || null, ocl, commitId: "0".repeat(40), isActive: true,
    },
  });
}

/** Copies of the demo's deployments, one day older per round, until there are `count` executions. */
async function pad(db: Db, count: number): Promise<number> {
  const have = (await db.deployment.count()) + (await db.runbookRun.count());
  const missing = count - have;
  if (missing <= 0) return have;
  const deployments = await db.deployment.findMany({ include: { task: true } });
  const copies = Array.from({ length: missing }, (_, i) => ({ d: deployments[i % deployments.length], round: Math.floor(i / deployments.length) + 1 }));
  const taskIds = await allocateIds(db, "ServerTasks", missing);
  const deploymentIds = await allocateIds(db, "Deployments", missing);
  const older = (at: Date, round: number) => new Date(at.getTime() - round * 86_400_000 * 30);
  await db.serverTask.createMany({
    data: copies.map(({ d, round }, i) => ({
      id: taskIds[i], spaceId: d.task.spaceId, kind: d.task.kind, description: d.task.description, state: d.task.state,
      projectId: d.task.projectId, environmentId: d.task.environmentId, tenantId: d.task.tenantId, createdById: d.task.createdById,
      queuedAt: older(d.task.queuedAt, round), startedAt: d.task.startedAt && older(d.task.startedAt, round), completedAt: d.task.completedAt && older(d.task.completedAt, round),
    })),
  });
  await db.deployment.createMany({
    data: copies.map(({ d, round }, i) => ({
      id: deploymentIds[i], spaceId: d.spaceId, projectId: d.projectId, releaseId: d.releaseId, environmentId: d.environmentId, tenantId: d.tenantId,
      taskId: taskIds[i], name: d.name, skippedStepIds: d.skippedStepIds, createdById: d.createdById, createdAt: older(d.createdAt, round),
    })),
  });
  return count;
}

async function main() {
  const database = createTestDatabase();
  const db = database.db;
  console.log("Seeding the demo instance…");
  await seedDemoData(db);
  const total = await pad(db, EXECUTIONS);
  const slug = values.draft;
  await activate(db, slug, starter(values.active).replaceAll(`package ${values.active}`, `package ${slug}`));
  const draft = readPolicyFile(`policies/${slug}.ocl`, starter(slug)).policy!;
  // The pool's threads start (and compile) on first use, as on a server that has run a gate before:
  // one job per thread at once, or the threads left idle would start inside the first measured round.
  const threads = poolOptionsFromEnv().size;
  await Promise.all(
    Array.from({ length: threads }, () => evaluationPool().evaluatePolicies([{ id: "warm", slug, ocl: starter(slug) }], {}, { limits: { timeoutMs: 1000 }, strict: true })),
  );

  for (let round = 1; round <= 3; round++) {
    const started = performance.now();
    const request = evaluationRequestSchema.parse({ policy: { ...draft, slug }, limit: EXECUTIONS });
    const prepared = await prepareEvaluation(db, slug, request);
    if (!prepared.ok) throw new Error(prepared.error.message);
    const reader = ndjsonResponse(runEvaluation(db, prepared.value)).body!.pipeThrough(new TextDecoderStream()).getReader();
    let firstResults: number | null = null;
    let buffered = "";
    let last: { type: string; counts?: unknown; newlyBlocks?: string[]; newlyAllows?: string[] } | undefined;
    let bytes = 0;
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      bytes += value.length;
      buffered += value;
      const lines = buffered.split("\n");
      buffered = lines.pop() ?? "";
      for (const line of lines) {
        last = JSON.parse(line);
        if (last?.type === "results" && firstResults === null) firstResults = performance.now() - started;
      }
    }
    const totalMs = performance.now() - started;
    console.log(
      `round ${round}: ${prepared.value.executions.length} of ${total} executions, first results ${firstResults?.toFixed(0)} ms, total ${totalMs.toFixed(0)} ms, ` +
        `${(bytes / 1e6).toFixed(1)} MB streamed; newly blocks ${last?.newlyBlocks?.length}, newly allows ${last?.newlyAllows?.length}; counts ${JSON.stringify(last?.counts)}`,
    );
  }
  await evaluationPool().close();
  await database.dispose();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
