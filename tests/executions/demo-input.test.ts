import { readdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/db/test-database";
import { buildPolicyInput } from "@/lib/executions/input/build-input";
import { loadExecution } from "@/lib/executions/load-execution";
import { CompiledPolicyCache } from "@/lib/policies/decision";
import { startDeployment } from "@/lib/executions/start-deployment";
import { processQueue } from "@/lib/executions/worker";
import type { PolicyInput } from "@/lib/policy-input/schema";
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
  let inputs: PolicyInput[] = [];
  beforeAll(async () => {
    const tasks = await database.db.serverTask.findMany({ select: { id: true }, orderBy: { queuedAt: "asc" } });
    inputs = [];
    for (const task of tasks) inputs.push(buildPolicyInput((await loadExecution(database.db, task.id))!));
  }, 120_000);

  it("gives every seeded deployment and runbook run an input that matches the checked-in JSON schema", () => {
    expect(inputs.length).toBeGreaterThanOrEqual(300);
    const invalid = inputs.map((input, i) => ({ i, result: validatePolicyInput(input) })).filter((r) => !r.result.ok);
    expect(invalid).toEqual([]);
  });

  it("has what the newer input fields describe: GUID step ids, feeds of a space and of Platform Hub, conditional steps, approval, a project template", () => {
    const steps = inputs.flatMap((i) => i.Steps);
    expect(steps.every((s) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(s.Id))).toBe(true);
    const feeds = new Map(steps.flatMap((s) => s.Packages ?? []).map((p) => [p.Feed.Id, p.Feed]));
    expect(new Set([...feeds.values()].map((f) => f.Source))).toEqual(new Set(["Space", "Platform Hub"]));
    expect([...feeds.values()].some((f) => f.Type === "BuiltIn" && !f.Uri)).toBe(true);
    expect(steps.some((s) => s.IsConditional)).toBe(true);
    expect(steps.some((s) => !s.IsConditional)).toBe(true);

    const approval = inputs.filter((i) => i.RequiresApproval);
    expect(approval.length).toBeGreaterThan(0);
    expect(new Set(approval.map((i) => i.Environment.Slug))).toEqual(new Set(["production"]));
    expect(inputs.some((i) => i.Environment.Slug === "production" && !i.RequiresApproval)).toBe(true);

    const templated = inputs.filter((i) => i.Project.Template);
    expect(new Set(templated.map((i) => `${i.Project.Slug} ${i.Project.Template!.Slug}@${i.Project.Template!.Version}`))).toEqual(new Set(["inventory-service web-service@1.1.0"]));
  });

  it("refers to step GUIDs from SkippedSteps and Execution that are in Steps", () => {
    for (const input of inputs) {
      const ids = new Set(input.Steps.map((s) => s.Id));
      expect(input.SkippedSteps.every((id) => ids.has(id))).toBe(true);
      expect(input.Execution.flatMap((e) => e.Steps)).toEqual(input.Steps.map((s) => s.Id));
    }
    expect(inputs.some((i) => i.SkippedSteps.length > 0)).toBe(true);
  });

  it("runs a new deployment of a seeded release through every starter policy without engine errors", async () => {
    const db = database.db;
    const starters = readdirSync(path.join(process.cwd(), "policies")).map((f) => f.replace(/\.ocl$/, ""));
    for (const slug of starters) await activatePolicy(db, slug, starterOcl(slug));
    const seeded = await db.deployment.findFirstOrThrow({ where: { tenantId: null }, orderBy: { createdAt: "desc" } });
    const admin = await db.user.findUniqueOrThrow({ where: { username: "admin" }, select: { id: true, username: true, displayName: true, email: true } });
    const { taskId } = unwrap(await startDeployment(db, { releaseId: seeded.releaseId, environmentId: seeded.environmentId }, admin));

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
