/**
 * Policy evaluation runs on the evaluation pool's threads, on real rows: a runaway policy fails
 * its deployment (an error outcome, fail closed) within twice its time limit while the API keeps
 * answering, the fail-open cases of resource exhaustion end as errors, and the editor's test
 * endpoint cannot hold another request either.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/db/test-database";
import { evaluationPool } from "@/lib/evaluation-pool";
import type { GateResult } from "@/lib/executions/gate/run-gate";
import { processQueue } from "@/lib/executions/worker";
import { GATE_SETTINGS } from "@/lib/policies/decision";
import { CONCAT_1_GB, DEEP_UNMARSHAL_WALK, MARSHAL_2_24, permissiveResult } from "@/tests/fixtures/runaway-rego";
import { deployWeb, taskOf, webRelease } from "./helpers";
import { activatePolicy, createWorld, inlinePolicy } from "./world";
import { credentialForRole } from "../security/credentials";

// the routes use the app's shared client: nowhere until the test database exists
vi.hoisted(() => {
  process.env.DATABASE_URL = "file:/nonexistent/policy-hub-isolated-evaluation.db";
});

let database: TestDatabase;
/** The seeded administrator's API key: every route needs a caller. */
let apiKey: string;
const auth = () => ({ "x-octopus-apikey": apiKey });
let tasksRoute: typeof import("@/app/api/tasks/route");
let testRoute: typeof import("@/app/api/policies/test/route");
const db = () => database.db;
/** The runaways' time limit: the gate's, which the test endpoint evaluates with too. */
const LIMIT_MS = GATE_SETTINGS.limits.timeoutMs;
/**
 * How many GET /api/tasks are sent at once while a runaway runs: 20, or as many as this machine
 * answers in a fifth of the limit at the baseline's pace. They must all answer before the runaway
 * ends, which 20 cannot on a machine that needs most of the limit for them alone (850-1400 ms seen
 * on a loaded two-core machine, where a runaway taking one core made requests up to 4x slower).
 */
let concurrent: number;
/** 20 concurrent GET /api/tasks with no evaluation running, timed each. */
let baseline: number[];

beforeAll(async () => {
  database = createTestDatabase();
  await createWorld(database.db);
  apiKey = (await credentialForRole(database.db, "admin", "Administrator")).apiKey;
  process.env.DATABASE_URL = database.url;
  delete (globalThis as { policyHubPrisma?: unknown }).policyHubPrisma;
  vi.resetModules();
  tasksRoute = await import("@/app/api/tasks/route");
  testRoute = await import("@/app/api/policies/test/route");
  // the threads load their code once (tsx outside production), the client connects, the route's first answer loads
  // what it needs: not part of any figure below
  await evaluationPool().query({ modules: [], query: "true", limits: { timeoutMs: 1000 }, strict: true });
  await concurrentTaskLists(1);
  baseline = await concurrentTaskLists(20);
  concurrent = Math.max(1, Math.min(20, Math.floor((20 * LIMIT_MS) / 5 / Math.max(...baseline))));
  console.log(`20 concurrent GET /api/tasks with no evaluation running: ${figures(baseline)}; ${concurrent} at once during the runaways`);
});
afterAll(async () => {
  const { prisma } = await import("@/lib/db/client");
  await prisma.$disconnect();
  await database.dispose();
});

/** Runs the queue to the end with the gate's limits, collecting the gate's figures. */
async function drain(limits?: { timeoutMs: number; maxBytes?: number }): Promise<GateResult[]> {
  const gates: GateResult[] = [];
  await processQueue(db(), { stepDelayMs: 0, concurrency: 2, limits, onGate: (g) => gates.push(g) });
  return gates;
}

/** `n` concurrent GET /api/tasks, each timed from its call to its parsed body. */
async function concurrentTaskLists(n: number): Promise<number[]> {
  return Promise.all(
    Array.from({ length: n }, async () => {
      const started = performance.now();
      const res = await tasksRoute.GET(new Request("http://localhost/api/tasks?pageSize=10", { headers: auth() }));
      expect(res.status).toBe(200);
      await res.json();
      return performance.now() - started;
    }),
  );
}

