/**
 * Evaluation limits: defaults for the app and the turning of resource exhaustion (a JavaScript
 * stack overflow on deeply nested values or sources, an impossible allocation) into error values,
 * so that no input or policy can make an API call throw or crash the server.
 */
import type { RegoError } from "./errors";

/**
 * Applied per field when an evaluation's `limits` does not set it (`Infinity` disables a limit).
 * Steps: one per expression evaluated and per solution; builtins that build big collections from
 * small arguments (`numbers.range`) charge their size. A policy of the app evaluates in
 * microseconds and a few hundred steps; these only stop runaway policies: a deployment gate
 * must not hang.
 */
export const DEFAULT_LIMITS: { readonly maxSteps: number; readonly timeoutMs: number } = Object.freeze({ maxSteps: 10_000_000, timeoutMs: 1000 });

/** `RangeError: Maximum call stack size exceeded` (V8); other engines word it differently. */
export function isStackOverflow(e: unknown): boolean {
  return e instanceof RangeError && /call stack|too much recursion/i.test(e.message);
}

/**
 * A resource error thrown by JavaScript itself (stack overflow, invalid array/string length,
 * BigInt too big) as a value; undefined for anything else.
 */
export function resourceError(e: unknown, during: "evaluation" | "compilation" | "parsing"): RegoError | undefined {
  if (!(e instanceof RangeError)) return undefined;
  const code = during === "evaluation" ? "eval_limit_error" : during === "parsing" ? "rego_parse_error" : "rego_compile_error";
  if (isStackOverflow(e)) {
    return { code, message: `${during} exceeded the maximum nesting depth (values or expressions nested too deeply)` };
  }
  return { code, message: `${during} exceeded a resource limit: ${e.message}` };
}
