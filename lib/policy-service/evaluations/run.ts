/**
 * Evaluating a policy over past executions (docs/policies.md, "Evaluations"): each selected
 * deployment or runbook run gets the input the gate built for it, rebuilt from what it recorded
 * (its release's process snapshot or runbook snapshot, skipped steps, tenant), and the candidate
 * and the active version are decided by the gate's own `decidePolicy` on the evaluation pool.
 * Nothing is stored.
 */
import type { DbOrTx } from "@/lib/db/client";
import type { TaskKind } from "@/lib/db/enums";
import { sharedPoolEvaluator } from "@/lib/evaluation-pool";
import { buildPolicyInput } from "@/lib/executions/input/build-input";
import { loadExecutions, type ExecutionContext } from "@/lib/executions/load-execution";
import { decidePolicy, type Decision, type EngineDecision, type Explanation, type PolicyAnswers, type PolicyDefaults, type PolicyEvaluator, type PolicyText } from "@/lib/policies/decision";
import type { PolicyInput } from "@/lib/policy-input/schema";
import { validatePolicyInput } from "@/lib/policy-input/validate";
import { fail, ok, type Result } from "../errors";
import { checkPolicyDocument } from "../problems";
import type { EvaluationRequest } from "./schema";
import { selectExecutions, type SelectedExecution } from "./select";

export const VERDICTS = ["Compliant", "Block", "Warning", "Runtime error"] as const;
export type Verdict = (typeof VERDICTS)[number];
export const SCOPES = ["In", "Out", "Invalid input"] as const;
export type Scope = (typeof SCOPES)[number];

export interface Judgement {
  verdict: Verdict;
  scope: Scope;
  /** What the execution would get: null lets it through. */
  enforced: Decision["enforced"];
  reason?: string;
  /** Why: the bodies that decided `evaluate` and `result`, and where the others failed. */
  explanation?: Explanation;
}

export interface EvaluatedExecution {
  taskId: string;
  kind: TaskKind;
  name: string;
  project: string;
  environment: string;
  tenant?: string;
  queuedAt: string;
  /** Null when no input could be built (the gate would have failed the execution). */
  input: PolicyInput | null;
  candidate: Judgement;
  /** The active version's judgement, when the policy has one. */
  active?: Judgement;
  change?: "newly blocks" | "newly allows";
}

export type EvaluationEvent =
  | { type: "start"; total: number; candidate: string; active: string | null }
  | { type: "results"; done: number; total: number; rows: EvaluatedExecution[] }
  | {
      type: "done";
      total: number;
      counts: { verdict: Record<Verdict, number>; scope: Record<Scope, number> };
      /** Task ids, newest first; empty without an active version. */
      newlyBlocks: string[];
      newlyAllows: string[];
      durationMs: number;
    };

interface Candidate {
  label: string;
  text: PolicyText;
  defaults: PolicyDefaults;
}

export interface PreparedEvaluation {
  candidate: Candidate;
  active: Candidate | null;
  executions: SelectedExecution[];
}

type VersionRow = { id: string; version: string; ocl: string; violationAction: string; violationReason: string | null };
const VERSION_SELECT = { id: true, version: true, ocl: true, violationAction: true, violationReason: true } as const;

function versionCandidate(slug: string, v: VersionRow): Candidate {
  return {
    label: `v${v.version}`,
    text: { id: v.id, slug, ocl: v.ocl },
    // Anything but "warn" blocks, as the gate reads it.
    defaults: { violationAction: v.violationAction === "warn" ? "warn" : "block", violationReason: v.violationReason || undefined },
  };
}

/** Resolves what to evaluate and selects the executions; answers the caller's mistakes as errors before anything streams. */
export async function prepareEvaluation(db: DbOrTx, slug: string, request: EvaluationRequest): Promise<Result<PreparedEvaluation>> {
  const policy = await db.policy.findUnique({ where: { slug }, select: { id: true } });
  if (!policy) return fail("policy_not_found", `There is no published policy ${slug}`);
  const activeRow = await db.policyVersion.findFirst({ where: { policyId: policy.id, isActive: true }, select: VERSION_SELECT });
  let candidate: Candidate;
  if (request.version !== undefined) {
    const row = await db.policyVersion.findUnique({ where: { policyId_version: { policyId: policy.id, version: request.version } }, select: VERSION_SELECT });
    if (!row) return fail("version_not_found", `Policy ${slug} has no version ${request.version}`);
    candidate = versionCandidate(slug, row);
  } else {
    const draft = request.policy!;
    if (draft.slug !== slug) return fail("invalid_request", `The policy in the body is ${draft.slug}, not ${slug}`);
    const { text } = checkPolicyDocument(draft);
    candidate = {
      label: "draft",
      text: { id: `draft:${slug}`, slug, ocl: text },
      defaults: { violationAction: draft.violationAction, violationReason: draft.violationReason || undefined },
    };
  }
  const executions = await selectExecutions(db, request.filters, request.limit);
  return ok({ candidate, active: activeRow ? versionCandidate(slug, activeRow) : null, executions });
}

export interface RunOptions {
  /** The evaluation pool by default: a draft may run away, and never on the request's thread. */
  evaluator?: PolicyEvaluator;
  /** The first batch is small so that results show at once. */
  firstBatch?: number;
  batchSize?: number;
}

