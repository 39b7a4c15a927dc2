/**
 * The evaluation worker: compiles policies (cached by key) and evaluates them for the pool. It
 * announces every phase before entering it, so the main thread can time each one and stop this
 * thread when a single builtin call runs past the deadline.
 */
import { parentPort } from "node:worker_threads";
import { answerPolicy, CompiledPolicyCache } from "@/lib/policies/decision";
import { compile, prepareInput } from "@/lib/rego";
import { now, type FromWorker, type Job, type ToWorker } from "./protocol";

const port = parentPort;
if (!port) throw new Error("lib/evaluation-pool/worker runs in a worker thread");

const compiled = new CompiledPolicyCache();

function send(message: FromWorker): void {
  port!.postMessage(message);
}

function runPolicies(id: number, job: Extract<Job, { kind: "policies" }>): void {
  const opts = { input: prepareInput(job.input), limits: job.limits, strictBuiltinErrors: job.strict, explain: job.explain };
  job.policies.forEach((p, index) => {
    const answers = answerPolicy(compiled, p, opts, (phase, scope) => send({ id, type: "phase", index, phase, at: now(), scope }));
    send({ id, type: "answer", index, answers });
  });
  send({ id, type: "done" });
}

function runQuery(id: number, job: Extract<Job, { kind: "query" }>): void {
  const prints: string[] = [];
  send({ id, type: "phase", index: 0, phase: "compile", at: now() });
  const t0 = performance.now();
  const c = compile(job.modules, { strictBuiltinErrors: job.strict });
  const compileMs = performance.now() - t0;
  if (!c.ok) {
    send({ id, type: "done", output: { compileErrors: c.errors, prints, compileMs, evalMs: 0 } });
    return;
  }
  send({ id, type: "phase", index: 0, phase: "query", at: now() });
  const print = (message: string, loc: { file: string; row: number }) => prints.push(`${loc.file}:${loc.row}: ${message}`);
  const response = c.policy.query(job.query, { input: job.input, data: job.data, limits: job.limits, print });
  send({ id, type: "done", output: { response, prints, compileMs, evalMs: performance.now() - t0 - compileMs } });
}

port.on("message", ({ id, job }: ToWorker) => {
  try {
    if (job.kind === "policies") runPolicies(id, job);
    else runQuery(id, job);
  } catch (e) {
    send({ id, type: "failed", message: e instanceof Error ? e.message : String(e) });
  }
});
