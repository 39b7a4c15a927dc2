import { describe, expect, it } from "vitest";
import { policyFromStarter } from "./create";
import type { PolicyDocument } from "./document";
import { fileLocationInModule, readPolicyFile } from "./read";
import { validatePolicyFile } from "./validate";
import { writePolicyFile } from "./write";

const POLICY: PolicyDocument = {
  slug: "release_gate",
  name: 'Release "gate"',
  description: "",
  violationReason: "Fix it",
  violationAction: "warn",
  scopeRego: "package release_gate\ndefault evaluate := true\n",
  conditionsRego: 'package release_gate\n\nresult := {"allowed": true}',
};

describe("writePolicyFile and readPolicyFile", () => {
  it("write the canonical layout with violation_reason, and read back the same policy", () => {
    const text = writePolicyFile(POLICY);
    expect(text).toBe(`name             = "Release \\"gate\\""
description      = ""
violation_reason = "Fix it"
violation_action = "warn"

scope {
    rego = <<-EOT
        package release_gate
        default evaluate := true
    EOT
}

conditions {
    rego = <<-EOT
        package release_gate

        result := {"allowed": true}
    EOT
}
`);
    const read = readPolicyFile("policies/release_gate.ocl", text);
    expect(read.problems).toEqual([]);
    expect(read.policy).toEqual({ ...POLICY, conditionsRego: POLICY.conditionsRego + "\n" });
  });

  it("writes the alpha ViolationReason spelling back as violation_reason", () => {
    const alpha = writePolicyFile(POLICY).replace("violation_reason =", "ViolationReason =");
    const read = readPolicyFile("policies/release_gate.ocl", alpha);
    expect(read.policy?.violationReason).toBe("Fix it");
    expect(writePolicyFile(read.policy!)).toContain('violation_reason = "Fix it"');
  });

  it("keeps the comments and order of the previous text, and drops parts that are not part of a policy", () => {
    const previous = `# Owned by the platform team
violation_action = "block" # reviewed 2025-09
name = "Old name"
owner = "ada"

conditions {
    # Keep this in sync with the runbook.
    rego = <<-EOT
        package release_gate
    EOT
}
notes {
}
`;
    expect(writePolicyFile(POLICY, previous)).toBe(`# Owned by the platform team
violation_action = "warn" # reviewed 2025-09
name             = "Release \\"gate\\""
description      = ""
violation_reason = "Fix it"

conditions {
    # Keep this in sync with the runbook.
    rego = <<-EOT
        package release_gate

        result := {"allowed": true}
    EOT
}

scope {
    rego = <<-EOT
        package release_gate
        default evaluate := true
    EOT
}
`);
  });

  it("writes the canonical layout when the previous text is not valid OCL", () => {
    expect(writePolicyFile(POLICY, "name = ")).toBe(writePolicyFile(POLICY));
  });

  it("maps module positions to file positions", () => {
    const read = readPolicyFile("policies/release_gate.ocl", writePolicyFile(POLICY));
    expect(fileLocationInModule(read.modules.conditions!, 3, 1)).toEqual({ line: 17, column: 9 });
    const quoted = readPolicyFile("policies/x.ocl", 'name = "x"\nscope {\n  rego = "package x"\n}\n');
    expect(fileLocationInModule(quoted.modules.scope!, 1, 5)).toEqual({ line: 3, column: 10 });
  });
});

describe("policyFromStarter", () => {
  it("renames both packages to the new slug, so the result validates under its new file name", () => {
    const created = policyFromStarter(POLICY, "Production gate", "production_gate");
    expect(created.scopeRego).toBe("package production_gate\ndefault evaluate := true\n");
    expect(created.conditionsRego.startsWith("package production_gate\n")).toBe(true);
    expect(created.name).toBe("Production gate");
    expect(validatePolicyFile("policies/production_gate.ocl", writePolicyFile(created))).toEqual([]);
  });
});
