import type { PolicyProblem } from "../document";
import { countTests, type PolicyTestRun, type TestResult, type TestStatus } from "./run";

const RULE = "-".repeat(80);
const LABEL: Record<TestStatus, string> = { pass: "PASS", fail: "FAIL", error: "ERROR", skip: "SKIPPED" };

/** A problem as compilers print one: `file:line:col: code: message` (warnings say so). */
export function formatProblem(p: PolicyProblem & { severity?: "warning" }): string {
  return `${p.file}:${p.line}:${p.column}: ${p.severity === "warning" ? "warning: " : ""}${p.code}: ${p.message}`;
}

/** Go's duration style, as `opa test` prints it: 435.8µs, 1.2ms. */
export function formatDuration(ms: number): string {
  if (ms < 1) return `${(ms * 1000).toFixed(1)}µs`;
  if (ms < 1000) return `${ms.toFixed(1)}ms`;
  return `${(ms / 1000).toFixed(2)}s`;
}

function testLine(t: TestResult): string[] {
  const head = `${t.name}: ${LABEL[t.status]}${t.status === "skip" ? "" : ` (${formatDuration(t.durationMs)})`}`;
  if (t.status === "pass" || t.status === "skip") return [head];
  const at = t.errorLocation ?? t.location;
  return [head, `  ${t.location.file}:${at.line}:${at.column}: ${t.message}`, ...t.output.map((o) => `  ${o}`)];
}

/**
 * `opa test`'s report: per file, the tests that did not pass (every test with `verbose`), then the
 * counts. Files that do not compile are listed with their problems and count as errors.
 */
export function formatTestReport(runs: readonly PolicyTestRun[], options: { verbose?: boolean } = {}): string {
  const lines: string[] = [];
  const all = runs.flatMap((r) => r.tests);
  for (const run of runs) {
    const shown = options.verbose ? run.tests : run.tests.filter((t) => t.status !== "pass");
    if (shown.length === 0 && run.problems.length === 0) continue;
    lines.push(`${run.file}:`);
    for (const p of run.problems) lines.push(formatProblem(p));
    for (const t of shown) lines.push(...testLine(t));
    lines.push("");
  }
  const counts = countTests(all);
  const broken = runs.filter((r) => r.problems.length > 0).length;
  if (lines.length > 0) lines.push(RULE);
  const total = all.length;
  if (counts.pass > 0 || total === 0) lines.push(`PASS: ${counts.pass}/${total}`);
  if (counts.fail > 0) lines.push(`FAIL: ${counts.fail}/${total}`);
  if (counts.error > 0) lines.push(`ERROR: ${counts.error}/${total}`);
  if (counts.skip > 0) lines.push(`SKIPPED: ${counts.skip}/${total}`);
  if (broken > 0) lines.push(`NOT COMPILED: ${broken} file(s)`);
  return lines.join("\n") + "\n";
}

/** Every test passed (or was skipped) and every file compiled. */
export function testRunsPassed(runs: readonly PolicyTestRun[]): boolean {
  return runs.every((r) => r.problems.length === 0 && r.tests.every((t) => t.status === "pass" || t.status === "skip"));
}
