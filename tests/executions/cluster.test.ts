import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { isPostgres } from "@/lib/db/dialect";
import { createTestDatabase, type TestDatabase } from "@/lib/db/test-database";
import { SERVER_STOPPED_MESSAGE, stoppedLine } from "@/lib/executions/queue/recover";
import { POLICY_SECTION } from "@/lib/executions/task-log";
import { deployWeb, webRelease } from "./helpers";
import { activatePolicy, createWorld, inlinePolicy } from "./world";

const ROOT = path.resolve(__dirname, "../..");
const INSTANCES = ["node-a", "node-b", "node-c"];
// Above SQLite's 10 s lock wait, during which better-sqlite3 blocks the event loop and so the heartbeat.
const LEASE_MS = 12_000;
const FINAL = ["Success", "SuccessWithWarnings", "Failed", "Canceled"];

let database: TestDatabase;
const children = new Map<string, ChildProcess>();
const output = new Map<string, string>();

beforeEach(async () => {
  database = createTestDatabase();
  // Three processes share the file: WAL lets them read while one writes, as db:migrate sets it.
  if (!isPostgres(database.db)) await database.db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  await createWorld(database.db);
});

afterEach(async () => {
  for (const child of children.values()) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  children.clear();
  output.clear();
  await database.dispose();
});

