import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/db/test-database";
import { SERVER_STOPPED_MESSAGE } from "@/lib/executions/queue/recover";
import { startWorker } from "@/lib/executions/worker";
import { deployWeb, webRelease } from "./helpers";
import { createWorld } from "./world";

const ROOT = path.resolve(__dirname, "../..");

let database: TestDatabase;
let repoDir: string;
let child: ChildProcess | undefined;

beforeEach(async () => {
  database = createTestDatabase();
  await createWorld(database.db);
  repoDir = mkdtempSync(path.join(tmpdir(), "policy-hub-shutdown-repo-"));
});

afterEach(async () => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  await database.dispose();
  rmSync(repoDir, { recursive: true, force: true });
});

interface Server {
  output: () => string;
  exited: Promise<{ code: number | null; at: number }>;
}

/** The worker in a process of its own, as the server runs it, on the test database. */
function startServer(env: Record<string, string>): Server {
  let output = "";
  // Node itself with tsx as a loader, so the signal reaches the server process and not a wrapper.
  child = spawn(process.execPath, ["--import", "tsx", "tests/executions/worker-shutdown-process.ts"], {
    cwd: ROOT,
    env: {
      ...process.env, NEXT_RUNTIME: "nodejs", DATABASE_URL: database.url, PLATFORM_HUB_REPO: repoDir,
      POLICY_HUB_WORKER: "on", POLICY_HUB_WORKER_CONCURRENCY: "4", POLICY_HUB_WORKER_POLL_MS: "50", ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const exited = new Promise<{ code: number | null; at: number }>((resolve) => child!.on("exit", (code) => resolve({ code, at: Date.now() })));
  return { output: () => output, exited };
}

async function until(check: () => Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function queueFive(): Promise<string[]> {
  const releaseId = await webRelease(database.db);
  const ids = [];
  for (let i = 0; i < 5; i++) ids.push((await deployWeb(database.db, { releaseId })).taskId);
  return ids;
}

const states = async (ids: string[]) =>
  (await database.db.serverTask.findMany({ where: { id: { in: ids } }, orderBy: { queuedAt: "asc" } })).map((t) => [t.id, t.state]);

/** Why tasks ended, and what the server said: a task that ended too early (seen once under load) names its cause. */
const endings = async (ids: string[], server: Server) =>
  (await database.db.serverTask.findMany({ where: { id: { in: ids }, errorMessage: { not: null } } })).map((t) => `${t.id}: ${t.errorMessage}\n`).join("") + server.output();

/** Waits until the first four tasks are executing and have started their steps. */
async function untilFourRunning(ids: string[], server: Server): Promise<void> {
  await until(async () => {
    const started = await database.db.taskLogEntry.count({ where: { taskId: { in: ids.slice(0, 4) }, message: { startsWith: "Task started" } } });
    return started === 4;
  }, `four running tasks; the server said:\n${server.output()}`);
}

describe("server shutdown", () => {
  it("on SIGTERM claims no more tasks, lets the four running ones finish Success, then exits", async () => {
    const ids = await queueFive();
    const graceMs = 20_000;
    // Four steps of 700 ms: each task runs for about three seconds.
    const server = startServer({ POLICY_HUB_STEP_DELAY_MS: "700", POLICY_HUB_SHUTDOWN_GRACE_MS: String(graceMs) });
    await untilFourRunning(ids, server);
    const signaledAt = Date.now();
    child!.kill("SIGTERM");
    const { code, at } = await server.exited;

    expect(await states(ids), server.output()).toEqual([...ids.slice(0, 4).map((id) => [id, "Success"]), [ids[4], "Queued"]]);
    expect(at - signaledAt).toBeLessThan(graceMs);
    // Next's own listener ran once the drain was over: it is what exits with 143.
    expect(code).toBe(143);
    expect(server.output()).toContain("waiting up to 20000 ms for 4 running task(s)");
    expect(server.output()).toContain("every running task finished");
    expect(server.output().indexOf("every running task finished")).toBeLessThan(server.output().indexOf("next-like listener: exiting on SIGTERM"));
  });

  it("exits when the grace period ends and leaves the unfinished tasks to be recovered once their lease passes", async () => {
    const ids = await queueFive();
    const graceMs = 300;
    const leaseMs = 1_000;
    const server = startServer({
      POLICY_HUB_STEP_DELAY_MS: "5000", POLICY_HUB_SHUTDOWN_GRACE_MS: String(graceMs), POLICY_HUB_LEASE_MS: String(leaseMs),
      POLICY_HUB_INSTANCE_ID: "draining-server",
    });
    await untilFourRunning(ids, server);
    const signaledAt = Date.now();
    child!.kill("SIGINT");
    const { code, at } = await server.exited;

    expect(code).toBe(143);
    // The grace period plus the time the process takes to exit.
    expect(at - signaledAt).toBeLessThan(graceMs + 3_000);
    expect(server.output()).toMatch(/after the 300 ms grace period with 4 task\(s\) still running \(ServerTasks-\d+(, ServerTasks-\d+){3}\)/);
    expect(await states(ids), await endings(ids, server)).toEqual([...ids.slice(0, 4).map((id) => [id, "Executing"]), [ids[4], "Queued"]]);

    // The next start runs the queued one and fails them with the recovery message once their lease has passed.
    const worker = startWorker({ db: database.db, stepDelayMs: 0, pollIntervalMs: 50, claimer: { instanceId: "next-start", leaseMs } });
    await until(async () => (await database.db.serverTask.findUniqueOrThrow({ where: { id: ids[4] } })).state === "Success", "the queued task");
    await until(async () => (await database.db.serverTask.count({ where: { id: { in: ids.slice(0, 4) }, state: "Failed" } })) === 4, "the recovery");
    await worker.stop();
    const tasks = await database.db.serverTask.findMany({ where: { id: { in: ids.slice(0, 4) } } });
    expect(tasks.map((t) => [t.state, t.errorMessage])).toEqual(tasks.map(() => ["Failed", SERVER_STOPPED_MESSAGE]));
  });
});
