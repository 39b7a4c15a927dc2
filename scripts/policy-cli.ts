/**
 * Policy files on the command line, for CI in the repository that holds them: the checks that
 * publishing runs, the policies' own tests as `opa test` runs them, and an evaluation decided as
 * the gate decides. Offline: it needs the files and nothing else. See docs/policy-tests.md.
 *   npm run policy -- check FILE.ocl|DIR...
 *   npm run policy -- test FILE.ocl|DIR... [-v]
 *   npm run policy -- eval FILE.ocl|DIR... [--input input.json]
 */
import fs from "node:fs";
import { EvaluationPool, poolEvaluator, poolOptionsFromEnv } from "../lib/evaluation-pool";
import { checkPolicyFile } from "../lib/policies/check";
import { decidePolicy, OUTCOME_VERB, type Decision } from "../lib/policies/decision";
import { policyFilePath, type PolicyProblem } from "../lib/policies/document";
import { lintPolicyFile } from "../lib/policies/lint";
import { readPolicyFile, slugOfPath } from "../lib/policies/read";
import { formatProblem, formatTestReport, runPolicyTests, testRunsPassed, type PolicyTestRun, type TestQueryRunner } from "../lib/policies/tests";
import { filesUnder, jsonText, readDocument } from "./cli-files";

const USAGE = `usage:
  policy check FILE.ocl|DIR...
      every check publishing runs, then lint warnings, as file:line:col: code: message;
      exit 1 when a file has a problem (warnings alone exit 0)
  policy test FILE.ocl|DIR... [-v]
      runs each file's tests block as opa test does; -v lists passing tests too;
      exit 0 when every test passes, 1 when one fails or errors or a file does not compile
  policy eval FILE.ocl|DIR... [--input INPUT.json]
      evaluates scope and conditions of each policy against the input (JSON or YAML; default {})
      with the gate's settings and prints what the gate would decide;
      exit 1 when the gate would block the execution, else 0
exit 2: bad usage or a file that cannot be read`;

class UsageError extends Error {}

function policyFiles(paths: string[]): { file: string; text: string }[] {
  if (paths.length === 0) throw new UsageError("give at least one policy file or folder");
  return paths.flatMap((p) => {
    if (!fs.existsSync(p)) throw new UsageError(`${p}: no such file or folder`);
    return filesUnder(p, /\.ocl$/).map((file) => ({ file, text: fs.readFileSync(file, "utf8") }));
  });
}

/** Files are checked as they would sit in the Platform Hub repository (`policies/<slug>.ocl`), wherever they are here. */
function asGiven(file: string, problems: PolicyProblem[]): PolicyProblem[] {
  return problems.map((p) => ({ ...p, file }));
}

function check(paths: string[]): number {
  let failed = false;
  for (const { file, text } of policyFiles(paths)) {
    const logical = policyFilePath(slugOfPath(file));
    const problems = asGiven(file, checkPolicyFile(logical, text));
    const warnings = asGiven(file, lintPolicyFile(logical, text));
    for (const p of problems) console.error(formatProblem(p));
    for (const w of warnings) console.error(formatProblem({ ...w, severity: "warning" }));
    if (problems.length > 0) failed = true;
  }
  return failed ? 1 : 0;
}

async function withPool<T>(run: (pool: EvaluationPool) => Promise<T>): Promise<T> {
  // One thread: the same deadlines as the server (a worker is stopped at the limit), without its throughput.
  const pool = new EvaluationPool({ ...poolOptionsFromEnv(), size: 1 });
  try {
    return await run(pool);
  } finally {
    await pool.close();
  }
}

async function test(args: string[]): Promise<number> {
  const verbose = args.includes("-v") || args.includes("--verbose");
  const files = policyFiles(args.filter((a) => a !== "-v" && a !== "--verbose"));
  const runs = await withPool(async (pool) => {
    const runner: TestQueryRunner = (job) => pool.query(job);
    const out: PolicyTestRun[] = [];
    for (const { file, text } of files) out.push(await runPolicyTests(file, text, runner));
    return out;
  });
  process.stdout.write(formatTestReport(runs, { verbose }));
  return testRunsPassed(runs) ? 0 : 1;
}

function describeDecision(decision: Decision | null): string {
  if (!decision) return "out of scope";
  if (decision.outcome === "pass") return OUTCOME_VERB.pass;
  if (decision.outcome === "error") return `errored, ${decision.enforced === "warn" ? "warning" : "blocking"} - ${decision.reason}`;
  // As the task log words it: "warning - ...", "blocked - ...".
  return `${decision.outcome === "warn" ? "warning" : OUTCOME_VERB[decision.outcome]} - ${decision.reason}`;
}

async function evaluate(args: string[]): Promise<number> {
  let input: unknown = {};
  const paths: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === "--input" || args[i] === "-i") {
      const file = args[++i];
      if (!file) throw new UsageError("--input takes a file");
      input = readDocument(file);
    } else paths.push(args[i]);
  }
  const files = policyFiles(paths).map(({ file, text }) => ({ file, text, read: readPolicyFile(file, text) }));
  const answers = await withPool((pool) => poolEvaluator(pool)(files.map(({ file, text }) => ({ id: `cli:${file}`, slug: slugOfPath(file), ocl: text })), input));
  const decisions = files.map(({ read }, i) =>
    decidePolicy({ violationAction: read.policy?.violationAction ?? "block", violationReason: read.policy?.violationReason || undefined }, answers[i]),
  );
  const counts = new Map<string, number>();
  files.forEach(({ file }, i) => {
    const a = answers[i];
    const decision = decisions[i];
    const detail = "compileError" in a ? {} : { scope: a.scope, ...(a.result ? { result: a.result } : {}) };
    console.log(`${file}: ${describeDecision(decision)}`);
    console.log(`  ${jsonText(detail)}`);
    const verb = decision ? OUTCOME_VERB[decision.outcome] : "out of scope";
    counts.set(verb, (counts.get(verb) ?? 0) + 1);
  });
  // As the gate: any enforced block (an error of a block policy included) stops the execution.
  const blocked = decisions.some((d) => d?.enforced === "block");
  const summary = [...counts].map(([verb, n]) => `${n} ${verb}`).join(", ");
  console.log(`${summary}: the gate would ${blocked ? "block this execution" : "let this execution run"}`);
  return blocked ? 1 : 0;
}

async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  try {
    if (cmd === "check") return check(rest);
    if (cmd === "test") return await test(rest);
    if (cmd === "eval") return await evaluate(rest);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    console.error(`${e.message}\n${USAGE}`);
    return 2;
  }
  console.error(USAGE);
  return cmd === "--help" || cmd === "-h" || cmd === "help" ? 0 : 2;
}

main(process.argv.slice(2)).then((code) => process.exit(code));
