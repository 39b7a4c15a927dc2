import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readPolicyFile } from "@/lib/policies/read";
import { compile, type RegoError } from "../index";

function errors(source: string): RegoError[] {
  const r = compile([{ file: "t.rego", source }]);
  return r.ok ? [] : r.errors;
}

function typeErrors(body: string): RegoError[] {
  return errors(`package t\n${body}`).filter((e) => e.code === "rego_type_error");
}

describe("compile-time type checks of builtin calls", () => {
  it("reports a constant argument of the wrong type with OPA's wording and the call's location", () => {
    expect(errors('package t\np if {\n  startswith(1, "a")\n}')).toEqual([
      {
        code: "rego_type_error",
        message: "startswith: invalid argument(s): have (number, string), want (string, string)",
        location: { file: "t.rego", row: 3, col: 3 },
      },
    ]);
  });

  it("checks count(1, 2) (an output argument) and reports arity separately", () => {
    const [e] = typeErrors("p if count(1, 2)");
    expect(e).toMatchObject({ code: "rego_type_error", location: { row: 2, col: 6 } });
    expect(e.message).toMatch(/^count: invalid argument\(s\): have \(number\), want \(any<.*array.*>\)$/);
    expect(typeErrors("p if count(1, 2, 3)")[0].message).toBe("count: arity mismatch: have 3 arguments, want 1");
  });

  it("knows the types of literals, comprehensions and builtin results", () => {
    expect(typeErrors('p := upper([x | some x in input])')[0].message).toMatch(/^upper: invalid argument\(s\): have \(array\)/);
    expect(typeErrors('p := lower({"a": 1})')).toHaveLength(1);
    expect(typeErrors('p := startswith(count(input), "a")')[0].message).toMatch(/^startswith: .*have \(number, string\)/);
    expect(typeErrors('p := 1 + "a"')[0].message).toMatch(/^plus: invalid argument\(s\): have \(number, string\)/);
    expect(typeErrors('p := sum(["a", "b"])')[0].message).toMatch(/have \(array\[string\]\)/);
    expect(typeErrors('p := concat(",", [1, 2])')).toHaveLength(1);
    expect(typeErrors("p := to_number([1])")).toHaveLength(1);
    expect(typeErrors('p := sprintf("%v", "not an array")')).toHaveLength(1);
  });

  it("follows local variables assigned a known type at their first occurrence", () => {
    expect(typeErrors('p if {\n  x := 1\n  startswith(x, "a")\n}')[0]).toMatchObject({ location: { row: 4, col: 3 } });
    expect(typeErrors('p if {\n  n := count(input.xs)\n  y := upper(n)\n}')).toHaveLength(1);
    expect(typeErrors('f(a) := b if {\n  b := 1\n  lower(b)\n}')).toHaveLength(1);
  });

  it("checks every body: else clauses, functions, comprehensions, every, not, defaults", () => {
    expect(typeErrors('p := 1 if { input.x } else := 2 if { lower(3) }')).toHaveLength(1);
    expect(typeErrors('p := [y | some x in input; y := upper(1)]')).toHaveLength(1);
    expect(typeErrors('p if every x in input { trim(x, 1) }')).toHaveLength(1);
    expect(typeErrors('p if not endswith(2, "x")')).toHaveLength(1);
    expect(typeErrors("default p := [y | y := abs(\"x\")]")).toHaveLength(1);
    expect(typeErrors('p := {k: upper(1) | some k in input}')).toHaveLength(1);
    // several errors are all reported
    expect(typeErrors('p if { upper(1); lower(2) }')).toHaveLength(2);
  });

  it("never flags what it cannot know", () => {
    const ok = [
      'p if startswith(input.x, "a")',
      'p if { x := input.x; startswith(x, "a") }',
      'v := 1\np if startswith(v, "a")', // rule values are not inferred
      'p if { some x in ["a", 1]; startswith(x, "a") }', // iteration
      'p if { x := input.x; x = 1; startswith(x, "a") }', // x first bound by input.x
      "p if { {1} - 1 }", // each argument alone is allowed: minus takes numbers or sets
      'p if { count(1) with count as mock }\nmock(_) := 1', // a mock may take anything
      'p := json.marshal_with_options(input, {"indent": "  ", "other": 1})',
      'p := json.patch(input, [{"op": "add", "path": "/a", "value": 1}])',
      'p := object.get({"a": 1}, ["a"], 0)',
      "p := is_string(1)",
      'f(x) := upper(x)\np := f(1)', // user functions are not inferred
      'p := numbers.range(3.14, 4)',
      'p := format_int(4.1, 199)',
      'p := strings.replace_n({2: "x" | true}, "foo")',
      'p := array.concat([1, 2], input.b)',
      'p if { x := [1]; x[0] == 1 }',
      'p := time.add_date(0, 0, 0, 1)',
      'p := sort({3, 1})',
      'p := glob.match("*", null, "a")',
      "p := sum({1, 2.5})",
      'p if { walk(input, [p, v]); startswith(v, "a") }',
    ];
    for (const src of ok) expect(typeErrors(src), src).toEqual([]);
    // deprecated casts are v0-only; there they take anything
    expect(compile([{ file: "t.rego", source: 'package t\np := cast_set("hello")', regoVersion: "v0" }]).ok).toBe(true);
  });

  it("accepts every starter policy", () => {
    const dir = path.join(process.cwd(), "policies");
    for (const file of readdirSync(dir).filter((f) => f.endsWith(".ocl"))) {
      const read = readPolicyFile(file, readFileSync(path.join(dir, file), "utf8"));
      const modules = Object.entries(read.modules).map(([block, m]) => ({ file: `${block}.rego`, source: m!.value.value }));
      const r = compile(modules);
      expect(r.ok ? [] : r.errors, file).toEqual([]);
    }
  });
});
