import { evaluationPool } from "@/lib/evaluation-pool";
import { policyFilePath, type PolicyDocument } from "@/lib/policies/document";
import { readPolicyFile } from "@/lib/policies/read";
import { countTests, runPolicyTests, type PolicyTestRun, type TestCounts, type TestQueryRunner } from "@/lib/policies/tests";
import { writePolicyFile } from "@/lib/policies/write";
import { withModulePositions, type Problem } from "./problems";

/** On the evaluation pool's threads, as the test panel: anyone may run a draft's tests, and a runaway one must not hold the server. */
export const poolTestRunner: TestQueryRunner = (job) => evaluationPool().query(job);

export type PolicyTestsView = Omit<PolicyTestRun, "problems"> & { problems: Problem[]; counts: TestCounts };

/** A committed policy file's tests, as publishing runs them. */
export async function runCommittedTests(slug: string, text: string, runner: TestQueryRunner = poolTestRunner): Promise<PolicyTestsView> {
  const file = policyFilePath(slug);
  const run = await runPolicyTests(file, text, runner);
  return { ...run, problems: withModulePositions(run.problems, readPolicyFile(file, text)), counts: countTests(run.tests) };
}

/** The editor's Tests tab: the unsaved policy's tests, positions as in the file `PUT` would write. */
export function runDraftTests(policy: PolicyDocument, runner: TestQueryRunner = poolTestRunner): Promise<PolicyTestsView> {
  return runCommittedTests(policy.slug, writePolicyFile(policy), runner);
}
