import { describe, expect, it } from "vitest";
import { countTests, failingTests, formatTestReport, runPolicyTests, testRunsPassed } from ".";

const policy = (tests: string) => `name = "Prod approval"

scope {
    rego = <<-EOT
        package prod_approval

        default evaluate := false

        evaluate if input.Environment.Slug == "production"
    EOT
}

conditions {
    rego = <<-EOT
        package prod_approval

        default result := {"allowed": false}

        result := {"allowed": true} if input.RequiresApproval == true
    EOT
}

tests {
    rego = <<-EOT
${tests
  .split("\n")
  .map((l) => (l ? `        ${l}` : ""))
  .join("\n")}
    EOT
}
`;

const FILE = "policies/prod_approval.ocl";

describe("runPolicyTests", () => {
  it("passes a true test, fails a false or undefined one, errors on an engine error, skips todo_ tests", async () => {
    const text = policy(`package prod_approval

test_in_scope if evaluate with input as {"Environment": {"Slug": "production"}}

test_allowed if result.allowed with input as {"RequiresApproval": true}

test_wrongly_expects_allowed if result.allowed with input as {"RequiresApproval": false}

test_false := false

test_undefined if input.nothing

test_division if 1 / 0 == 1

todo_test_later if false

helper(x) := x`);
    const run = await runPolicyTests(FILE, text);
    expect(run.problems).toEqual([]);
    const byRule = Object.fromEntries(run.tests.map((t) => [t.rule, t]));
    expect(Object.keys(byRule)).toEqual(["test_in_scope", "test_allowed", "test_wrongly_expects_allowed", "test_false", "test_undefined", "test_division", "todo_test_later"]);
    expect(byRule.test_in_scope).toMatchObject({ name: "data.prod_approval.test_in_scope", status: "pass" });
    expect(byRule.test_allowed.status).toBe("pass");
    expect(byRule.test_wrongly_expects_allowed).toMatchObject({ status: "fail", message: "undefined" });
    expect(byRule.test_false).toMatchObject({ status: "fail", message: "false, not true" });
    expect(byRule.test_undefined.status).toBe("fail");
    expect(byRule.test_division).toMatchObject({ status: "error", message: expect.stringMatching(/^eval_builtin_error: div: divide by zero/) });
    expect(byRule.test_division.errorLocation).toMatchObject({ block: "tests" });
    expect(byRule.todo_test_later.status).toBe("skip");
    expect(countTests(run.tests)).toEqual({ pass: 2, fail: 3, error: 1, skip: 1 });
    expect(failingTests(run.tests).map((t) => t.rule)).toEqual(["test_wrongly_expects_allowed", "test_false", "test_undefined", "test_division"]);
  });

  it("locates each test at its rule in the OCL file and inside the tests Rego", async () => {
    const text = policy(`package prod_approval

test_allowed if result.allowed with input as {"RequiresApproval": true}`);
    const [test] = (await runPolicyTests(FILE, text)).tests;
    const lines = text.split("\n");
    expect(lines[test.location.line - 1].slice(test.location.column - 1)).toMatch(/^test_allowed if/);
    expect(test.location).toMatchObject({ file: FILE, moduleLine: 3, moduleColumn: 1 });
  });

  it("reports a tests block that does not compile as problems at file positions, running nothing", async () => {
    const text = policy(`package prod_approval

test_broken if unknown_function(1)`);
    const run = await runPolicyTests(FILE, text);
    expect(run.tests).toEqual([]);
    expect(run.problems).toHaveLength(1);
    expect(run.problems[0]).toMatchObject({ code: "rego_type_error", file: FILE, line: text.split("\n").findIndex((l) => l.includes("unknown_function")) + 1 });
    expect(run.problems[0].message).toMatch(/in the tests Rego/);
  });

  it("has no tests for a file without a tests block", async () => {
    const text = policy("package prod_approval").replace(/\ntests \{[\s\S]*$/, "\n");
    expect(await runPolicyTests(FILE, text)).toEqual({ file: FILE, tests: [], problems: [] });
  });
});

describe("formatTestReport", () => {
  it("lists what did not pass under its file, with its location, then the counts as opa test does", async () => {
    const run = await runPolicyTests(FILE, policy(`package prod_approval

test_ok if true

test_bad if false`));
    const report = formatTestReport([run]);
    expect(report).toMatch(/^policies\/prod_approval\.ocl:\ndata\.prod_approval\.test_bad: FAIL \([\d.]+(µs|ms)\)\n  policies\/prod_approval\.ocl:\d+:9: undefined\n/);
    expect(report).not.toMatch(/test_ok/);
    expect(report).toMatch(/-{80}\nPASS: 1\/2\nFAIL: 1\/2\n$/);
    expect(formatTestReport([run], { verbose: true })).toMatch(/data\.prod_approval\.test_ok: PASS/);
    expect(testRunsPassed([run])).toBe(false);
  });
});
