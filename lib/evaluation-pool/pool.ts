/**
 * A small pool of worker threads that evaluate policies outside the event loop of the server.
 * Each phase of a job (compiling a policy, evaluating `evaluate`, `result` or a query) has a
 * deadline on the main thread, counted from when the worker entered the phase (a main thread
 * busy with requests reads the announcement late, but the deadline does not move): past it the
 * worker is terminated, even inside one long builtin call, the answer is an error naming the
 * limit at once, and a new worker starts loading for the jobs to come. Each worker has a heap cap,
 * so a policy that allocates without end takes down its worker only. The queue is bounded.
 */
import { Worker } from "node:worker_threads";
import { now, type EvaluationSettings, type FromWorker, type Job, type Phase, type PolicyAnswers, type PolicyText, type QueryOutput, type RuleAnswer } from "./protocol";

export interface PoolOptions {
  /** Worker threads (each evaluates one job at a time). */
  size: number;
  /** Old-generation heap of each worker, MB: past it the worker dies and its evaluation fails. */
  heapMb: number;
  /** Jobs that may wait for a worker; more are refused at once. */
  maxQueue: number;
  /** Slack over a phase's time limit before its worker is stopped (at most the limit itself). */
  graceMs: number;
  /** Compiling one policy or a query's modules. */
  compileTimeoutMs: number;
  /** A new worker loading its code (tsx compiles it on the fly outside production). */
  startupTimeoutMs: number;
  /** The worker's entry file. */
  script: string;
}

interface Task {
  job: Job;
  /** Policies of `job` already answered; a replaced worker resumes after them. */
  offset: number;
  answers: PolicyAnswers[];
  resolve: (output: PolicyAnswers[] | QueryOutput) => void;
}

interface Slot {
  worker: Worker;
  task?: Task;
  id: number;
  loaded: boolean;
  /** The phase the worker announced last, with the scope answer when it is evaluating `result`. */
  phase?: { index: number; phase: Phase; scope?: RuleAnswer };
  timer?: NodeJS.Timeout;
  /** When `timer` fires (`now()`); the phase's own deadline may be later (see `arm`). */
  timerAt: number;
  /** When the current phase must be over (`now()`). */
  deadline: number;
  expired: () => string;
  dead: boolean;
}

export interface PoolStats {
  workers: number;
  busy: number;
  queued: number;
  /** Workers terminated at a deadline or lost to their heap cap since the pool started. */
  replaced: number;
}

const limitError = (message: string): string => `eval_limit_error: ${message}`;

