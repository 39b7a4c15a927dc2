import { AuditEventGroups } from "@/lib/audit/event-groups";
import { describe, expect, it } from "vitest";
import { claimNextTask } from "@/lib/executions/queue/claim";
import { renewLeases } from "@/lib/executions/queue/lease";
import { cancelTask } from "@/lib/executions/queue/cancel";
import { SERVER_STOPPED_MESSAGE, stoppedLine } from "@/lib/executions/queue/recover";
import { CompiledPolicyCache } from "@/lib/policies/decision";
import { startWorker } from "@/lib/executions/worker";
import { getTaskWithLog, listTasks } from "@/lib/executions/task-queries";
import { actor, deployWeb, drain, taskOf, unwrap, useWorld, webRelease } from "./helpers";
import { W } from "./world";

const world = useWorld();

async function until(check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 20));
  }
}

const stateOf = async (taskId: string) => (await world.db.serverTask.findUniqueOrThrow({ where: { id: taskId } })).state;

describe("task queue and worker", () => {
  it("runs queued tasks oldest first and records their times", async () => {
    const releaseId = await webRelease(world.db);
    const tasks = [];
    for (let i = 0; i < 12; i++) tasks.push((await deployWeb(world.db, { releaseId, environmentId: i % 2 ? W.production : W.development })).taskId);
    // Same millisecond or not, ids break ties numerically ("ServerTasks-10" after "-9").
    const claimed = [];
    for (let i = 0; i < tasks.length; i++) claimed.push(await claimNextTask(world.db));
    expect(claimed).toEqual(tasks);
    expect(await claimNextTask(world.db)).toBeNull();
  });

  it("processes the queue until it is empty", async () => {
    const releaseId = await webRelease(world.db);
    const ids = [];
    for (let i = 0; i < 5; i++) ids.push((await deployWeb(world.db, { releaseId })).taskId);
    expect(await drain(world.db)).toBe(5);
    for (const id of ids) {
      const task = await taskOf(world.db, id);
      expect(task.state).toBe("Success");
      expect(task.startedAt!.getTime()).toBeGreaterThanOrEqual(task.queuedAt.getTime());
      expect(task.completedAt!.getTime()).toBeGreaterThanOrEqual(task.startedAt!.getTime());
      expect(task.logEntries.map((l) => l.seq)).toEqual(task.logEntries.map((_, i) => i + 1));
    }
    expect(await drain(world.db)).toBe(0);
  });

  it("loses no task when the server stops mid-task: its lease passes and another instance fails it", async () => {
    const releaseId = await webRelease(world.db);
    const running = (await deployWeb(world.db, { releaseId })).taskId;
    const waiting = (await deployWeb(world.db, { releaseId })).taskId;
    // The old server claimed the first task, and its lease holds while the survivor runs the other:
    // a lease that could pass meanwhile (a loaded machine runs a task in more than 300 ms) would
    // make the survivor right to fail it then.
    const alive = { instanceId: "dead-instance", leaseMs: 60_000 };
    expect(await claimNextTask(world.db, alive)).toBe(running);

    const survivor = { instanceId: "survivor", leaseMs: 300 };
    const dead = { instanceId: alive.instanceId, leaseMs: 300 };
    let lastBeat = 0;
    const worker = startWorker({ db: world.db, stepDelayMs: 0, pollIntervalMs: 50, cache: new CompiledPolicyCache(), claimer: survivor });
    try {
      await until(async () => (await stateOf(waiting)) === "Success");
      expect(await stateOf(running)).toBe("Executing");
      // Its last heartbeat gives it a short lease, then the old server stops renewing it.
      lastBeat = Date.now();
      expect(await renewLeases(world.db, dead)).toBe(1);
      await until(async () => (await stateOf(running)) === "Failed", 5_000);
    } finally {
      // Also when an expectation fails: a worker left running would poll the next test's database.
      await worker.stop();
    }

    const failed = await taskOf(world.db, running);
    expect(failed.errorMessage).toBe(SERVER_STOPPED_MESSAGE);
    expect(failed.completedAt!.getTime()).toBeGreaterThanOrEqual(lastBeat + dead.leaseMs);
    expect(failed.logEntries.at(-1)).toMatchObject({ level: "Fatal", message: stoppedLine("dead-instance") });
    expect(failed.logEntries.map((l) => l.seq)).toEqual(failed.logEntries.map((_, i) => i + 1));
  });

  it("never fails a task whose owner is alive, however often another instance starts", async () => {
    const releaseId = await webRelease(world.db);
    const owned = (await deployWeb(world.db, { releaseId })).taskId;
    // The newcomers run 1.5 s in all, longer than the lease: only the heartbeat keeps it.
    const owner = { instanceId: "owner", leaseMs: 1000 };
    expect(await claimNextTask(world.db, owner)).toBe(owned);
    // The owner's heartbeat, as the worker beats: one renewal at a time, and the last one awaited
    // before the database goes (a renewal still under way then fails on a closed connection).
    let renewing: Promise<unknown> | null = null;
    const beat = setInterval(() => {
      renewing ??= renewLeases(world.db, owner).finally(() => (renewing = null));
    }, 100);
    try {
      for (let i = 0; i < 3; i++) {
        const newcomer = startWorker({ db: world.db, stepDelayMs: 0, pollIntervalMs: 50, cache: new CompiledPolicyCache(), claimer: { instanceId: `new-${i}`, leaseMs: 1000 } });
        await new Promise((r) => setTimeout(r, 500));
        await newcomer.stop();
      }
      expect(await stateOf(owned)).toBe("Executing");
    } finally {
      clearInterval(beat);
      await renewing;
    }
  });

  it("picks up tasks queued while it runs and stops when asked", async () => {
    const worker = startWorker({ db: world.db, stepDelayMs: 0, pollIntervalMs: 5_000, cache: new CompiledPolicyCache() });
    const { taskId } = await deployWeb(world.db);
    // The poll interval is long: only the queue signal can start it this quickly.
    await until(async () => (await stateOf(taskId)) === "Success", 4_000);
    await worker.stop();
  });

  it("cancels a queued task at once", async () => {
    const { taskId } = await deployWeb(world.db);
    expect(unwrap(await cancelTask(world.db, taskId, actor))).toEqual({ taskId, state: "Canceled", cancelRequested: true });
    expect(await drain(world.db)).toBe(0);
    const task = await taskOf(world.db, taskId);
    expect(task.state).toBe("Canceled");
    expect(task.logEntries.at(-1)!.message).toBe("Canceled by Administrator");
    const ended = await world.db.auditEvent.findMany({ where: { taskId, eventGroup: { in: [AuditEventGroups.taskCanceled, AuditEventGroups.deploymentFailed] } } });
    expect(ended.map((e) => e.eventGroup)).toEqual([AuditEventGroups.taskCanceled]);
    expect(await cancelTask(world.db, taskId, actor)).toMatchObject({ ok: false, error: { code: "task_finished" } });
    expect(await cancelTask(world.db, "ServerTasks-999", actor)).toMatchObject({ ok: false, error: { code: "task_not_found" } });
  });

  it("stops a running task between steps", async () => {
    const { taskId } = await deployWeb(world.db);
    const worker = startWorker({ db: world.db, stepDelayMs: 300, pollIntervalMs: 50, cache: new CompiledPolicyCache() });
    await until(async () => (await world.db.taskLogEntry.count({ where: { taskId, section: { startsWith: "Step 1" } } })) > 0);
    expect(unwrap(await cancelTask(world.db, taskId, actor))).toMatchObject({ state: "Executing", cancelRequested: true });
    await until(async () => (await stateOf(taskId)) === "Canceled");
    await worker.stop();
    const task = await taskOf(world.db, taskId);
    expect(task.logEntries.some((l) => l.section.startsWith("Step 4"))).toBe(false);
  });

  it("runs no more tasks at once than allowed", async () => {
    const releaseId = await webRelease(world.db);
    for (let i = 0; i < 4; i++) await deployWeb(world.db, { releaseId });
    let maxExecuting = 0;
    const sampler = setInterval(async () => {
      maxExecuting = Math.max(maxExecuting, await world.db.serverTask.count({ where: { state: "Executing" } }));
    }, 10);
    const worker = startWorker({ db: world.db, concurrency: 2, stepDelayMs: 40, pollIntervalMs: 50, cache: new CompiledPolicyCache() });
    await until(async () => (await world.db.serverTask.count({ where: { state: "Success" } })) === 4);
    await worker.stop();
    clearInterval(sampler);
    expect(maxExecuting).toBe(2);
  });
});

