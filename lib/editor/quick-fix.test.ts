import { describe, expect, it } from "vitest";
import { lintPolicyDocument } from "@/lib/policies/lint";
import { sortProblems } from "./diagnostics";

describe("lint quick fixes reach the editor's markers", () => {
  it("keeps a warning's fix on its marker, in the module's own positions", () => {
    const scopeRego = 'package p\n\ndefault evaluate := false\n\nevaluate if input.Environment.Name == "Production"\n';
    const policy = { slug: "p", name: "P", description: "", violationReason: "", violationAction: "block" as const, scopeRego, conditionsRego: 'package p\n\nresult := {"allowed": true}\n' };
    const problems = lintPolicyDocument(policy);
    const [marker] = sortProblems(problems, { scope: scopeRego, conditions: policy.conditionsRego }).scope;
    expect(marker).toMatchObject({ code: "name_instead_of_slug", severity: "warning", startLineNumber: 5, startColumn: 13, fix: { title: "Compare input.Environment.Slug instead" } });
    expect(marker.fix!.edits).toEqual([
      { line: 5, column: 31, endLine: 5, endColumn: 35, text: "Slug" },
      { line: 5, column: 39, endLine: 5, endColumn: 51, text: '"production"' },
    ]);
  });
});
