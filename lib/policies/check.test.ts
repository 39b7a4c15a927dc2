import { describe, expect, it } from "vitest";
import { checkPolicyFile } from "./check";

const FILE = "policies/gate.ocl";

const policy = (scopeBody: string, conditionsBody: string) => `name = "Gate"

scope {
    rego = <<-EOT
        package gate
        ${scopeBody}
    EOT
}

conditions {
    rego = <<-EOT
        package gate
        ${conditionsBody}
    EOT
}
`;

describe("checkPolicyFile", () => {
  it("accepts a policy whose modules compile together", () => {
    expect(checkPolicyFile(FILE, policy("default evaluate := true", 'result := {"allowed": true}'))).toEqual([]);
  });

  it("reports a Rego syntax error at its line and column in the file", () => {
    const problems = checkPolicyFile(FILE, policy("default evaluate := true", 'result := {"allowed": true} if {\n            input.x ==\n        }'));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: "rego_parse_error", file: FILE });
    expect(problems[0].message).toMatch(/^Rego error in the conditions Rego: /);
    // Lines 12-15 of the file hold the conditions module; the error is in its rule.
    expect(problems[0].line).toBeGreaterThanOrEqual(13);
    expect(problems[0].line).toBeLessThanOrEqual(15);
  });

  it("reports an unsafe variable in the scope module at its position", () => {
    const problems = checkPolicyFile(FILE, policy("evaluate if { x == 1 }", 'result := {"allowed": true}'));
    expect(problems).toEqual([expect.objectContaining({ code: "rego_unsafe_var_error", file: FILE, line: 6 })]);
  });

  it("does not compile modules without a package, which validation already reports", () => {
    const text = policy("default evaluate := true", "").replace("        package gate\n        \n", "        default result := {}\n");
    expect(checkPolicyFile(FILE, text).map((p) => p.code)).toEqual(["package_missing"]);
  });
});
