import { describe, expect, it } from "vitest";
import { validatePolicyFile } from "./validate";

const FILE = "policies/manual_intervention_required.ocl";

/** A valid policy; tests replace parts of it to break one rule at a time. */
const VALID = `name             = "Deployments - Manual intervention required"
description      = "Production deployments need a manual intervention"
violation_reason = "Add a Manual Intervention step"
violation_action = "block"

scope {
    rego = <<-EOT
        package manual_intervention_required

        default evaluate := false
        evaluate if input.Environment.Slug == "production"
    EOT
}

conditions {
    rego = <<-EOT
        package manual_intervention_required
        default result := {"allowed": false}
    EOT
}
`;

function problems(text: string, file = FILE, slug?: string) {
  return validatePolicyFile(file, text, slug === undefined ? {} : { slug }).map(({ code, line, column, file }) => ({ code, line, column, file }));
}

describe("validatePolicyFile", () => {
  it("accepts a valid policy", () => {
    expect(validatePolicyFile(FILE, VALID)).toEqual([]);
  });

  it("accepts the alpha spelling ViolationReason and an omitted violation_action", () => {
    const text = VALID.replace("violation_reason =", "ViolationReason  =").replace('violation_action = "block"\n', "");
    expect(validatePolicyFile(FILE, text)).toEqual([]);
  });

  it("points at the package line inside the heredoc when the package differs from the slug", () => {
    const found = validatePolicyFile(FILE, VALID.replace("package manual_intervention_required\n\n", "package other\n\n"));
    expect(found).toEqual([
      {
        code: "package_mismatch",
        file: FILE,
        line: 8,
        column: 17,
        message: 'The scope Rego is in package "other" but the policy slug is "manual_intervention_required": change it to "package manual_intervention_required"',
      },
    ]);
  });

  it("reports a missing package and missing rules in each module", () => {
    const text = VALID.replace("package manual_intervention_required\n\n", "").replace("default result", "default outcome");
    expect(problems(text)).toEqual([
      { code: "package_missing", file: FILE, line: 8, column: 9 },
      { code: "rule_missing", file: FILE, line: 15, column: 9 },
    ]);
    expect(problems(VALID.replace(/evaluate/g, "in_scope"))).toEqual([{ code: "rule_missing", file: FILE, line: 8, column: 9 }]);
  });

  it("reports fixed rules set to the wrong kind of value, at each wrong definition", () => {
    const text = VALID.replace("default evaluate := false", 'default evaluate := "no"').replace('default result := {"allowed": false}', "default result := true");
    expect(problems(text)).toEqual([
      { code: "rule_type", file: FILE, line: 10, column: 17 },
      { code: "rule_type", file: FILE, line: 18, column: 17 },
    ]);
    expect(validatePolicyFile(FILE, text)[0].message).toBe('The rule "evaluate" must be a boolean, but this definition makes it a string: set it to true or false');
  });

  it("reports file names with dashes or other characters, and a file name that is not the slug", () => {
    const text = VALID.replace(/manual_intervention_required/g, "x");
    expect(problems(text, "policies/manual-x.ocl").map((p) => p.code)).toEqual(["file_name_invalid", "package_mismatch", "package_mismatch"]);
    expect(validatePolicyFile("policies/manual-x.ocl", text)[0].message).toContain('"manual_x"');
    expect(problems(text, "policies/Big.ocl")[0].code).toBe("file_name_invalid");
    expect(problems(text, "x.ocl")[0].code).toBe("file_path_invalid");
    expect(problems(text, "policies/x.ocl", "y").map((p) => p.code)).toEqual(["file_name_mismatch", "package_mismatch", "package_mismatch"]);
  });

  it("reports unknown, duplicate, mistyped and missing attributes", () => {
    const text = VALID.replace('name             = "Deployments - Manual intervention required"\n', 'owner = "me"\nViolationReason = "x"\n').replace(
      'violation_action = "block"',
      'violation_action = "stop"\ndescription2 = 3',
    );
    expect(problems(text)).toEqual([
      { code: "attribute_unknown", file: FILE, line: 1, column: 1 },
      { code: "attribute_duplicate", file: FILE, line: 4, column: 1 },
      { code: "violation_action_invalid", file: FILE, line: 5, column: 20 },
      { code: "attribute_unknown", file: FILE, line: 6, column: 1 },
      { code: "attribute_missing", file: FILE, line: 1, column: 1 },
    ]);
    expect(problems(VALID.replace('"Deployments - Manual intervention required"', '" "'))).toEqual([{ code: "attribute_missing", file: FILE, line: 1, column: 20 }]);
    expect(problems(VALID.replace('"Deployments - Manual intervention required"', "true"))).toEqual([{ code: "attribute_type", file: FILE, line: 1, column: 20 }]);
  });

  it("reports missing, unknown, duplicate and empty blocks", () => {
    const withoutConditions = VALID.slice(0, VALID.indexOf("conditions {"));
    expect(problems(withoutConditions)).toEqual([{ code: "block_missing", file: FILE, line: 14, column: 1 }]);
    expect(problems(VALID + "conditions {\n}\nnotes {\n}\n")).toEqual([
      { code: "block_duplicate", file: FILE, line: 21, column: 1 },
      { code: "block_unknown", file: FILE, line: 23, column: 1 },
    ]);
    expect(problems(VALID.replace("    rego = <<-EOT\n        package manual_intervention_required\n        default", "    code = <<-EOT\n        package manual_intervention_required\n        default"))).toEqual([
      { code: "attribute_unknown", file: FILE, line: 16, column: 5 },
      { code: "rego_missing", file: FILE, line: 15, column: 1 },
    ]);
  });

  it("reports an OCL syntax error with its position", () => {
    const found = validatePolicyFile(FILE, VALID.replace("violation_action = ", "violation_action "));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ code: "ocl_unexpected_token", file: FILE, line: 4, column: 25 });
    expect(found[0].message).toMatch(/^OCL syntax error: Expected "=" to set attribute/);
  });
});
