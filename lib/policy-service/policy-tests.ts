import { evaluationPool } from "@/lib/evaluation-pool";
import { policyFilePath, type PolicyDocument } from "@/lib/policies/document";
import { countTests, runPolicyTests, type PolicyTestRun, type TestCounts, type TestQueryRunner } from "@/lib/policies/tests";
import { writePolicyFile } from "@/lib/policies/write";

/** On the evaluation pool's threads, as the test panel: anyone may run a draft's tests, and a runaway one must not hold the server. */
export const poolTestRunner: TestQueryRunner = (job) => evaluationPool().query(job);

export type PolicyTestsView = PolicyTestRun & { counts: TestCounts };

/** A committed policy file's tests, as publishing runs them. */
export async function runCommittedTests(slug: string, text: string, runner: TestQueryRunner = poolTestRunner): Promise<PolicyTestsView> {
  const run = await runPolicyTests(policyFilePath(slug), text, runner);
  return { ...run, counts: countTests(run.tests) };
}

/** The editor's Tests tab: the unsaved policy's tests, positions as in the file `PUT` would write. */
export function runDraftTests(policy: PolicyDocument, runner: TestQueryRunner = poolTestRunner): Promise<PolicyTestsView> {
  return runCommittedTests(policy.slug, writePolicyFile(policy), runner);
}
