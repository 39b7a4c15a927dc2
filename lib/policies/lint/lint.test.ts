import { describe, expect, it } from "vitest";
import { lintPolicyFile, lintRego, slugOf, type LintFix } from ".";

const module = (body: string) => `package p\n\ndefault evaluate := false\n\n${body}\n`;

/** The module with a fix's edits applied, as the editor's quick fix does. */
function applyFix(source: string, fix: LintFix): string {
  const lines = source.split("\n");
  for (const e of [...fix.edits].sort((a, b) => b.line - a.line || b.column - a.column)) {
    const line = lines[e.line - 1];
    lines[e.line - 1] = line.slice(0, e.column - 1) + e.text + line.slice(e.endColumn - 1);
  }
  return lines.join("\n");
}

describe("missing_presence_guard", () => {
  it("fires on a not that reads below input.Tenant, Release or Runbook unguarded, with a fix adding the guard", () => {
    const source = module('evaluate if {\n    not input.Tenant.Slug == "globex"\n}');
    const [w] = lintRego(source);
    expect(w).toMatchObject({ code: "missing_presence_guard", line: 6, column: 9, message: expect.stringContaining("input.Tenant is only there for tenanted executions") });
    const fixed = applyFix(source, w.fix!);
    expect(fixed).toContain('evaluate if {\n    input.Tenant\n    not input.Tenant.Slug == "globex"\n}');
    expect(lintRego(fixed)).toEqual([]);
    expect(lintRego(module('evaluate if not startswith(input.Release.Version, "0.")'))).toMatchObject([{ code: "missing_presence_guard", message: expect.stringMatching(/^input\.Release is only there for deployments/) }]);
    expect(lintRego(module("evaluate if {\n    some step in input.Steps\n    not input.Runbook.GitRef == step.Id\n}"))[0].code).toBe("missing_presence_guard");
  });

  it("does not fire on a presence test, a guarded body, or a head that needs the object", () => {
    for (const body of [
      "evaluate if not input.Runbook",
      'evaluate if {\n    input.Tenant.Slug\n    not input.Tenant.Slug == "globex"\n}',
      'evaluate if {\n    not input.Tenant.Slug == "globex"\n    input.Tenant\n}',
      'missing contains input.Tenant.Name if not startswith(input.Tenant.Slug, "x")',
      'evaluate if {\n    input.Tenant\n    every t in input.Tenant.Tags { not t == input.Tenant.Slug }\n}',
    ])
      expect(lintRego(module(body))).toEqual([]);
  });
});

describe("name_instead_of_slug", () => {
  it("fires on a name compared with text where the object has a slug, with a fix comparing slugs", () => {
    const source = module('evaluate if input.Environment.Name == "Production EU"');
    const [w] = lintRego(source);
    expect(w).toMatchObject({ code: "name_instead_of_slug", message: expect.stringContaining('compare input.Environment.Slug with "production-eu"') });
    expect(applyFix(source, w.fix!)).toContain('evaluate if input.Environment.Slug == "production-eu"');
    const set = module('evaluate if input.Project.Name in {"ACME", "Billing API"}');
    expect(applyFix(set, lintRego(set)[0].fix!)).toContain('input.Project.Slug in {"acme", "billing-api"}');
  });

  it("does not fire on slugs, on names in messages, or on objects without a slug", () => {
    expect(lintRego(module('evaluate if input.Environment.Slug == "production"'))).toEqual([]);
    expect(lintRego(module('msg := sprintf("%s", [input.Environment.Name])'))).toEqual([]);
    expect(lintRego(module('evaluate if input.Runbook.Name == "Restart"')).map((w) => w.code)).toEqual(["case_sensitive_name"]);
  });
});

describe("case_sensitive_name", () => {
  it("fires on a name compared case-sensitively, with a fix comparing lower case", () => {
    const source = module('evaluate if input.Runbook.Name == "Restart Web"');
    const [w] = lintRego(source);
    expect(w.code).toBe("case_sensitive_name");
    const fixed = applyFix(source, w.fix!);
    expect(fixed).toContain('evaluate if lower(input.Runbook.Name) == "restart web"');
    expect(lintRego(fixed)).toEqual([]);
    expect(lintRego(module('evaluate if startswith(input.Tenant.Name, "Glob")'))).toMatchObject([{ code: "case_sensitive_name" }]);
  });

  it("fires on a slug compared with capitals, which never matches", () => {
    const source = module('evaluate if input.Environment.Slug == "Production"');
    const [w] = lintRego(source);
    expect(w).toMatchObject({ code: "case_sensitive_name", message: expect.stringContaining('never equals "Production"') });
    expect(applyFix(source, w.fix!)).toContain('input.Environment.Slug == "production"');
  });

  it("does not fire on lower-cased names or lower-case slugs", () => {
    expect(lintRego(module('evaluate if lower(input.Runbook.Name) == "restart"'))).toEqual([]);
    expect(lintRego(module('evaluate if input.Tenant.Slug in {"globex", "initech"}'))).toEqual([]);
  });
});

describe("unknown_input_field and file positions", () => {
  it("reports every rule with file and module positions for a policy file", () => {
    const text = `name = "x"\n\nscope {\n    rego = <<-EOT\n        package x\n\n        evaluate if input.Enviroment.Slug == "production"\n    EOT\n}\n\nconditions {\n    rego = <<-EOT\n        package x\n\n        result := {"allowed": input.Environment.Name != "Test"}\n    EOT\n}\n`;
    const warnings = lintPolicyFile("policies/x.ocl", text);
    expect(warnings.map((w) => [w.code, w.module, w.line, w.moduleLine, w.severity])).toEqual([
      ["unknown_input_field", "scope", 7, 3, "warning"],
      ["name_instead_of_slug", "conditions", 15, 3, "warning"],
    ]);
    expect(text.split("\n")[warnings[1].line - 1].slice(warnings[1].column - 1)).toMatch(/^input\.Environment\.Name/);
  });

  it("says nothing about a module that does not parse", () => {
    expect(lintRego("package p\nevaluate if {")).toEqual([]);
  });

  it("slugs names as Octopus does", () => {
    expect(slugOf("Production (EU) ")).toBe("production-eu");
  });
});
