import { describe, expect, it } from "vitest";
import { inputFields } from "@/lib/policy-input/fields";
import { nextVersion } from "@/lib/policies/versions";
import { editorBuiltins } from "./builtins";
import { completionsAt, hoverAt, inputBindings } from "./completion";
import { markerSpan, sortProblems, summarizeProblems } from "./diagnostics";
import { regoMonarchLanguage } from "./rego-language";

const fields = inputFields();
const builtins = editorBuiltins();

function labels(line: string, before = line) {
  return completionsAt(line, before, fields, builtins).map((s) => s.label);
}

describe("input completion", () => {
  it("offers the fields of input.Environment after the dot", () => {
    const s = completionsAt("    input.Environment.", "    input.Environment.", fields, builtins);
    expect(s.map((x) => x.label).sort()).toEqual(["Id", "Name", "Slug", "Tags"]);
    expect(s[0].replaceFrom).toBe(23);
    expect(s.find((x) => x.label === "Slug")!.documentation).toMatch(/slug/i);
  });
  it("offers the top-level fields after input.", () => {
    expect(labels("input.")).toEqual(expect.arrayContaining(["Environment", "Steps", "Tenant", "Runbook"]));
  });
  it("replaces only the partial segment", () => {
    const [first] = completionsAt("x := input.Environment.Na", "", fields, builtins);
    expect(first.replaceFrom).toBe(24);
  });
  it("follows array elements and variables bound to them", () => {
    expect(labels("input.Steps[_].")).toEqual(expect.arrayContaining(["ActionType", "Source", "Packages"]));
    const text = "result if {\n  some step in input.Steps\n  step.";
    expect(labels("  step.", text)).toEqual(expect.arrayContaining(["ActionType", "Enabled"]));
    expect(labels("  step.Source.", text + "Source.")).toEqual(expect.arrayContaining(["Type", "SlugOrId", "Version"]));
    expect(inputBindings("env := input.Environment\n").get("env")).toEqual(["Environment"]);
  });
  it("offers builtins with their signatures", () => {
    const s = completionsAt("  count", "", fields, builtins);
    const count = s.find((x) => x.label === "count")!;
    expect(count.detail).toMatch(/^count\(/);
    expect(s.some((x) => x.label === "plus")).toBe(false);
    expect(labels("semver.")).toEqual(["semver.compare", "semver.is_valid"]);
  });
  it("offers nothing inside strings and comments", () => {
    expect(labels('x := "input.')).toEqual([]);
    expect(labels("# input.")).toEqual([]);
  });
});

describe("hover", () => {
  it("documents builtins", () => {
    const h = hoverAt("  semver.compare(a, b) >= 0", 5, "", fields, builtins)!;
    expect(h.contents.join("\n")).toMatch(/semver\.compare\(/);
    expect(h.contents.join("\n")).toMatch(/Compares two semantic versions/);
  });
  it("documents input fields by the hovered segment", () => {
    const line = '  input.Environment.Slug == "production"';
    const h = hoverAt(line, line.indexOf("Slug") + 2, "", fields, builtins)!;
    expect(h.contents[0]).toContain("input.Environment.Slug");
  });
});

describe("diagnostics", () => {
  it("puts module problems in their editor and the rest aside", () => {
    const sorted = sortProblems(
      [
        { code: "rego_parse_error", message: "unexpected }", file: "policies/x.ocl", line: 9, column: 5, module: "conditions", moduleLine: 2, moduleColumn: 3 },
        { code: "name_missing", message: "name is required", file: "policies/x.ocl", line: 1, column: 1, module: "ocl" },
      ],
      { scope: "package x", conditions: "package x\n  foo bar" },
    );
    expect(sorted.conditions).toEqual([{ startLineNumber: 2, endLineNumber: 2, startColumn: 3, endColumn: 6, message: "unexpected }", code: "rego_parse_error", severity: "error" }]);
    expect(sorted.scope).toEqual([]);
    expect(sorted.other).toHaveLength(1);
  });
  it("keeps a warning a warning", () => {
    const sorted = sortProblems(
      [{ code: "unknown_input_field", severity: "warning", message: "no field", file: "policies/x.ocl", line: 9, column: 5, module: "scope", moduleLine: 1, moduleColumn: 1 }],
      { scope: "input.Nope", conditions: "" },
    );
    expect(sorted.scope).toMatchObject([{ severity: "warning", code: "unknown_input_field" }]);
  });
  it("counts problems and warnings apart for the status line", () => {
    const problem = { code: "rego_parse_error", message: "x", file: "f", line: 1, column: 1 };
    const warning = { ...problem, code: "unknown_input_field", severity: "warning" as const };
    expect(summarizeProblems([])).toBe("No problems found.");
    expect(summarizeProblems([problem, problem])).toBe("2 problems.");
    expect(summarizeProblems([warning])).toBe("1 warning.");
    expect(summarizeProblems([problem, warning, warning])).toBe("1 problem, 2 warnings.");
  });
  it("puts a Rego error past the end of a module at its last line", () => {
    const sorted = sortProblems(
      [{ code: "rego_parse_error", message: "Rego error in the scope Rego: unexpected eof token", file: "policies/x.ocl", line: 15, column: 9, module: "ocl" }],
      { scope: "package x\nevaluate if {\n  input.x\n\n", conditions: "" },
    );
    expect(sorted.scope).toMatchObject([{ startLineNumber: 3, endLineNumber: 3, startColumn: 9, endColumn: 10 }]);
    expect(sorted.other).toEqual([]);
  });
  it("marks at least one character", () => {
    expect(markerSpan("abc", 4)).toEqual({ startColumn: 3, endColumn: 4 });
    expect(markerSpan("", 1)).toEqual({ startColumn: 1, endColumn: 2 });
  });
});

describe("language and versions", () => {
  it("has a tokenizer with the builtins", () => {
    const lang = regoMonarchLanguage(["count"]) as unknown as { keywords: string[]; builtins: string[] };
    expect(lang.keywords).toContain("contains");
    expect(lang.builtins).toEqual(["count"]);
  });
  it("computes the next version as the server publishes it: the first one only as 1.0.0", () => {
    expect(nextVersion(null, "major")).toBe("1.0.0");
    expect(nextVersion(null, "minor")).toBeNull();
    expect(nextVersion("1.2.3", "minor")).toBe("1.3.0");
    expect(nextVersion("1.2.3", "patch")).toBe("1.2.4");
    expect(nextVersion("1.2.3", "major")).toBe("2.0.0");
  });
});
