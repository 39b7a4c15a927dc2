import { compile, type ModuleSource, type QueryResponse, type RegoError } from "@/lib/rego";
import { GATE_SETTINGS, type EvaluationSettings } from "../decision";
import { compilePolicyModules, moduleFilePosition, policyModuleSources, type PolicyModuleBlock } from "../compile";
import type { PolicyProblem } from "../document";
import { readPolicyFile, type PolicyFileRead } from "../read";
import { discoverTests, type DiscoveredTest } from "./discover";

export type TestStatus = "pass" | "fail" | "error" | "skip";

export interface TestResult extends DiscoveredTest {
  status: TestStatus;
  /** Why it did not pass: "false", "undefined", or the engine's error. */
  message?: string;
  /** Where an error points, when it is inside one of the file's modules: in the file and in that module. */
  errorLocation?: { block: PolicyModuleBlock; line: number; column: number; moduleLine: number; moduleColumn: number };
  durationMs: number;
  /** What `print(...)` wrote while the test ran, as `file:row: message`. */
  output: string[];
}

export interface PolicyTestRun {
  file: string;
  /** Empty when the file cannot be read or does not compile: `problems` says why. */
  tests: TestResult[];
  problems: PolicyProblem[];
}

/**
 * Runs one query over a policy's modules. The app passes the evaluation pool (a runaway test
 * cannot hold the server); the command line runs in process. Shaped as the pool's query job.
 */
export type TestQueryRunner = (
  job: { modules: ModuleSource[]; query: string } & EvaluationSettings,
) => Promise<{ compileErrors?: RegoError[]; response?: QueryResponse; prints?: string[] }>;

/** Compiles on this thread, once per distinct set of modules. */
export function inProcessTestRunner(): TestQueryRunner {
  let last: { key: string; compiled: ReturnType<typeof compile> } | undefined;
  return async ({ modules, query, limits, strict }) => {
    const key = JSON.stringify(modules);
    if (last?.key !== key) last = { key, compiled: compile(modules, { strictBuiltinErrors: strict }) };
    const { compiled } = last;
    if (!compiled.ok) return { compileErrors: compiled.errors };
    const prints: string[] = [];
    const print = (message: string, loc: { file: string; row: number }) => prints.push(`${loc.file}:${loc.row}: ${message}`);
    return { response: compiled.policy.query(query, { limits, strictBuiltinErrors: strict, print }), prints };
  };
}

/**
 * Runs a policy file's tests as `opa test` runs them: each `test_` rule of its tests block is
 * queried with the scope and conditions compiled along; it passes when its value is `true`, fails
 * when it is false or undefined (a `with input as {...}` that takes a body off its path), and
 * errors when evaluating it raises one. Evaluated with the gate's settings (strict builtin errors,
 * its limits), so a test that passes here passes against the gate's engine.
 */
export async function runPolicyTests(file: string, text: string, runner: TestQueryRunner = inProcessTestRunner(), settings: EvaluationSettings = GATE_SETTINGS): Promise<PolicyTestRun> {
  const read = readPolicyFile(file, text);
  if (!read.policy) return { file, tests: [], problems: read.problems };
  const compiled = compilePolicyModules(file, read, { withTests: true });
  if (!compiled.ok) return { file, tests: [], problems: compiled.problems };
  const modules = policyModuleSources(read, { withTests: true });
  const tests: TestResult[] = [];
  // One at a time: tests are small, and the pool's other users keep their share of threads.
  for (const test of discoverTests(file, read)) tests.push(await runTest(test, read, modules, runner, settings));
  return { file, tests, problems: [] };
}

async function runTest(test: DiscoveredTest, read: PolicyFileRead, modules: ModuleSource[], runner: TestQueryRunner, settings: EvaluationSettings): Promise<TestResult> {
  if (test.skip) return { ...test, status: "skip", durationMs: 0, output: [] };
  const started = performance.now();
  const answer = await runner({ modules, query: `value = ${test.name}`, ...settings });
  const durationMs = performance.now() - started;
  const output = answer.prints ?? [];
  const errored = (error: RegoError): TestResult => {
    const at = moduleFilePosition(read, error.location);
    const errorLocation = at && error.location ? { errorLocation: { ...at, moduleLine: error.location.row, moduleColumn: error.location.col } } : {};
    return { ...test, status: "error", message: `${error.code}: ${error.message}`, ...errorLocation, durationMs, output };
  };
  if (answer.compileErrors?.length) return errored(answer.compileErrors[0]);
  const response = answer.response;
  if (!response) return { ...test, status: "error", message: "the test was not evaluated", durationMs, output };
  if (!response.ok) return errored(response.error);
  const value = response.results[0]?.bindings.value;
  if (value === true) return { ...test, status: "pass", durationMs, output };
  return { ...test, status: "fail", message: response.results.length === 0 ? "undefined" : `${JSON.stringify(value)}, not true`, durationMs, output };
}

export type TestCounts = Record<TestStatus, number>;

export function countTests(tests: readonly TestResult[]): TestCounts {
  const counts: TestCounts = { pass: 0, fail: 0, error: 0, skip: 0 };
  for (const t of tests) counts[t.status]++;
  return counts;
}

/** The tests that keep a policy from being published: failed and errored (skipped ones do not). */
export function failingTests(tests: readonly TestResult[]): TestResult[] {
  return tests.filter((t) => t.status === "fail" || t.status === "error");
}
