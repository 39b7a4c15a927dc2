import { describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { loadExecution, loadExecutions } from "@/lib/executions/load-execution";
import { startRunbookRun } from "@/lib/executions/start-runbook-run";
import { inProcessEvaluator, CompiledPolicyCache } from "@/lib/policies/decision";
import { readPolicyFile } from "@/lib/policies/read";
import {
  evaluationRequestSchema,
  prepareEvaluation,
  runEvaluation,
  type EvaluatedExecution,
  type EvaluationEvent,
  type EvaluationRequest,
} from "@/lib/policy-service/evaluations";
import { actor, deployWeb, drain, unwrap, useWorld, webRelease } from "../executions/helpers";
import { activatePolicy, inlinePolicy, W } from "../executions/world";

const world = useWorld();

const NO_SKIPS = inlinePolicy("guard", {
  reason: "Do not skip steps",
  scope: "default evaluate := true",
  conditions: 'default result := {"allowed": true}\nresult := {"allowed": false} if { count(input.SkippedSteps) > 0 }',
});

/** The draft as the editor sends it: the fields of an OCL file. */
function draftOf(ocl: string) {
  const { policy } = readPolicyFile("policies/guard.ocl", ocl);
  if (!policy) throw new Error("draft does not parse");
  return { ...policy, slug: "guard" };
}

function draft(opts: Parameters<typeof inlinePolicy>[1]) {
  return draftOf(inlinePolicy("guard", opts));
}

async function run(db: Db, body: unknown, evaluator = inProcessEvaluator({ cache: new CompiledPolicyCache() })) {
  const request = evaluationRequestSchema.parse(body) as EvaluationRequest;
  const prepared = unwrap(await prepareEvaluation(db, "guard", request));
  const events: EvaluationEvent[] = [];
  for await (const e of runEvaluation(db, prepared, { evaluator, firstBatch: 1, batchSize: 2 })) events.push(e);
  const rows = events.flatMap((e) => (e.type === "results" ? e.rows : []));
  const done = events.at(-1);
  if (done?.type !== "done") throw new Error("the run did not finish");
  return { events, rows, done, byTask: new Map(rows.map((r) => [r.taskId, r])) };
}

/** Three executions: production with a skipped step, development, and a runbook run in production. */
async function history(db: Db) {
  const releaseId = await webRelease(db);
  const skipped = await deployWeb(db, { releaseId, skippedStepIds: [W.steps.smoke] });
  const dev = await deployWeb(db, { releaseId, environmentId: W.development });
  const runbook = unwrap(await startRunbookRun(db, { runbookId: W.runbook, snapshotId: W.snapshot, environmentId: W.production }, actor));
  await drain(db);
  return { releaseId, skipped: skipped.taskId, dev: dev.taskId, runbook: runbook.taskId };
}

describe("evaluating a policy over past executions", () => {
  it("judges each recorded execution with the gate's decision: block, warning, compliant out of scope, runtime error", async () => {
    await activatePolicy(world.db, "guard", NO_SKIPS);
    const t = await history(world.db);
    const production = 'default evaluate := false\nevaluate if { input.Environment.Slug == "production" }';
    const blocks = await run(world.db, { policy: draft({ reason: "No skips", scope: production, conditions: NO_SKIP_RULE }) });
    expect(blocks.rows).toHaveLength(3);
    expect(blocks.byTask.get(t.skipped)!.candidate).toMatchObject({ verdict: "Block", scope: "In", reason: "No skips" });
    expect(blocks.byTask.get(t.dev)!.candidate).toMatchObject({ verdict: "Compliant", scope: "Out" });
    expect(blocks.byTask.get(t.runbook)!.candidate).toMatchObject({ verdict: "Compliant", scope: "In" });
    expect(blocks.done.counts.verdict).toEqual({ Compliant: 2, Block: 1, Warning: 0, "Runtime error": 0 });
    expect(blocks.done.counts.scope).toEqual({ In: 2, Out: 1, "Invalid input": 0 });

    const warns = await run(world.db, { policy: draft({ action: "warn", scope: production, conditions: NO_SKIP_RULE }) });
    expect(warns.byTask.get(t.skipped)!.candidate).toMatchObject({ verdict: "Warning", enforced: "warn" });

    const broken = await run(world.db, { policy: draft({ scope: "default evaluate := true", conditions: 'result := {"allowed": 1 / 0 > 0}' }) });
    expect(broken.done.counts.verdict["Runtime error"]).toBe(3);
    expect(broken.rows[0].candidate.reason).toMatch(/Policy evaluation failed/);
  });

  it("rebuilds each input from what the execution recorded, not from today's process", async () => {
    const t = await history(world.db);
    // Today the process's smoke step is renamed; the release's snapshot still has the old slug.
    await world.db.step.update({ where: { id: W.steps.smoke }, data: { slug: "renamed-today" } });
    await activatePolicy(world.db, "guard", NO_SKIPS);
    const renamed = await run(world.db, {
      policy: draft({ scope: "default evaluate := true", conditions: 'default result := {"allowed": true}\nresult := {"allowed": false} if { some s in input.Steps; s.Slug == "renamed-today" }' }),
    });
    expect(renamed.done.counts.verdict.Block).toBe(0);
    const input = renamed.byTask.get(t.skipped)!.input!;
    expect(input.Steps.map((s) => s.Slug)).not.toContain("renamed-today");
    expect(input.SkippedSteps).toEqual([W.steps.smoke]);
    expect(input.Environment.Slug).toBe("production");
    expect(renamed.byTask.get(t.runbook)!.input!.Runbook).toMatchObject({ Snapshot: "Snapshot 7XK2P" });
  });

  it("compares the candidate with the active version: newly blocks and newly allows, each listed", async () => {
    // Active: block production. Draft: block skipped steps anywhere.
    await activatePolicy(world.db, "guard", inlinePolicy("guard", { scope: 'default evaluate := false\nevaluate if { input.Environment.Slug == "production" }', conditions: 'default result := {"allowed": false}' }));
    const t = await history(world.db);
    const extra = await deployWeb(world.db, { releaseId: t.releaseId, environmentId: W.development, skippedStepIds: [W.steps.smoke] });
    await drain(world.db);
    const compared = await run(world.db, { policy: draft({ scope: "default evaluate := true", conditions: NO_SKIP_RULE }) });
    expect(compared.events[0]).toMatchObject({ type: "start", total: 4, candidate: "draft", active: "v1.0.0" });
    const change = (id: string) => compared.byTask.get(id)!.change;
    expect(change(extra.taskId)).toBe("newly blocks");
    expect(change(t.runbook)).toBe("newly allows");
    expect(change(t.skipped)).toBeUndefined();
    expect(change(t.dev)).toBeUndefined();
    expect(compared.done.newlyBlocks).toEqual([extra.taskId]);
    expect(compared.done.newlyAllows).toEqual([t.runbook]);
    expect(compared.byTask.get(t.runbook)!.active).toMatchObject({ verdict: "Block", scope: "In" });

    // The active version itself, evaluated as a published version, changes nothing.
    const same = await run(world.db, { version: "1.0.0" });
    expect(same.done.newlyBlocks).toEqual([]);
    expect(same.done.newlyAllows).toEqual([]);
    expect(same.done.counts.verdict.Block).toBe(2);
  });

  it("applies the filters and the limit, newest first, and runs on the evaluation pool by default", async () => {
    await activatePolicy(world.db, "guard", NO_SKIPS);
    const t = await history(world.db);
    const kind = await run(world.db, { policy: draftOf(NO_SKIPS), filters: { kind: "RunbookRun" } });
    expect(kind.rows.map((r: EvaluatedExecution) => r.taskId)).toEqual([t.runbook]);
    const env = await run(world.db, { policy: draftOf(NO_SKIPS), filters: { environmentId: W.development, projectId: W.web } });
    expect(env.rows.map((r) => r.taskId)).toEqual([t.dev]);
    const future = await run(world.db, { policy: draftOf(NO_SKIPS), filters: { from: "2999-01-01T00:00:00Z" } });
    expect(future.rows).toEqual([]);

    const request = evaluationRequestSchema.parse({ policy: draftOf(NO_SKIPS), limit: 2 }) as EvaluationRequest;
    const prepared = unwrap(await prepareEvaluation(world.db, "guard", request));
    const events: EvaluationEvent[] = [];
    for await (const e of runEvaluation(world.db, prepared)) events.push(e);
    const rows = events.flatMap((e) => (e.type === "results" ? e.rows : []));
    expect(rows.map((r) => r.taskId)).toEqual([t.runbook, t.dev]);
    expect(rows.map((r) => r.candidate.verdict)).toEqual(["Compliant", "Compliant"]);
  });

  it("reads a batch of executions as loadExecution reads each, in the order asked", async () => {
    const t = await history(world.db);
    const ids = [t.runbook, "ServerTasks-999999", t.skipped, t.dev];
    const batch = await loadExecutions(world.db, ids);
    expect(batch[1]).toBeNull();
    for (const i of [0, 2, 3]) expect(batch[i]).toEqual(await loadExecution(world.db, ids[i]));
  });

  it("answers bad requests as errors naming the problem", async () => {
    const bad = (body: unknown) => evaluationRequestSchema.safeParse(body);
    expect(bad({ version: "1.0.0", limit: 100_000 }).error?.issues[0].message).toMatch(/at most 5000/);
    expect(bad({ version: "1.0.0", filters: { from: "yesterday" } }).error?.issues[0].message).toMatch(/from must be an ISO date-time/);
    expect(bad({ version: "1.0.0", filters: { from: "2026-02-01T00:00:00Z", to: "2026-01-01T00:00:00Z" } }).error?.issues[0].message).toMatch(/not be after/);
    expect(bad({ version: "1.0.0", filters: { colour: "red" } }).success).toBe(false);
    expect(bad({}).error?.issues[0].message).toMatch(/either the policy/);
    await activatePolicy(world.db, "guard", NO_SKIPS);
    const missing = await prepareEvaluation(world.db, "guard", evaluationRequestSchema.parse({ version: "9.9.9" }) as EvaluationRequest);
    expect(missing).toMatchObject({ ok: false, error: { code: "version_not_found" } });
    const unknown = await prepareEvaluation(world.db, "nope", evaluationRequestSchema.parse({ version: "1.0.0" }) as EvaluationRequest);
    expect(unknown).toMatchObject({ ok: false, error: { code: "policy_not_found" } });
  });
});

const NO_SKIP_RULE = 'default result := {"allowed": true}\nresult := {"allowed": false} if { count(input.SkippedSteps) > 0 }';
