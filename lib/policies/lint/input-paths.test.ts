import { describe, expect, it } from "vitest";
import { listStarters } from "@/lib/policies/starters";
import { parseModule } from "@/lib/rego/parser";
import { lintPolicyDocument } from ".";
import { inputRefWarnings as warningsOf } from "./input-paths";

const inputRefWarnings = (source: string) => {
  try {
    return warningsOf(parseModule(source, "module"));
  } catch {
    return [];
  }
};
const policyInputRefProblems = (policy: Parameters<typeof lintPolicyDocument>[0]) => lintPolicyDocument(policy).filter((p) => p.code === "unknown_input_field");

const module = (body: string) => `package p\n\nevaluate if {\n${body}\n}\n`;

describe("warnings for refs into input the schema does not know", () => {
  it("catch the trailing-dot trap: a line ending in '.' joins the next line's ref", () => {
    const warnings = inputRefWarnings(module('    input.Environment.\n    input.Project.Slug == "acme"'));
    expect(warnings).toEqual([
      { line: 5, column: 5, message: expect.stringMatching(/^The input schema has no field input\.Environment\.input: the line before ends with "\."/) },
    ]);
    expect(warnings[0].message).toMatch(/input\.Environment has Id, Name, Slug, Tags$/);
  });

  it("name a misspelt field, a field read off an array and a field of a string", () => {
    const warnings = inputRefWarnings(module("    input.Enviroment.Slug\n    input.Steps.Id\n    input.Release.Version.Major"));
    expect(warnings.map((w) => [w.line, w.message])).toEqual([
      [4, expect.stringMatching(/no field input\.Enviroment\. input has Environment, Project/)],
      [5, "input.Steps is an array: write input.Steps[_].Id to reach the field of each element"],
      [6, "input.Release.Version is a string and has no field Major"],
    ]);
  });

  it("accept every documented path, including the newer fields, indexes, variables and computed keys", () => {
    const body = [
      "    input.RequiresApproval",
      "    input.Project.Template.Version",
      '    input.Steps[_].Packages[0].Feed.Source == "Platform Hub"',
      "    some i; input.Steps[i].IsConditional",
      '    input.Tenant.Tags[_] == "tier/gold"',
      "    input[key]",
      '    input.Environment["Slug"]',
    ].join("\n");
    expect(inputRefWarnings(module(body))).toEqual([]);
  });

  it("say nothing about a module that does not parse (its syntax error is reported already)", () => {
    expect(inputRefWarnings("package p\nevaluate if {\n  input.Nope")).toEqual([]);
  });

  it("find nothing to warn about in the shipped starters", async () => {
    const starters = await listStarters();
    expect(starters.length).toBeGreaterThan(20);
    expect(starters.flatMap((s) => policyInputRefProblems(s.policy))).toEqual([]);
  });

  it("report file and module positions for a policy as it would be written", async () => {
    const [starter] = (await listStarters()).filter((s) => s.slug === "manual_intervention_required").map((s) => ({ policy: s.policy }));
    const policy = { ...starter.policy, scopeRego: starter.policy.scopeRego.replace('input.Environment.Slug == "production"', "input.Environment.\n            input.Project.Slug") };
    const [problem] = policyInputRefProblems(policy);
    expect(problem).toMatchObject({ code: "unknown_input_field", severity: "warning", file: "policies/manual_intervention_required.ocl", module: "scope" });
    const fileLines = (await import("@/lib/policies/write")).writePolicyFile(policy).split("\n");
    expect(fileLines[problem.line - 1].slice(problem.column - 1)).toMatch(/^input\.Project\.Slug/);
    expect(policy.scopeRego.split("\n")[problem.moduleLine - 1].slice(problem.moduleColumn - 1)).toMatch(/^input\.Project\.Slug/);
  });
});