/** Streams the judgements in batches, newest execution first, then the counts and the comparison. */
export async function* runEvaluation(db: DbOrTx, prepared: PreparedEvaluation, options: RunOptions = {}): AsyncGenerator<EvaluationEvent> {
  const started = performance.now();
  const evaluator = options.evaluator ?? sharedPoolEvaluator();
  const { executions, candidate, active } = prepared;
  const total = executions.length;
  yield { type: "start", total, candidate: candidate.label, active: active?.label ?? null };

  const counts = { verdict: zeroes(VERDICTS), scope: zeroes(SCOPES) };
  const newlyBlocks: string[] = [];
  const newlyAllows: string[] = [];
  const first = options.firstBatch ?? 10;
  const size = options.batchSize ?? 100;
  for (let done = 0; done < total; ) {
    const batch = executions.slice(done, done + (done === 0 ? first : size));
    const contexts = await loadExecutions(db, batch.map((e) => e.taskId));
    const rows = (await Promise.all(batch.map((e, i) => evaluateExecution(e, contexts[i], candidate, active, evaluator)))).filter((r) => r !== null);
    for (const row of rows) {
      counts.verdict[row.candidate.verdict]++;
      counts.scope[row.candidate.scope]++;
      if (row.change === "newly blocks") newlyBlocks.push(row.taskId);
      if (row.change === "newly allows") newlyAllows.push(row.taskId);
    }
    done += batch.length;
    yield { type: "results", done, total, rows };
  }
  yield { type: "done", total, counts, newlyBlocks, newlyAllows, durationMs: performance.now() - started };
}

function zeroes<K extends string>(keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
}

async function evaluateExecution(
  { taskId, queuedAt }: SelectedExecution,
  ctx: ExecutionContext | Error | null,
  candidate: Candidate,
  active: Candidate | null,
  evaluator: PolicyEvaluator,
): Promise<EvaluatedExecution | null> {
  // Deleted since it was selected.
  if (!ctx) return null;
  // Its recorded state cannot be read (a feed that is gone).
  if (ctx instanceof Error) {
    const failed = unbuildable(ctx.message);
    return { taskId, kind: "Deploy", name: taskId, project: "", environment: "", queuedAt: queuedAt.toISOString(), input: null, candidate: failed, ...(active ? { active: failed } : {}) };
  }
  const row = {
    taskId,
    kind: ctx.kind,
    name: ctx.name,
    project: ctx.project.name,
    environment: ctx.environment.name,
    ...(ctx.tenant ? { tenant: ctx.tenant.name } : {}),
    queuedAt: queuedAt.toISOString(),
  };
  let input: PolicyInput;
  try {
    input = buildPolicyInput(ctx);
  } catch (e) {
    const failed = unbuildable((e as Error).message);
    return { ...row, input: null, candidate: failed, ...(active ? { active: failed } : {}) };
  }
  const validation = validatePolicyInput(input);
  const invalid = validation.ok ? undefined : validation.errors;
  const answers = await evaluator(active ? [candidate.text, active.text] : [candidate.text], input);
  const judge = (c: Candidate, i: number) => judgement(answers[i] ?? { compileError: "the evaluator gave no answer" }, c.defaults, invalid);
  const mine = judge(candidate, 0);
  const theirs = active ? judge(active, 1) : undefined;
  const change = !theirs
    ? undefined
    : mine.enforced === "block" && theirs.enforced !== "block"
      ? "newly blocks"
      : theirs.enforced === "block" && mine.enforced !== "block"
        ? "newly allows"
        : undefined;
  return { ...row, input, candidate: mine, ...(theirs ? { active: theirs } : {}), ...(change ? { change } : {}) };
}

/** The gate fails an execution closed when its input cannot be built: so does every policy here. */
function unbuildable(message: string): Judgement {
  return { verdict: "Runtime error", scope: "Invalid input", enforced: "block", reason: `The input could not be built: ${message}` };
}

const VERDICT_OF = { pass: "Compliant", block: "Block", warn: "Warning", error: "Runtime error" } as const satisfies Record<EngineDecision["outcome"], Verdict>;

/** Out of scope is compliant: the policy does not apply. An input the schema rejects is marked whatever the policy said. */
function judgement({ explanation, ...answers }: PolicyAnswers, defaults: PolicyDefaults, invalid: string[] | undefined): Judgement {
  const decision = decidePolicy(defaults, answers);
  const schemaReason = invalid ? `The input does not match the input schema: ${invalid.join("; ")}` : undefined;
  const scope: Scope = invalid ? "Invalid input" : decision ? "In" : "Out";
  // the explanation is the row's, out of scope too (there is no decision to carry it then)
  const why = explanation ? { explanation } : {};
  if (!decision) return { verdict: "Compliant", scope, enforced: null, ...(schemaReason ? { reason: schemaReason } : {}), ...why };
  const reason = [decision.reason, schemaReason].filter(Boolean).join(". ");
  return { verdict: VERDICT_OF[decision.outcome], scope, enforced: decision.enforced, ...(reason ? { reason } : {}), ...why };
}