function startInstance(instanceId: string): void {
  // Node itself with tsx as a loader, so kill -9 reaches the instance and not a wrapper.
  const child = spawn(process.execPath, ["--import", "tsx", "tests/executions/cluster-instance.ts"], {
    cwd: ROOT,
    env: {
      ...process.env, DATABASE_URL: database.url, POLICY_HUB_INSTANCE_ID: instanceId, POLICY_HUB_LEASE_MS: String(LEASE_MS),
      POLICY_HUB_WORKER: "on", POLICY_HUB_WORKER_CONCURRENCY: "4", POLICY_HUB_WORKER_POLL_MS: "100", POLICY_HUB_STEP_DELAY_MS: "40",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  output.set(instanceId, "");
  const append = (d: Buffer) => output.set(instanceId, output.get(instanceId) + d.toString());
  child.stdout!.on("data", append);
  child.stderr!.on("data", append);
  children.set(instanceId, child);
}

/**
 * The test's own writes beside three busy instances: SQLite answers a transaction that must
 * upgrade from read to write while another process writes with SQLITE_BUSY at once (no lock
 * wait, to avoid a deadlock), which Prisma reports as a timeout. Retrying them keeps the test
 * about the instances, not about the harness losing that race.
 */
async function harnessWrite<T>(write: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (e) {
      if (attempt >= 10 || !/timed out|database is locked|SQLITE_BUSY/i.test(String(e))) throw e;
      await new Promise((r) => setTimeout(r, 100 * attempt));
    }
  }
}

const said = () => [...output].map(([id, text]) => `--- ${id}\n${text.slice(-3000)}`).join("\n");

async function until(check: () => Promise<boolean>, what: string, timeoutMs = 120_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; the instances said:\n${said()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const BLOCKING = inlinePolicy("no_release_9", {
  name: "No release 9", action: "block", reason: "Release 9 is withdrawn",
  scope: "default evaluate := true",
  conditions: 'default result := {"allowed": true}\nresult := {"allowed": false} if { startswith(input.Release.Version, "9.") }',
});

describe("three instances on one database", () => {
  it("end every one of 300 tasks exactly once when one is killed with kill -9, and enforce a policy activated elsewhere", async () => {
    const db = database.db;
    const early = await webRelease(db, "2.4.1");
    const late = await webRelease(db, "9.0.0");
    const firstBatch: string[] = [];
    for (let i = 0; i < 200; i++) firstBatch.push((await deployWeb(db, { releaseId: early })).taskId);
    for (const id of INSTANCES) startInstance(id);

    // Kill node-c mid-way, while it holds running tasks.
    await until(async () => (await db.serverTask.count({ where: { state: { in: FINAL } } })) >= 40, "forty finished tasks");
    await until(async () => (await db.serverTask.count({ where: { claimedBy: "node-c", state: "Executing" } })) > 0, "node-c running tasks");
    children.get("node-c")!.kill("SIGKILL");
    const killedAt = Date.now();
    const orphaned = (await db.serverTask.findMany({ where: { claimedBy: "node-c", state: "Executing" }, select: { id: true } })).map((t) => t.id);

    // Activated outside the instances (as any instance's API would write it), then 100 more deployments.
    const { policyId } = await harnessWrite(() => activatePolicy(db, "no_release_9", BLOCKING));
    const secondBatch: string[] = [];
    for (let i = 0; i < 100; i++) secondBatch.push((await harnessWrite(() => deployWeb(db, { releaseId: late }))).taskId);
    const all = [...firstBatch, ...secondBatch];

    await until(async () => (await db.serverTask.count({ where: { id: { in: all }, state: { in: FINAL } } })) === all.length, "all 300 tasks to end");

    // The dead instance's tasks ended within the lease (plus a heartbeat and some slack), failed with the line naming it.
    const recovered = await db.serverTask.findMany({ where: { id: { in: orphaned } }, include: { logEntries: { orderBy: { seq: "asc" } } } });
    expect(recovered.length).toBeGreaterThan(0);
    for (const task of recovered) {
      expect(task.state, said()).toBe("Failed");
      expect(task.errorMessage).toBe(SERVER_STOPPED_MESSAGE);
      expect(task.logEntries.at(-1)!.message).toBe(stoppedLine("node-c"));
      expect(task.completedAt!.getTime() - killedAt).toBeLessThan(LEASE_MS * 2 + 5_000);
      expect(["node-a", "node-b"]).toContain(task.claimedBy);
    }

    const tasks = await db.serverTask.findMany({ where: { id: { in: all } }, include: { logEntries: { orderBy: { seq: "asc" } } } });
    const ends = await db.auditEvent.groupBy({ by: ["taskId"], where: { taskId: { in: all }, category: { in: FINAL.map((state) => `Deploy${state}`) } }, _count: true });
    const endsOf = new Map(ends.map((e) => [e.taskId, e._count]));
    for (const task of tasks) {
      // Ran at most once: one start line, one end audit record, log lines numbered 1..n without a gap.
      expect(task.logEntries.filter((l) => l.message.startsWith("Task started")).length, task.id).toBeLessThanOrEqual(1);
      expect(endsOf.get(task.id), task.id).toBe(1);
      const lines = `${task.id} ${task.state} ${task.claimedBy}: ${task.logEntries.map((l) => `${l.seq} ${l.message.slice(0, 200)}`).join("\n")}`;
      expect(task.logEntries.map((l) => l.seq), lines).toEqual(task.logEntries.map((_, i) => i + 1));
      if (!orphaned.includes(task.id)) expect(task.logEntries.filter((l) => l.message.startsWith("Task started")).length, task.id).toBe(1);
    }
    const byInstance = new Set(tasks.map((t) => t.claimedBy));
    for (const id of INSTANCES) expect(byInstance, `instance ${id} ran no task`).toContain(id);

    // Every deployment of the second batch was blocked by the policy, evaluated and audited once, on the surviving instances.
    const evaluations = await db.policyEvaluation.groupBy({ by: ["taskId"], where: { policyId }, _count: true });
    const audits = await db.auditEvent.groupBy({ by: ["taskId"], where: { policyId, category: "PolicyEvaluated" }, _count: true });
    for (const id of secondBatch) {
      const task = tasks.find((t) => t.id === id)!;
      expect(task.state, id).toBe("Failed");
      expect(["node-a", "node-b"]).toContain(task.claimedBy);
      expect(task.logEntries.some((l) => l.section === POLICY_SECTION && l.message.includes("blocked - Release 9 is withdrawn"))).toBe(true);
      expect(evaluations.find((e) => e.taskId === id)?._count, id).toBe(1);
      expect(audits.find((e) => e.taskId === id)?._count, id).toBe(1);
    }
    // No task of the first batch that started before the activation was evaluated against it twice.
    expect(evaluations.every((e) => e._count === 1)).toBe(true);
  }, 240_000);
});
