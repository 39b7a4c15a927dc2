/**
 * The one place that turns what the engine answered for a policy into its outcome (see
 * docs/policies.md, "Outcomes"). Pure: the gate, the editor's test panel and the tests decide
 * exactly alike, whichever evaluator ran the engine.
 */
import type { PolicyOutcome, ViolationAction } from "@/lib/db/enums";
import type { Explanation } from "./explain";

export type { ViolationAction };

/** What a policy says when it is violated and its `result` does not say otherwise. */
export interface PolicyDefaults {
  violationAction: ViolationAction;
  violationReason?: string;
}

/** What the engine said for one rule: a value, undefined, or an error message. */
export type RuleAnswer = { kind: "value"; value: unknown } | { kind: "undefined" } | { kind: "error"; message: string };

/**
 * What an evaluator answers for one policy: `evaluate`, then `result` only when in scope; or why
 * it could not be compiled. `durationMs` is the engine time, when the evaluator measured it.
 */
export type PolicyAnswers = ({ compileError: string } | { scope: RuleAnswer; result?: RuleAnswer }) & { durationMs?: number; explanation?: Explanation };

export interface Decision {
  /** `error`: the policy could not be evaluated; it still enforces its action. */
  outcome: PolicyOutcome;
  /** What the execution gets: null lets it through; a violation or an error blocks or warns. */
  enforced: ViolationAction | null;
  /** Why it did not pass; absent on pass. */
  reason?: string;
  /** What went wrong, for the error outcome. */
  error?: string;
  /** Which bodies of `evaluate` and `result` decided and what failed in the others, when the evaluator explained. */
  explanation?: Explanation;
  /** The exemption that let a violation through, for the exempted outcome. */
  exemption?: ExemptionRef;
}

/** An active exemption from a policy where the execution runs (lib/exemptions). */
export interface ExemptionRef {
  id: string;
  owner: string;
  expiresAt: Date;
}

/** What decidePolicy can decide: the engine alone never exempts (exemptDecision does). */
export type EngineDecision = Decision & { outcome: Exclude<PolicyOutcome, "exempted"> };

export type ScopeDecision = { inScope: true } | { inScope: false } | { inScope: "error"; message: string };

const GENERIC_REASON = "The execution does not comply with this policy";

/** `true` is in scope; undefined or `false` is out; anything else is a malformed scope. */
export function decideScope(answer: RuleAnswer): ScopeDecision {
  if (answer.kind === "error") return { inScope: "error", message: answer.message };
  if (answer.kind === "undefined" || answer.value === false) return { inScope: false };
  if (answer.value === true) return { inScope: true };
  return { inScope: "error", message: `evaluate must be a boolean, got ${JSON.stringify(answer.value)}` };
}

/**
 * The outcome of one policy, or null when it is out of scope. Every failure to evaluate (no
 * compile, an engine or builtin error, a limit, an undefined or malformed `result` while in
 * scope, a malformed scope) is the error outcome, enforcing the policy's own action: it never passes.
 */
export function decidePolicy(defaults: PolicyDefaults, answers: PolicyAnswers): EngineDecision | null {
  const decision = decideAnswers(defaults, answers);
  return decision && answers.explanation ? { ...decision, explanation: answers.explanation } : decision;
}

function decideAnswers(defaults: PolicyDefaults, answers: PolicyAnswers): EngineDecision | null {
  if ("compileError" in answers) return errored(defaults, answers.compileError);
  const scope = decideScope(answers.scope);
  if (scope.inScope === "error") return errored(defaults, `scope: ${scope.message}`);
  if (!scope.inScope) return null;
  const answer = answers.result;
  if (!answer) return errored(defaults, "result was not evaluated");
  if (answer.kind === "error") return errored(defaults, answer.message);
  if (answer.kind === "undefined") return errored(defaults, "result is undefined while the policy is in scope");
  const result = readResult(answer.value);
  if (typeof result === "string") return errored(defaults, result);
  if (result.allowed) return { outcome: "pass", enforced: null };
  const action = result.action ?? defaults.violationAction;
  return { outcome: action, enforced: action, reason: result.reason || defaults.violationReason || GENERIC_REASON };
}

/**
 * A violation (block or warn) under an active exemption is exempted: nothing is enforced and the
 * reason is kept. A pass stays a pass and an error still enforces: an exemption covers a known
 * violation, never a policy that could not be evaluated (fail closed).
 */
export function exemptDecision(decision: Decision, exemption: ExemptionRef): Decision {
  if (decision.outcome !== "block" && decision.outcome !== "warn") return decision;
  return { outcome: "exempted", enforced: null, reason: decision.reason, exemption, ...(decision.explanation ? { explanation: decision.explanation } : {}) };
}

function errored(defaults: PolicyDefaults, message: string): EngineDecision {
  return { outcome: "error", enforced: defaults.violationAction, reason: `Policy evaluation failed: ${message}`, error: message };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Checks `result` ({allowed: bool, reason?: string, action?: "block"|"warn"}), or says what is wrong. */
function readResult(value: unknown): { allowed: boolean; reason?: string; action?: ViolationAction } | string {
  if (!isRecord(value)) return `result must be an object, got ${JSON.stringify(value)}`;
  const { allowed, reason, action } = value;
  if (typeof allowed !== "boolean") return `result.allowed must be a boolean, got ${JSON.stringify(allowed)}`;
  if (reason !== undefined && typeof reason !== "string") return `result.reason must be a string, got ${JSON.stringify(reason)}`;
  if (action !== undefined && action !== "block" && action !== "warn") {
    return `result.action must be "block" or "warn", got ${JSON.stringify(action)}`;
  }
  return { allowed, reason, action };
}
