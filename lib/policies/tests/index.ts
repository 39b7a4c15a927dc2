// Policy tests: the `tests` block of a policy file, run as `opa test` runs them (docs/policy-tests.md).
export { discoverTests, type DiscoveredTest, type TestLocation } from "./discover";
export { countTests, failingTests, inProcessTestRunner, runPolicyTests, type PolicyTestRun, type TestCounts, type TestQueryRunner, type TestResult, type TestStatus } from "./run";
export { formatDuration, formatProblem, formatTestReport, testRunsPassed } from "./report";
