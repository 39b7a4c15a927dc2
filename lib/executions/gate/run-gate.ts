import type { Db } from "@/lib/db/client";
import { allocateIds } from "@/lib/db/ids";
import { insertRows } from "@/lib/db/insert-rows";
import { rawTransaction } from "@/lib/db/sqlite-statements";
import { AuditEventGroups } from "@/lib/audit/event-groups";
import { recordAuditEvents, type AuditEventInput } from "@/lib/audit/record";
import { buildPolicyInput } from "../input/build-input";
import type { ExecutionContext } from "../load-execution";
import { POLICY_SECTION, type TaskLog } from "../task-log";
import { loadActivePolicies } from "./active-policies";
import { GATE_SETTINGS, OUTCOME_VERB, describeExplanation, inProcessEvaluator, type CompiledPolicyCache, type PolicyEvaluator } from "@/lib/policies/decision";
import type { EvalLimits } from "@/lib/rego";
import { sharedPoolEvaluator } from "@/lib/evaluation-pool";
import { evaluatePolicies, type PolicyEvaluationResult } from "./evaluate-policies";
import { describeExemption, exemptResults } from "@/lib/exemptions/active";
import { WRITE_TRANSACTION } from "../transaction-options";

export interface Violation {
  policyId: string;
  policyName: string;
  version: string;
  reason: string;
}

export interface GateResult {
  /** Violations and errors of policies that block; an error is also in `errored`. */
  blocked: Violation[];
  warned: Violation[];
  /** Policies that could not be evaluated (each enforced its action: it is in `blocked` or `warned` too). */
  errored: Violation[];
  inScope: number;
  evaluated: number;
  /** The whole gate: input, loading the active set, evaluation and recording. */
  durationMs: number;
  /** Engine time alone, summed over the policies. */
  evaluationMs: number;
}

export interface GateOptions {
  /**
   * Runs the engine; by default the process's evaluation pool (worker threads with hard limits)
   * with the gate's settings, or this thread when a `cache` is given (tests, benchmarks).
   */
  evaluator?: PolicyEvaluator;
  cache?: CompiledPolicyCache;
  /** Overrides of the gate's limits for the default evaluator (builtin errors stay strict). */
  limits?: EvalLimits;
  /** The clock exemptions' expiry is compared with (tests fix it); the system clock by default. */
  now?: () => Date;
}

type InScope = PolicyEvaluationResult & { decision: NonNullable<PolicyEvaluationResult["decision"]> };

const json = (value: unknown) => (value === undefined ? "undefined" : JSON.stringify(value));
/** Under the verbose line: which body decided each rule and what failed in the others. */
const why = (r: PolicyEvaluationResult) => (r.explanation ? `\n${describeExplanation(r.explanation).join("\n")}` : "");

/**
 * The policy gate, run before the first step (docs/policies.md): evaluates every active policy
 * against the execution's input and records each in-scope evaluation in the task log, as a
 * PolicyEvaluation row and as an audit record.
 */
