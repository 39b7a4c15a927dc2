import { describe, expect, it } from "vitest";
import { outlineRego, withPackage } from "./rego-outline";

describe("outlineRego", () => {
  it("finds the package and rule names, ignoring comments, strings and rule bodies", () => {
    const source = [
      "# package commented_out",
      "package  my_policy # trailing",
      "import rego.v1",
      "default evaluate := false",
      "evaluate if {",
      '    x := "package nope\\" result"',
      "    helper_in_body",
      "}",
      "result := {",
      '  "allowed": true,',
      "} if {",
      "  `raw",
      "notarule`",
      "} else := {}",
      "deny contains msg if { msg := 1 }",
    ].join("\n");
    const outline = outlineRego(source);
    expect(outline.package).toEqual({ name: "my_policy", length: 9, row: 2, col: 10 });
    expect([...outline.rules.keys()]).toEqual(["evaluate", "result", "deny"]);
    expect(outline.rules.get("evaluate")).toEqual([
      { row: 4, col: 9, value: "boolean" },
      { row: 5, col: 1, value: "boolean" },
    ]);
    expect(outline.rules.get("result")).toEqual([{ row: 9, col: 1, value: "object" }]);
    expect(outline.rules.get("deny")).toEqual([{ row: 15, col: 1, value: "set" }]);
  });

  it("reads dotted packages and reports a module without one", () => {
    expect(outlineRego("package a.b . c\n").package?.name).toBe("a.b.c");
    expect(outlineRego("evaluate := true\n")).toEqual({ package: null, rules: new Map([["evaluate", [{ row: 1, col: 1, value: "boolean" }]]]) });
  });

  it.each([
    ["r := true if x", "boolean"],
    ["r = false", "boolean"],
    ["r if { x }", "boolean"],
    ["r := \"yes\"", "string"],
    ["r := `raw`", "string"],
    ["r := -1.5", "number"],
    ["r := null", "null"],
    ["r := [1]", "array"],
    ["r := {\"allowed\": true} # note", "object"],
    ["r contains x if { x := 1 }", "set"],
    ["r(x) := x", "function"],
    ["r[k] := v if { k := 1; v := 2 }", "unknown"],
    ["r := data.other.value", "unknown"],
  ])("classifies the head %j as %s", (source, kind) => {
    expect(outlineRego(source).rules.get("r")?.[0].value).toBe(kind);
  });
});

describe("withPackage", () => {
  it("renames the package in place, keeping the rest of the line", () => {
    expect(withPackage("# c\npackage old.name # keep\nx := 1\n", "new_slug")).toBe("# c\npackage new_slug # keep\nx := 1\n");
  });

  it("adds a package when there is none", () => {
    expect(withPackage("x := 1\n", "p")).toBe("package p\n\nx := 1\n");
  });
});
