import { readdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/db/test-database";
import { buildPolicyInput } from "@/lib/executions/input/build-input";
import { loadExecution } from "@/lib/executions/load-execution";
import { CompiledPolicyCache } from "@/lib/executions/gate/compiled-cache";
import { startDeployment } from "@/lib/executions/start-deployment";
import { processQueue } from "@/lib/executions/worker";
import { validatePolicyInput } from "@/lib/policy-input/validate";
import { seedDemoData } from "@/lib/seed";
import { unwrap } from "./helpers";
import { activatePolicy, starterOcl } from "./world";

let database: TestDatabase;
beforeAll(async () => {
  database = createTestDatabase();
  await seedDemoData(database.db);
}, 120_000);
afterAll(async () => {
  await database?.dispose();
});

describe("the demo instance", () => {
  it("gives seeded deployments and runbook runs inputs that match the JSON schema", async () => {
    const db = database.db;
    const samples = [
      await db.deployment.findFirstOrThrow({ where: { tenantId: null }, orderBy: { createdAt: "desc" } }),
      await db.deployment.findFirstOrThrow({ where: { tenantId: { not: null } }, orderBy: { createdAt: "desc" } }),
      await db.runbookRun.findFirstOrThrow({ orderBy: { createdAt: "desc" } }),
    ];
    for (const execution of samples) {
      const input = buildPolicyInput((await loadExecution(db, execution.taskId))!);
      expect(validatePolicyInput(input), execution.id).toEqual({ ok: true });
    }
  });

  it("runs a new deployment of a seeded release through every starter policy without engine errors", async () => {
    const db = database.db;
    const starters = readdirSync(path.join(process.cwd(), "policies")).map((f) => f.replace(/\.ocl$/, ""));
    for (const slug of starters) await activatePolicy(db, slug, starterOcl(slug));
    const seeded = await db.deployment.findFirstOrThrow({ where: { tenantId: null }, orderBy: { createdAt: "desc" } });
    const { taskId } = unwrap(await startDeployment(db, { releaseId: seeded.releaseId, environmentId: seeded.environmentId }));

    const input = buildPolicyInput((await loadExecution(db, taskId))!);
    expect(validatePolicyInput(input)).toEqual({ ok: true });
    await processQueue(db, { stepDelayMs: 0, cache: new CompiledPolicyCache() });

    const task = await db.serverTask.findUniqueOrThrow({ where: { id: taskId } });
    expect(["Success", "SuccessWithWarnings", "Failed"]).toContain(task.state);
    const evaluations = await db.policyEvaluation.findMany({ where: { taskId }, include: { policy: true } });
    const failures = evaluations.filter((e) => e.reason?.startsWith("Policy evaluation failed")).map((e) => `${e.policy.slug}: ${e.reason}`);
    expect(failures).toEqual([]);
    expect(evaluations.length).toBeGreaterThan(0);
  });
});
