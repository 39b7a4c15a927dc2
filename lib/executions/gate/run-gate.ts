import type { Db } from "../../db/client";
import { allocateIds } from "../../db/ids";
import type { EvalLimits } from "../../rego";
import { AuditEventGroups } from "../../audit/event-groups";
import { recordAuditEvents, type AuditEventInput } from "../../audit/record";
import { buildPolicyInput } from "../input/build-input";
import type { ExecutionContext } from "../load-execution";
import { POLICY_SECTION, type TaskLog } from "../task-log";
import { loadActivePolicies } from "./active-policies";
import { compiledPolicies, type CompiledPolicyCache } from "./compiled-cache";
import { DEFAULT_EVAL_LIMITS, evaluatePolicies, type PolicyEvaluationResult } from "./evaluate-policies";
import { WRITE_TRANSACTION } from "../transaction-options";

export interface Violation {
  policyId: string;
  policyName: string;
  version: string;
  reason: string;
}

export interface GateResult {
  blocked: Violation[];
  warned: Violation[];
  inScope: number;
  evaluated: number;
  /** The whole gate: input, loading the active set, evaluation and recording. */
  durationMs: number;
  /** Engine time alone, summed over the policies. */
  evaluationMs: number;
}

export interface GateOptions {
  cache?: CompiledPolicyCache;
  limits?: EvalLimits;
}

type InScope = PolicyEvaluationResult & { decision: NonNullable<PolicyEvaluationResult["decision"]> };

const json = (value: unknown) => (value === undefined ? "undefined" : JSON.stringify(value));

/**
 * The policy gate, run before the first step (spec section 3): evaluates every active policy
 * against the execution's input and records each in-scope evaluation in the task log, as a
 * PolicyEvaluation row and as an audit record.
 */
export async function runPolicyGate(db: Db, ctx: ExecutionContext, log: TaskLog, options: GateOptions = {}): Promise<GateResult> {
  const started = performance.now();
  log.enter(POLICY_SECTION);
  const input = buildPolicyInput(ctx);
  log.verbose(`Policy input:\n${JSON.stringify(input, null, 2)}`);

  const policies = await loadActivePolicies(db);
  if (policies.length === 0) log.info("No policies are active");
  const results = evaluatePolicies(policies, input, options.cache ?? compiledPolicies, options.limits ?? DEFAULT_EVAL_LIMITS);

  const inScope: InScope[] = [];
  for (const r of results) {
    const label = `"${r.policy.name}" (${r.policy.slug} v${r.policy.version})`;
    const timing = `${r.durationMs.toFixed(2)} ms`;
    if (!r.decision) {
      log.verbose(`${label} is out of scope: evaluate = ${json(r.scopeValue)} (${timing})`);
      continue;
    }
    inScope.push(r as InScope);
    log.verbose(`${label}: evaluate = ${json(r.scopeValue)}, result = ${json(r.rawResult)} (${timing})`);
    const { outcome, reason, error } = r.decision;
    if (error) log.error(`${label} could not be evaluated: ${error}`);
    if (outcome === "pass") log.info(`${label}: passed`);
    else if (outcome === "warn") log.warn(`${label}: warning - ${reason}`);
    else log.error(`${label}: blocked - ${reason}`);
  }

  const violations = (outcome: "warn" | "block") =>
    inScope
      .filter((r) => r.decision.outcome === outcome)
      .map((r) => ({ policyId: r.policy.policyId, policyName: r.policy.name, version: r.policy.version, reason: r.decision.reason ?? "" }));
  const gate = { blocked: violations("block"), warned: violations("warn"), inScope: inScope.length, evaluated: results.length };
  log.info(
    `Evaluated ${gate.evaluated} active ${gate.evaluated === 1 ? "policy" : "policies"}: ${gate.inScope} in scope, ` +
      `${gate.inScope - gate.blocked.length - gate.warned.length} passed, ${gate.warned.length} warned, ${gate.blocked.length} blocked`,
  );

  await recordEvaluations(db, ctx, inScope, log);
  const evaluationMs = results.reduce((sum, r) => sum + r.durationMs, 0);
  return { ...gate, durationMs: performance.now() - started, evaluationMs };
}

/** The evaluations, their audit records and the gate's log lines are written together. */
async function recordEvaluations(db: Db, ctx: ExecutionContext, inScope: InScope[], log: TaskLog): Promise<void> {
  if (inScope.length === 0) return log.flush();
  const evaluatedAt = new Date();
  const where = {
    spaceId: ctx.space.id,
    projectId: ctx.project.id,
    environmentId: ctx.environment.id,
    tenantId: ctx.tenant?.id ?? null,
  };
  const execution = ctx.release ? { deploymentId: ctx.executionId } : { runbookRunId: ctx.executionId };
  await db.$transaction(async (tx) => {
    const ids = await allocateIds(tx, "PolicyEvaluations", inScope.length);
    await tx.policyEvaluation.createMany({
      data: inScope.map((r, i) => ({
        id: ids[i], policyId: r.policy.policyId, policyVersionId: r.policy.versionId, taskId: ctx.taskId, ...execution, ...where,
        outcome: r.decision.outcome, reason: r.decision.reason ?? null, scopeValue: JSON.stringify(r.scopeValue ?? null),
        rawResult: r.rawResult === undefined ? null : JSON.stringify(r.rawResult), durationMs: r.durationMs, evaluatedAt,
      })),
    });
    await recordAuditEvents(
      tx,
      inScope.map((r, i): AuditEventInput => ({
        eventGroup: AuditEventGroups.policyEvaluated,
        category: "PolicyEvaluated",
        message:
          `Policy "${r.policy.name}" v${r.policy.version} ${r.decision.outcome === "pass" ? "passed" : r.decision.outcome === "warn" ? "warned" : "blocked"}` +
          ` for ${ctx.name}${r.decision.reason ? `: ${r.decision.reason}` : ""}`,
        occurredAt: evaluatedAt,
        user: ctx.startedBy,
        ...where,
        taskId: ctx.taskId,
        policyId: r.policy.policyId,
        policyVersionId: r.policy.versionId,
        outcome: r.decision.outcome,
        details: {
          policySlug: r.policy.slug, policyName: r.policy.name, version: r.policy.version, reason: r.decision.reason ?? null,
          ...(r.decision.error ? { evaluationError: r.decision.error } : {}),
          policyEvaluationId: ids[i], executionId: ctx.executionId, executionKind: ctx.kind,
          ...(ctx.release ? { releaseId: ctx.release.id, releaseVersion: ctx.release.version } : {}),
          ...(ctx.runbook ? { runbookId: ctx.runbook.id, snapshotId: ctx.runbook.snapshotId } : {}),
        },
      })),
    );
    await log.flush(tx);
  }, WRITE_TRANSACTION);
}