export class EvaluationPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Task[] = [];
  private nextId = 1;
  private replaced = 0;
  private closed = false;

  constructor(readonly options: PoolOptions) {}

  /** Evaluates each policy on one input: scope, then `result` when in scope (a `PolicyEvaluator`'s answers). */
  evaluatePolicies(policies: readonly PolicyText[], input: unknown, settings: EvaluationSettings): Promise<PolicyAnswers[]> {
    if (policies.length === 0) return Promise.resolve([]);
    return this.submit({ kind: "policies", policies: [...policies], input, ...settings }) as Promise<PolicyAnswers[]>;
  }

  /** Compiles modules and runs a query, as `opa eval`. */
  query(job: Omit<Extract<Job, { kind: "query" }>, "kind">): Promise<QueryOutput> {
    return this.submit({ kind: "query", ...job }) as Promise<QueryOutput>;
  }

  stats(): PoolStats {
    return { workers: this.slots.length, busy: this.slots.filter((s) => s.task).length, queued: this.queue.length, replaced: this.replaced };
  }

  /** Stops every worker; queued and running jobs answer an error. */
  async close(): Promise<void> {
    this.closed = true;
    for (const t of this.queue.splice(0)) this.failRest(t, "the evaluation pool was closed");
    await Promise.all(
      this.slots.splice(0).map((s) => {
        s.dead = true;
        this.disarm(s);
        if (s.task) this.failRest(s.task, "the evaluation pool was closed");
        return s.worker.terminate();
      }),
    );
  }

  private submit(job: Job): Promise<PolicyAnswers[] | QueryOutput> {
    return new Promise((resolve) => {
      const task: Task = { job, offset: 0, answers: [], resolve };
      if (this.closed) return this.failRest(task, "the evaluation pool was closed");
      if (this.queue.length >= this.options.maxQueue) {
        return this.failRest(task, `the evaluation queue is full (${this.queue.length} waiting): try again`);
      }
      this.queue.push(task);
      this.dispatch();
    });
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      let slot = this.slots.find((s) => !s.task);
      if (!slot) {
        if (this.slots.length >= this.options.size) return;
        slot = this.spawn();
      }
      this.start(slot, this.queue.shift()!);
    }
  }

  private spawn(): Slot {
    const { heapMb, script } = this.options;
    const worker = new Worker(script, {
      // the parent's flags (tsx's loader, vitest's, a heap size) are not the worker's
      execArgv: [],
      resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: Math.max(4, Math.min(64, Math.floor(heapMb / 8))) },
    });
    const slot: Slot = { worker, id: 0, loaded: false, dead: false, timerAt: 0, deadline: 0, expired: () => "" };
    worker.on("message", (m: FromWorker) => this.onMessage(slot, m));
    worker.on("error", (e: Error & { code?: string }) => {
      const message =
        e.code === "ERR_WORKER_OUT_OF_MEMORY"
          ? limitError(`evaluation exceeded the memory limit of ${heapMb} MB`)
          : `the evaluation worker failed: ${e.message}`;
      this.lose(slot, message);
    });
    worker.on("exit", (code) => this.lose(slot, `the evaluation worker stopped (exit code ${code})`));
    worker.unref();
    this.slots.push(slot);
    return slot;
  }

  private start(slot: Slot, task: Task): void {
    slot.task = task;
    slot.id = this.nextId++;
    slot.phase = undefined;
    const job = task.job.kind === "policies" ? { ...task.job, policies: task.job.policies.slice(task.offset) } : task.job;
    slot.worker.ref();
    slot.worker.postMessage({ id: slot.id, job });
    const { startupTimeoutMs, compileTimeoutMs } = this.options;
    this.arm(slot, now() + (slot.loaded ? compileTimeoutMs : startupTimeoutMs), () =>
      slot.loaded ? limitError(`compilation exceeded the time limit of ${compileTimeoutMs} ms`) : `the evaluation worker did not start within ${startupTimeoutMs} ms`,
    );
  }

  /**
   * Sets the deadline of the phase the worker is in. Phases come by the hundred per gate: a
   * timer is only replaced when the new deadline is earlier; one that fires before the current
   * deadline just waits for the rest.
   */
  private arm(slot: Slot, deadline: number, message: () => string): void {
    slot.deadline = deadline;
    slot.expired = message;
    if (slot.timer === undefined || deadline < slot.timerAt) this.schedule(slot, deadline);
  }

  private schedule(slot: Slot, at: number): void {
    clearTimeout(slot.timer);
    slot.timerAt = at;
    slot.timer = setTimeout(() => {
      slot.timer = undefined;
      if (slot.deadline - now() > 1) return this.schedule(slot, slot.deadline);
      this.replaced++;
      this.lose(slot, slot.expired());
    }, Math.max(0, at - now()));
  }

  private disarm(slot: Slot): void {
    clearTimeout(slot.timer);
    slot.timer = undefined;
  }

  private onMessage(slot: Slot, m: FromWorker): void {
    const task = slot.task;
    if (slot.dead || !task || m.id !== slot.id) return;
    slot.loaded = true;
    switch (m.type) {
      case "phase": {
        slot.phase = { index: m.index, phase: m.phase, scope: m.scope };
        const timeoutMs = task.job.limits.timeoutMs;
        const budget = m.phase === "compile" ? this.options.compileTimeoutMs : timeoutMs + Math.min(this.options.graceMs, timeoutMs);
        const what = m.phase === "compile" ? `compilation exceeded the time limit of ${budget} ms` : `evaluation exceeded the time limit of ${timeoutMs} ms`;
        this.arm(slot, m.at + budget, () => limitError(what));
        return;
      }
      case "answer":
        task.answers[task.offset + m.index] = m.answers;
        return;
      case "done":
        this.finish(slot);
        task.resolve(task.job.kind === "policies" ? task.answers : m.output!);
        return;
      case "failed":
        this.finish(slot);
        this.failRest(task, `the evaluation failed: ${m.message}`);
        return;
    }
  }

  private finish(slot: Slot): void {
    this.disarm(slot);
    slot.task = undefined;
    slot.phase = undefined;
    slot.worker.unref();
    this.dispatch();
  }

  /**
   * A worker is gone (deadline, heap cap, crash): the evaluation it was in answers `message`
   * without waiting for the thread to end, the policies after it go back to the front of the
   * queue, and a new worker takes its place. It starts loading now when the lost one had
   * loaded (so the next job does not wait for it; a script that cannot load is not retried in a
   * loop), else when a job needs it.
   */
  private lose(slot: Slot, message: string): void {
    if (slot.dead) return;
    slot.dead = true;
    this.disarm(slot);
    const at = this.slots.indexOf(slot);
    if (at >= 0) this.slots.splice(at, 1);
    void slot.worker.terminate();
    const task = slot.task;
    slot.task = undefined;
    if (task) {
      const phase = slot.phase;
      if (task.job.kind === "policies" && phase) {
        const index = task.offset + phase.index;
        task.answers[index] = failedAnswers(phase.phase, phase.scope, message);
        task.offset = index + 1;
        if (task.offset < task.job.policies.length) this.queue.unshift(task);
        else task.resolve(task.answers);
      } else this.failRest(task, message);
    }
    if (this.closed) return;
    if (slot.loaded && this.slots.length < this.options.size) this.spawn();
    this.dispatch();
  }

  /** Every policy not answered yet (or the query) answers `message`. */
  private failRest(task: Task, message: string): void {
    if (task.job.kind === "query") {
      task.resolve({ response: { ok: false, error: { code: message.startsWith("eval_limit_error") ? "eval_limit_error" : "eval_internal_error", message: message.replace(/^eval_limit_error: /, "") } }, prints: [], compileMs: 0, evalMs: 0 });
      return;
    }
    for (let i = task.offset; i < task.job.policies.length; i++) task.answers[i] = { scope: { kind: "error", message } };
    task.resolve(task.answers);
  }
}

function failedAnswers(phase: Phase, scope: RuleAnswer | undefined, message: string): PolicyAnswers {
  if (phase === "compile") return { compileError: message };
  const error: RuleAnswer = { kind: "error", message };
  return phase === "result" && scope ? { scope, result: error } : { scope: error };
}
