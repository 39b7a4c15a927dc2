import { describe, expect, it } from "vitest";
import { compile } from "@/lib/rego";

const evalRule = (source: string, rule: string, extra: { file: string; source: string }[] = []) => {
  const r = compile([{ file: "policy.rego", source }, ...extra]);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  const out = r.policy.evalRule(rule, { input: {}, data: {} });
  if (!out.ok || !out.defined) throw new Error(JSON.stringify(out));
  return out.value;
};

// The rule-metadata example of OPA's policy reference (rego.metadata.*) and OPA's annotation scopes.
const POLICY = `# METADATA
# title: My Example Package
# description: A set of rules illustrating how metadata annotations can be used.
package policy

# METADATA
# title: Deny non-admin users
# description: Only admins may use this
# authors:
# - Jane Doe <jane@example.com>
# related_resources:
# - https://example.com/policy
# custom:
#   severity: HIGH
deny contains msg if {
  input.user != "admin"
  msg := sprintf("%s (%s)", [rego.metadata.rule().title, rego.metadata.rule().custom.severity])
}

rule_meta := rego.metadata.rule()

chain := rego.metadata.chain()

# METADATA
# scope: document
# title: Allow document
allow if true

# METADATA
# title: the second allow rule
allow if false

allow_chain := [c | some c in rego.metadata.chain()]
`;

describe("rego.metadata.rule", () => {
  it("is the active rule's rule-scope annotations, fields normalised as OPA does", () => {
    const r = compile([{ file: "policy.rego", source: POLICY }]);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const q = r.policy.query("x := data.policy.deny", { input: { user: "bob" }, data: {} });
    expect(q.ok && q.results[0].bindings.x).toEqual(["Deny non-admin users (HIGH)"]);
  });

  it("is {} for a rule without annotations", () => {
    expect(evalRule(POLICY, "data.policy.rule_meta")).toEqual({});
  });
});

describe("rego.metadata.chain", () => {
  it("starts at the active rule (no annotations member when it has none) and goes out to the package", () => {
    expect(evalRule(POLICY, "data.policy.chain")).toEqual([
      { path: ["policy", "chain"] },
      {
        path: ["policy"],
        annotations: { scope: "package", title: "My Example Package", description: "A set of rules illustrating how metadata annotations can be used." },
      },
    ]);
  });

  it("includes document-scope annotations of the rule's path and subpackages annotations above", () => {
    const parent = `# METADATA\n# scope: subpackages\n# organizations:\n# - Acme\npackage root\n`;
    const child = POLICY.replace("package policy", "package root.policy");
    const r = compile([{ file: "child.rego", source: child }, { file: "root.rego", source: parent }]);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const out = r.policy.evalRule("data.root.policy.chain", { input: {}, data: {} });
    expect(out.ok && out.defined && out.value).toEqual([
      { path: ["root", "policy", "chain"] },
      expect.objectContaining({ path: ["root", "policy"] }),
      { path: ["root"], annotations: { scope: "subpackages", organizations: ["Acme"] } },
    ]);
  });

  it("gives each rule its own rule-scope entry, and the document scope to every rule of the path", () => {
    const src = POLICY.replace("allow if false", "allow if {\n  x := rego.metadata.chain()\n  x[0].annotations.title == \"the second allow rule\"\n  x[1].annotations.title == \"Allow document\"\n}");
    expect(evalRule(src, "data.policy.allow")).toBe(true);
  });

  it("reads authors and related resources as OPA does", () => {
    const src = POLICY.replace('rule_meta := rego.metadata.rule()', '# METADATA\n# authors:\n# - Jane Doe <jane@example.com>\n# - bob@example.com\n# related_resources:\n# - https://example.com\nrule_meta := rego.metadata.rule()');
    expect(evalRule(src, "data.policy.rule_meta")).toEqual({
      scope: "rule",
      authors: [{ name: "Jane Doe", email: "jane@example.com" }, { email: "bob@example.com" }],
      related_resources: [{ ref: "https://example.com" }],
    });
  });
});
