/**
 * The evaluation pool on real worker threads: answers as the engine gives them, a deadline that
 * holds inside one long builtin call (the worker is terminated and replaced), a heap cap per
 * worker, the policies after a stopped one still evaluated, a bounded queue, and a main thread
 * that stays free meanwhile.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { buildEvaluationWorker } from "@/scripts/build-eval-worker.mjs";
import { inlinePolicy } from "@/tests/executions/world";
import { MARSHAL_2_24 } from "@/tests/fixtures/runaway-rego";
import type { PolicyText } from "@/lib/policies/decision";
import { EvaluationPool, poolOptionsFromEnv } from "./index";

const pools: EvaluationPool[] = [];
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
});

function pool(options: Partial<ReturnType<typeof poolOptionsFromEnv>> = {}): EvaluationPool {
  const p = new EvaluationPool({ ...poolOptionsFromEnv({}), ...options });
  pools.push(p);
  return p;
}

function source(slug: string, conditions: string, scope = "default evaluate := true"): PolicyText {
  return { id: `${slug}:${conditions.length}`, slug, ocl: inlinePolicy(slug, { scope, conditions }) };
}

const passing = source("passing", 'result := {"allowed": input.ok}');
const outOfScope = source("out_of_scope", 'result := {"allowed": false}', "evaluate := false");
// without the size budget, this marshal runs for seconds inside one builtin call
const runaway = source("runaway", `result := {"allowed": true} if {\n  ${MARSHAL_2_24}\n}`);
const unbounded = { timeoutMs: 300, maxBytes: Infinity };

describe("evaluation pool", () => {
  it("answers scope and result per policy as the engine does, and compile errors as such", async () => {
    const broken: PolicyText = { id: "broken", slug: "broken", ocl: inlinePolicy("broken", { scope: "evaluate := true", conditions: "result := {" }) };
    const answers = await pool().evaluatePolicies([passing, outOfScope, broken], { ok: true }, { limits: { timeoutMs: 1000 }, strict: true });
    expect(answers[0]).toEqual({ scope: { kind: "value", value: true }, result: { kind: "value", value: { allowed: true } }, durationMs: expect.any(Number) });
    expect(answers[1]).toEqual({ scope: { kind: "value", value: false }, durationMs: expect.any(Number) });
    expect(answers[2]).toMatchObject({ compileError: expect.stringMatching(/does not (compile|parse)/) });
  });

  it("stops a long builtin call at the deadline, replaces the worker and evaluates the policies after it", async () => {
    const p = pool({ size: 1, graceMs: 100 });
    await p.evaluatePolicies([passing], { ok: true }, { limits: unbounded, strict: true }); // the worker is loaded
    const started = performance.now();
    // the main thread keeps its timers: a tick every 10 ms, and the longest gap between ticks
    let last = performance.now();
    let longestGap = 0;
    const ticker = setInterval(() => {
      longestGap = Math.max(longestGap, performance.now() - last);
      last = performance.now();
    }, 10);
    const answers = await p.evaluatePolicies([passing, runaway, passing], { ok: false }, { limits: unbounded, strict: true });
    clearInterval(ticker);
    const ms = performance.now() - started;
    console.log(`pool: runaway stopped after ${ms.toFixed(0)} ms (limit 300 ms); longest main-thread gap ${longestGap.toFixed(1)} ms`);
    expect(answers[1]).toEqual({ scope: { kind: "value", value: true }, result: { kind: "error", message: "eval_limit_error: evaluation exceeded the time limit of 300 ms" } });
    expect(answers[0]).toMatchObject({ result: { kind: "value", value: { allowed: false } } });
    expect(answers[2]).toMatchObject({ result: { kind: "value", value: { allowed: false } } });
    expect(p.stats()).toMatchObject({ replaced: 1, busy: 0 });
    // the replacement worker loads its code (tsx) before the third policy: allow for it
    expect(ms).toBeLessThan(5000);
    expect(longestGap).toBeLessThan(200);
  });

  it("takes the size-charged path in-engine first: the default limits stop the same policy in milliseconds", async () => {
    const p = pool({ size: 1 });
    await p.evaluatePolicies([passing], { ok: true }, { limits: { timeoutMs: 1000 }, strict: true });
    const started = performance.now();
    const [answers] = await p.evaluatePolicies([runaway], {}, { limits: { timeoutMs: 1000 }, strict: true });
    expect(answers).toMatchObject({ result: { kind: "error", message: expect.stringMatching(/^eval_limit_error: evaluation exceeded the size limit/) } });
    expect(p.stats().replaced).toBe(0);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it("bounds each worker's heap: a policy that allocates past it fails with the memory limit", async () => {
    const p = pool({ size: 1, heapMb: 32 });
    const hog = source("hog", `result := {"allowed": true} if {\n  xs := [x | some i in numbers.range(1, 5000); some j in numbers.range(1, 5000); x := sprintf("%d-%d", [i, j])]\n  count(xs) > 0\n}`);
    const [answers] = await p.evaluatePolicies([hog], {}, { limits: { timeoutMs: 20_000, maxSteps: Infinity, maxBytes: Infinity }, strict: true });
    expect(answers).toMatchObject({ scope: { kind: "value", value: true }, result: { kind: "error", message: "eval_limit_error: evaluation exceeded the memory limit of 32 MB" } });
    expect(await p.evaluatePolicies([passing], { ok: true }, { limits: { timeoutMs: 1000 }, strict: true })).toMatchObject([{ result: { kind: "value" } }]);
  });

  it("refuses jobs past its queue bound at once, with an error", async () => {
    const p = pool({ size: 1, maxQueue: 1 });
    const settings = { limits: unbounded, strict: true };
    const [a, b, c] = await Promise.all([p.evaluatePolicies([runaway], {}, settings), p.evaluatePolicies([passing], { ok: true }, settings), p.evaluatePolicies([passing], { ok: true }, settings)]);
    expect(a[0]).toMatchObject({ result: { kind: "error", message: expect.stringMatching(/time limit of 300 ms/) } });
    expect(b[0]).toMatchObject({ result: { kind: "value" } });
    expect(c[0]).toEqual({ scope: { kind: "error", message: expect.stringMatching(/evaluation queue is full/) } });
  });

  it("runs queries with their prints and enforces the same deadline", async () => {
    const p = pool({ size: 1, graceMs: 100 });
    const modules = [{ file: "q.rego", source: `package q\nfine := x if { print("hello"); x := 1 }\nslow if {\n  ${MARSHAL_2_24}\n}` }];
    const fine = await p.query({ modules, query: "data.q.fine", limits: unbounded, strict: false });
    expect(fine.response).toMatchObject({ ok: true, results: [{ expressions: [{ value: 1 }] }] });
    expect(fine.prints).toEqual(["q.rego:2: hello"]);
    const slow = await p.query({ modules, query: "data.q.slow", limits: unbounded, strict: false });
    expect(slow.response).toEqual({ ok: false, error: { code: "eval_limit_error", message: "evaluation exceeded the time limit of 300 ms" } });
  });

  it("runs the same from the bundle `next build` makes for the production server", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "eval-worker-"));
    try {
      const script = await buildEvaluationWorker(process.cwd(), path.join(dir, "worker.cjs"));
      const answers = await pool({ script, size: 1 }).evaluatePolicies([passing, runaway], { ok: true }, { limits: { timeoutMs: 1000 }, strict: true });
      expect(answers[0]).toMatchObject({ result: { kind: "value", value: { allowed: true } } });
      expect(answers[1]).toMatchObject({ result: { kind: "error", message: expect.stringMatching(/size limit/) } });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