export async function runPolicyGate(db: Db, ctx: ExecutionContext, log: TaskLog, options: GateOptions = {}): Promise<GateResult> {
  const started = performance.now();
  log.enter(POLICY_SECTION);
  const input = buildPolicyInput(ctx);
  log.verbose(`Policy input:\n${JSON.stringify(input, null, 2)}`);

  const target = { projectId: ctx.project.id, environmentId: ctx.environment.id, tenantId: ctx.tenant?.id ?? null };
  const { policies, exemptions } = await loadActivePolicies(db, { target, now: options.now?.() ?? new Date() });
  if (policies.length === 0) log.info("No policies are active");
  const settings = { ...GATE_SETTINGS, limits: { ...GATE_SETTINGS.limits, ...options.limits } };
  const evaluator = options.evaluator ?? (options.cache ? inProcessEvaluator({ cache: options.cache, settings }) : sharedPoolEvaluator(settings));
  const results = exemptResults(await evaluatePolicies(policies, input, evaluator), exemptions);

  const inScope: InScope[] = [];
  for (const r of results) {
    const label = `"${r.policy.name}" (${r.policy.slug} v${r.policy.version})`;
    const timing = `${r.durationMs.toFixed(2)} ms`;
    if (!r.decision) {
      log.verbose(`${label} is out of scope: evaluate = ${json(r.scopeValue)} (${timing})${why(r)}`);
      continue;
    }
    inScope.push(r as InScope);
    log.verbose(`${label}: evaluate = ${json(r.scopeValue)}, result = ${json(r.rawResult)} (${timing})${why(r)}`);
    const { outcome, enforced, reason, error } = r.decision;
    if (outcome === "error") {
      const line = `${label}: errored, ${enforced === "warn" ? "warning" : "blocking"} - ${error}`;
      if (enforced === "warn") log.warn(line);
      else log.error(line);
    } else if (outcome === "pass") log.info(`${label}: passed`);
    else if (r.decision.exemption) log.info(`${label}: exempted by ${describeExemption(r.decision.exemption)} - ${reason}`);
    else if (outcome === "warn") log.warn(`${label}: warning - ${reason}`);
    else log.error(`${label}: blocked - ${reason}`);
  }

  const violations = (keep: (d: InScope["decision"]) => boolean) =>
    inScope
      .filter((r) => keep(r.decision))
      .map((r) => ({ policyId: r.policy.policyId, policyName: r.policy.name, version: r.policy.version, reason: r.decision.reason ?? "" }));
  const gate = {
    blocked: violations((d) => d.enforced === "block"),
    warned: violations((d) => d.enforced === "warn"),
    errored: violations((d) => d.outcome === "error"),
    inScope: inScope.length,
    evaluated: results.length,
  };
  const passed = inScope.filter((r) => r.decision.outcome === "pass").length;
  const count = (outcome: string) => inScope.filter((r) => r.decision.outcome === outcome).length;
  log.info(
    `Evaluated ${gate.evaluated} active ${gate.evaluated === 1 ? "policy" : "policies"}: ${gate.inScope} in scope, ` +
      `${passed} passed, ${count("warn")} warned, ${count("block")} blocked, ${gate.errored.length} errored${count("exempted") ? `, ${count("exempted")} exempted` : ""}`,
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
  // Everything but the ids is built before the transaction: it holds the process's only SQLite connection.
  const evaluations = inScope.map((r) => ({
    policyId: r.policy.policyId, policyVersionId: r.policy.versionId, taskId: ctx.taskId, ...execution, ...where,
    outcome: r.decision.outcome, reason: r.decision.reason ?? null, exemptionId: r.decision.exemption?.id ?? null, scopeValue: JSON.stringify(r.scopeValue ?? null),
    rawResult: r.rawResult === undefined ? null : JSON.stringify(r.rawResult), durationMs: r.durationMs, evaluatedAt,
    explanation: r.explanation ? JSON.stringify(r.explanation) : null,
  }));
  await rawTransaction(db, async (tx) => {
    const ids = await allocateIds(tx, "PolicyEvaluations", inScope.length);
    await insertRows(tx, "PolicyEvaluation", evaluations.map((row, i) => ({ id: ids[i], ...row })));
    await recordAuditEvents(
      tx,
      inScope.map((r, i): AuditEventInput => ({
        eventGroup: AuditEventGroups.policyEvaluated,
        category: "PolicyEvaluated",
        message:
          `Policy "${r.policy.name}" v${r.policy.version} ${OUTCOME_VERB[r.decision.outcome]}` +
          ` for ${ctx.name}${r.decision.exemption ? ` under ${describeExemption(r.decision.exemption)}` : ""}${r.decision.reason ? `: ${r.decision.reason}` : ""}`,
        occurredAt: evaluatedAt,
        user: ctx.startedBy,
        ...where,
        taskId: ctx.taskId,
        policyId: r.policy.policyId,
        policyVersionId: r.policy.versionId,
        outcome: r.decision.outcome,
        details: {
          policySlug: r.policy.slug, policyName: r.policy.name, version: r.policy.version, reason: r.decision.reason ?? null,
          ...(r.decision.error ? { evaluationError: r.decision.error, enforcedAction: r.decision.enforced } : {}),
          ...(r.decision.exemption ? { exemption: { ...r.decision.exemption, expiresAt: r.decision.exemption.expiresAt.toISOString() } } : {}),
          policyEvaluationId: ids[i], executionId: ctx.executionId, executionKind: ctx.kind,
          ...(ctx.release ? { releaseId: ctx.release.id, releaseVersion: ctx.release.version } : {}),
          ...(ctx.runbook ? { runbookId: ctx.runbook.id, snapshotId: ctx.runbook.snapshotId } : {}),
        },
      })),
    );
    await log.flush(tx);
  }, WRITE_TRANSACTION);
}