const figures = (ms: number[]) => {
  const s = [...ms].sort((a, b) => a - b);
  return `median ${s[Math.floor(s.length / 2)].toFixed(1)} ms, max ${s[s.length - 1].toFixed(1)} ms`;
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Resolves once the pool has an evaluation running (the gate is inside a worker). */
async function evaluationRunning(): Promise<void> {
  while (evaluationPool().stats().busy === 0) await sleep(5);
}

/**
 * `concurrent` GET /api/tasks at once while `running` is in its runaway evaluation, timed each.
 * They must all answer before it ends (none waits for it) and loosely in time: the requests share
 * this thread's database work however the evaluation goes, so the bound is the larger of 200 ms
 * and twice the slowest of the baseline's 20 (not of a baseline of as many as are sent: on a loaded
 * two-core machine, where the runaway takes one core, 5-9 requests answered up to 4x slower than
 * the same number without it). A failure waits for `running` to end, so the next test does not
 * find its task still running.
 */
async function taskListsDuring(running: Promise<unknown>): Promise<number[]> {
  let ended = false;
  void running.finally(() => (ended = true));
  // at once, so this thread is busiest while the worker announces its phases (a deadline counted from
  // when this thread reads an announcement would move by as much)
  await evaluationRunning();
  try {
    const latencies = await concurrentTaskLists(concurrent);
    expect(ended, `${concurrent} GET /api/tasks answered only after the evaluation ended`).toBe(false);
    for (const ms of latencies) expect(ms).toBeLessThan(Math.max(200, 2 * Math.max(...baseline)));
    return latencies;
  } catch (e) {
    await running.catch(() => {});
    throw e;
  }
}

/** Activates a block policy (the only active one) and queues a deployment of a new release. */
let releases = 0;
async function deployUnder(slug: string, conditions: string): Promise<string> {
  await db().policyVersion.updateMany({ data: { isActive: false } });
  await activatePolicy(db(), slug, inlinePolicy(slug, { action: "block", scope: "default evaluate := true", conditions }));
  const releaseId = await webRelease(db(), `3.0.${++releases}`);
  return (await deployWeb(db(), { releaseId })).taskId;
}

async function expectErrorOutcome(taskId: string, slug: string, error: RegExp): Promise<void> {
  const task = await taskOf(db(), taskId);
  expect(task.state).toBe("Failed");
  const line = task.logEntries.find((l) => l.message.includes(`(${slug} v1.0.0): errored, blocking`));
  expect(line?.message).toMatch(error);
  const evaluation = await db().policyEvaluation.findFirstOrThrow({ where: { taskId } });
  expect(evaluation.outcome).toBe("error");
  expect(task.logEntries.some((l) => /^Step /.test(l.section))).toBe(false);
}

describe("isolated policy evaluation", () => {
  it("fails a deployment whose policy json.marshals a 2^24-leaf value in milliseconds, stopped in-engine by size charging", async () => {
    const slug = "marshal_charged";
    const taskId = await deployUnder(slug, permissiveResult(MARSHAL_2_24));
    const started = performance.now();
    const [gate] = await drain();
    const total = performance.now() - started;
    console.log(`${slug}: evaluation ${gate.evaluationMs.toFixed(0)} ms (limit 1000 ms), whole gate ${gate.durationMs.toFixed(0)} ms, task ${total.toFixed(0)} ms`);
    await expectErrorOutcome(taskId, slug, /eval_limit_error: evaluation exceeded the size limit/);
    expect(gate.evaluationMs).toBeLessThan(100);
  });

  it("fails a deployment whose policy json.marshals a 2^24-leaf value with no size budget within 2x the limit, terminating its worker; the API keeps answering", async () => {
    const slug = "marshal_unbounded";
    const limitMs = LIMIT_MS;
    const taskId = await deployUnder(slug, permissiveResult(MARSHAL_2_24));
    const started = performance.now();
    const draining = drain({ timeoutMs: limitMs, maxBytes: Infinity });
    const latencies = await taskListsDuring(draining);
    const [gate] = await draining;
    const total = performance.now() - started;
    console.log(
      `${slug}: evaluation ${gate.evaluationMs.toFixed(0)} ms (limit ${limitMs} ms), whole gate ${gate.durationMs.toFixed(0)} ms, task ${total.toFixed(0)} ms; ` +
        `${concurrent} concurrent GET /api/tasks meanwhile: ${figures(latencies)}`,
    );
    await expectErrorOutcome(taskId, slug, new RegExp(`eval_limit_error: evaluation exceeded the time limit of ${limitMs} ms`));
    // the whole task: claimed, gated (database work included), failed and recorded
    expect(total).toBeLessThan(2 * limitMs);
  });

  it.each([
    ["a failing http.send", 'r := http.send({"method": "GET", "url": "https://example.com/"})\n  r.status_code == 200', /http\.send/],
    ["a walk of a 200,000-deep json.unmarshal", DEEP_UNMARSHAL_WALK, /eval_limit_error/],
    ["a 1 GB concat", CONCAT_1_GB, /eval_limit_error/],
  ])("ends %s under a permissive default as an error outcome that blocks, never Success", async (_case, body, error) => {
    const slug = `permissive_default_${releases}`;
    const taskId = await deployUnder(slug, permissiveResult(body));
    await drain();
    await expectErrorOutcome(taskId, slug, error);
  });

  it("keeps another request free while an anonymous POST /api/policies/test runs a runaway policy", async () => {
    const slug = "busy_loop";
    const doc = {
      slug, name: "Busy loop", description: "", violationReason: "", violationAction: "block",
      scopeRego: `package ${slug}\ndefault evaluate := true\n`,
      // ten million cheap steps: only the time limit stops it, after holding its thread for 1 s
      conditionsRego: `package ${slug}\n${permissiveResult("count([x | some i in numbers.range(1, 4000); some j in numbers.range(1, 2500); x := i * j]) < 0")}\n`,
    };
    const started = performance.now();
    const testing = testRoute.POST(new Request("http://localhost/api/policies/test", { method: "POST", body: JSON.stringify({ policy: doc, input: {} }), headers: { "content-type": "application/json", ...auth() } }));
    const latencies = await taskListsDuring(testing);
    const res = await testing;
    console.log(`POST /api/policies/test with a busy loop: ${(performance.now() - started).toFixed(0)} ms; GET /api/tasks meanwhile: ${figures(latencies)}`);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.decision).toMatchObject({ outcome: "error", enforced: "block", error: expect.stringMatching(/eval_limit_error: evaluation exceeded the (time|step) limit/) });
  });
});