describe("task queries", () => {
  it("pages a task's log and filters it by level", async () => {
    const { taskId } = await deployWeb(world.db);
    await drain(world.db);
    const all = unwrap(await getTaskWithLog(world.db, taskId, { limit: 5000 }));
    const info = unwrap(await getTaskWithLog(world.db, taskId, { level: "Info", limit: 5000 }));
    expect(info.log.length).toBeLessThan(all.log.length);
    expect(info.log.every((l) => l.level !== "Verbose")).toBe(true);
    const first = unwrap(await getTaskWithLog(world.db, taskId, { limit: 3 }));
    expect(first.log.map((l) => l.seq)).toEqual([1, 2, 3]);
    expect(first.nextAfterSeq).toBe(3);
    const next = unwrap(await getTaskWithLog(world.db, taskId, { limit: 3, afterSeq: 3 }));
    expect(next.log[0].seq).toBe(4);
    expect(await getTaskWithLog(world.db, "ServerTasks-999")).toMatchObject({ ok: false, error: { code: "task_not_found" } });
  });

  it("lists tasks by state, project and environment", async () => {
    const releaseId = await webRelease(world.db);
    const dev = (await deployWeb(world.db, { releaseId, environmentId: W.development })).taskId;
    await deployWeb(world.db, { releaseId });
    const byEnv = unwrap(await listTasks(world.db, { environmentId: W.development }));
    expect(byEnv.items.map((t) => t.id)).toEqual([dev]);
    expect(unwrap(await listTasks(world.db, { state: "Queued,Executing", projectId: W.web })).total).toBe(2);
    expect(unwrap(await listTasks(world.db, { state: "Success" })).total).toBe(0);
    expect(await listTasks(world.db, { state: "Nope" as never })).toMatchObject({ ok: false, error: { code: "invalid_request" } });
  });
});
