/**
 * The outcome rules of spec section 3, as pure functions of what the engine returned, so the
 * gate, the editor's test panel and the tests all decide exactly alike.
 */
export type ViolationAction = "block" | "warn";
export type Outcome = "pass" | ViolationAction;

export interface PolicyDefaults {
  violationAction: ViolationAction;
  violationReason?: string;
}

/** What the engine said for one rule: a value, undefined, or an error message. */
export type RuleAnswer = { kind: "value"; value: unknown } | { kind: "undefined" } | { kind: "error"; message: string };

export type ScopeDecision = { inScope: true } | { inScope: false } | { inScope: "error"; message: string };

export interface Decision {
  outcome: Outcome;
  /** Why it did not pass; absent on pass. */
  reason?: string;
  /** The evaluation failed (the decision then fails closed with the policy's action). */
  error?: string;
}

const GENERIC_REASON = "The execution does not comply with this policy";

/** `true` is in scope; undefined or `false` is out; anything else is a malformed scope. */
export function decideScope(answer: RuleAnswer): ScopeDecision {
  if (answer.kind === "error") return { inScope: "error", message: answer.message };
  if (answer.kind === "undefined" || answer.value === false) return { inScope: false };
  if (answer.value === true) return { inScope: true };
  return { inScope: "error", message: `evaluate must be a boolean, got ${JSON.stringify(answer.value)}` };
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

/** An error never passes: it is a violation with the policy's own action. */
export function failClosed(defaults: PolicyDefaults, message: string): Decision {
  return { outcome: defaults.violationAction, reason: `Policy evaluation failed: ${message}`, error: message };
}

export function decideConditions(answer: RuleAnswer, defaults: PolicyDefaults): Decision {
  if (answer.kind === "error") return failClosed(defaults, answer.message);
  if (answer.kind === "undefined") return failClosed(defaults, "result is undefined");
  const result = readResult(answer.value);
  if (typeof result === "string") return failClosed(defaults, result);
  if (result.allowed) return { outcome: "pass" };
  return {
    outcome: result.action ?? defaults.violationAction,
    reason: result.reason || defaults.violationReason || GENERIC_REASON,
  };
}
