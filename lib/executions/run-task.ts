import type { Db } from "@/lib/db/client";
import { runPolicyGate, type GateOptions, type GateResult, type Violation } from "./gate/run-gate";
import { loadExecution } from "./load-execution";
import { finishTask, type FinalState } from "./queue/finish";
import { simulateSteps } from "./steps/simulate";
import { POLICY_SECTION, TaskLog } from "./task-log";

export interface RunTaskOptions extends GateOptions {
  stepDelayMs: number;
  /** Called with the gate's figures (the benchmark collects them). */
  onGate?: (gate: GateResult) => void;
}

/** A cancel is noticed within this long after it was asked for, without a query per instant step. */
const CANCEL_CHECK_MS = 200;

/** Asks `check` again only when `intervalMs` has passed since it last answered false. */
function throttled(intervalMs: number, check: () => Promise<boolean>): () => Promise<boolean> {
  let last = Date.now();
  return async () => {
    if (Date.now() - last < intervalMs) return false;
    const answer = await check();
    last = Date.now();
    return answer;
  };
}

const describe = (v: Violation) => `"${v.policyName}" (v${v.version}): ${v.reason}`;

/**
 * Runs one claimed task to its end: the policy gate first, then the steps. Never throws; anything
 * unexpected fails the task with the error in its log.
 */
export async function runTask(db: Db, taskId: string, options: RunTaskOptions): Promise<FinalState> {
  const log = await TaskLog.open(db, taskId);
  const finish = async (state: FinalState, errorMessage?: string, hasWarnings = false) => {
    await finishTask(db, taskId, state, { errorMessage, hasWarnings, log });
    return state;
  };
  try {
    const ctx = await loadExecution(db, taskId);
    if (!ctx) {
      log.fatal("The task has no deployment or runbook run to execute");
      return await finish("Failed", "The task has no deployment or runbook run to execute");
    }
    log.info(`Task started${ctx.startedBy ? ` (queued by ${ctx.startedBy.displayName})` : ""}`);

    const gate = await runPolicyGate(db, ctx, log, options);
    options.onGate?.(gate);
    log.enter("");
    // Each violation has its one line, at its level, in the policy section (a warning there makes
    // the task end with warnings): the task's own lines only say what became of the task.
    if (gate.blocked.length > 0) {
      const message = `Blocked by ${gate.blocked.length === 1 ? "policy" : `${gate.blocked.length} policies`} ${gate.blocked.map(describe).join("; ")}`;
      log.fatal(`No step was run: blocked by ${gate.blocked.length === 1 ? "1 policy" : `${gate.blocked.length} policies`} (see ${POLICY_SECTION}).`);
      return await finish("Failed", message);
    }

    const cancelRequested = throttled(CANCEL_CHECK_MS, async () =>
      (await db.serverTask.findUnique({ where: { id: taskId }, select: { cancelRequested: true } }))?.cancelRequested ?? false,
    );
    const outcome = await simulateSteps(ctx, log, { stepDelayMs: options.stepDelayMs, cancelRequested });
    log.enter("");
    if (outcome === "canceled") {
      log.info("The task was canceled before its next step");
      return await finish("Canceled", "The task was canceled", log.hasWarnings);
    }
    if (log.hasWarnings) {
      log.info("The task completed with warnings");
      return await finish("SuccessWithWarnings", undefined, true);
    }
    log.info("The task completed successfully");
    return await finish("Success");
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    log.enter("");
    log.fatal(`The task failed unexpectedly: ${message}`);
    try {
      return await finish("Failed", message);
    } catch {
      return "Failed";
    }
  }
}
