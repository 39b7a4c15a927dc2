import { describe, expect, it } from "vitest";
import { RegoFailure } from "../errors";
import { parseModule, parseQuery, parseTerm } from "./index";

function parseError(src: string) {
  try {
    parseModule(src, "p.rego");
  } catch (e) {
    if (e instanceof RegoFailure) return e.error;
    throw e;
  }
  throw new Error("expected a parse error");
}

describe("parser", () => {
  it("parses rule kinds with locations", () => {
    const m = parseModule(
      [
        "package a.b",
        "import rego.v1",
        "default allow := false",
        "allow if input.x == 1",
        "s contains x if { some x in input.xs }",
        "o[k] := v if { some k, v in input.o }",
        "p.q.r := 1",
        "f(x) := y if { y := x + 1 } else := 0",
      ].join("\n"),
      "m.rego",
    );
    expect(m.rules).toHaveLength(6);
    expect(m.rules[0]).toMatchObject({ isDefault: true, loc: { file: "m.rego", row: 3, col: 1 } });
    expect(m.rules[2].contains?.type).toBe("var");
    expect(m.rules[3].ref.type).toBe("ref");
    expect(m.rules[5].args).toHaveLength(1);
    expect(m.rules[5].elses).toHaveLength(1);
    expect(m.imports[0].path).toMatchObject({ type: "ref" });
  });

  it("gives infix operators OPA's precedence", () => {
    const t = parseTerm("1 + 2 * 3 == 7");
    expect(t).toMatchObject({
      type: "call",
      infix: "==",
      args: [{ type: "call", infix: "+", args: [{ value: 1 }, { type: "call", infix: "*" }] }, { value: 7 }],
    });
    const m = parseTerm("x in {1} | {2}");
    expect(m).toMatchObject({ type: "member", coll: { type: "call", infix: "|" } });
  });

  it("parses comprehensions, every, some-in and with", () => {
    const q = parseQuery('x := [y | some y in input.ys; y > 1]\nevery k, v in {"a": 1} { v > 0 }\nnot p with input as {}');
    expect(q.map((e) => e.type)).toEqual(["assign", "every", "not"]);
    expect(q[2].with).toHaveLength(1);
    expect(q[0].text).toBe("x := [y | some y in input.ys; y > 1]");
  });

  it("accepts the alpha `evaluate := true if` and current `evaluate if` forms", () => {
    expect(parseModule("package p\nevaluate := true if {\n  input.a\n}", "a.rego").rules[0].value).toMatchObject({ value: true });
    expect(parseModule("package p\nevaluate if {\n  input.a\n}", "a.rego").rules[0].value).toBeUndefined();
  });

  it("points parse errors at the offending token", () => {
    expect(parseError("package p\n\nallow if {\n  x := \n}")).toMatchObject({ code: "rego_parse_error", location: { file: "p.rego", row: 5, col: 1 } });
    expect(parseError("package p\nallow { true }")).toMatchObject({ message: "`if` keyword is required before rule body", location: { row: 2, col: 7 } });
    expect(parseError("p := 1")).toMatchObject({ message: "package expected", location: { row: 1, col: 1 } });
    expect(parseError("package p\nq := [1, 2")).toMatchObject({ location: { row: 2, col: 11 } });
  });
});

describe("v0 dialect", () => {
  it("parses pre-v1 rules per module: bodies without if, partial sets, future keywords on import", () => {
    const m = parseModule("package p\nallow { input.x }\ns[x] { x := 1 }\no[k] = v { k := 1; v := 2 }\nf(x) = y { y := x }", "old.rego", "v0");
    expect(m.rules.map((r) => [r.ref.type, !!r.contains, !!r.value, !!r.args])).toEqual([
      ["var", false, false, false],
      ["var", true, false, false],
      ["ref", false, true, false],
      ["var", false, true, true],
    ]);
    expect(() => parseModule("package p\nimport future.keywords.if\nallow if { true }", "a.rego", "v0")).not.toThrow();
    // without the import, `if` is an ordinary name in v0
    expect(() => parseModule("package p\nallow if { true }", "a.rego", "v0")).toThrow();
  });
});

describe("a reference ending a line with a dot", () => {
  it("reports the parse error at the stray dot, not on the line it joined", () => {
    const e = parseError('package p\n\nallow if {\n  input.Environment.Name == "Production".\n  not input.x\n}\n');
    expect(e.location).toMatchObject({ row: 4, col: 41 });
    expect(e.message).toContain('the "." ending line 4');
  });
  it("keeps other errors where they are", () => {
    expect(parseError("package p\n\nallow if {\n  input.a.b\n  x := := 1\n}\n").location).toMatchObject({ row: 5, col: 8 });
  });
});
