import { describe, expect, it } from "vitest";
import { compile } from "@/lib/rego";
import { fails, json } from "./testing";

const v = (value: string) => ({ type: "var", value });
const s = (value: string) => ({ type: "string", value });
const ref = (...path: string[]) => ({ type: "ref", value: [v(path[0]), ...path.slice(1).map(s)] });
const TRUE = { type: "boolean", value: true };

// OPA's JSON encoding of ast.Module (no locations), as rego.parse_module returns it.
describe("rego.parse_module", () => {
  it("encodes package, imports, default rules and bodies as OPA does", () => {
    const src = 'package example.authz\n\nimport input.user as u\n\ndefault allow := false\n\nallow if {\n  x := u.name\n  x == "admin"\n  not deny\n}\n';
    expect(json("rego.parse_module", "x.rego", src)).toEqual({
      package: { path: [v("data"), s("example"), s("authz")] },
      imports: [{ path: ref("input", "user"), alias: "u" }],
      rules: [
        { default: true, head: { name: "allow", ref: [v("allow")], value: { type: "boolean", value: false }, assign: true }, body: [{ index: 0, terms: TRUE }] },
        {
          head: { name: "allow", ref: [v("allow")], value: TRUE },
          body: [
            { index: 0, terms: [ref("assign"), v("x"), ref("u", "name")] },
            { index: 1, terms: [ref("equal"), v("x"), s("admin")] },
            { index: 2, terms: v("deny"), negated: true },
          ],
        },
      ],
    });
  });

  it("encodes partial sets, functions, ref heads, else, some-in, every, with and calls", () => {
    const src = [
      "package p",
      "deny contains msg if { some x in input.xs; msg := sprintf(\"%v\", [x]) }",
      "f(a) := a + 1",
      "a.b[k] := 1 if { k := \"z\" }",
      "r := 1 if false else := 2",
      "t if { every y in [1] { y > 0 }; count([]) == 0 with input as {} }",
    ].join("\n");
    const [deny, f, ab, r, t] = (json("rego.parse_module", "p.rego", src) as { rules: Record<string, unknown>[] }).rules;
    expect(deny.head).toEqual({ name: "deny", ref: [v("deny")], key: v("msg") });
    expect((deny.body as unknown[])[0]).toEqual({
      index: 0,
      terms: { symbols: [{ type: "call", value: [ref("internal", "member_2"), v("x"), ref("input", "xs")] }] },
    });
    expect(f.head).toEqual({ name: "f", ref: [v("f")], args: [v("a")], value: { type: "call", value: [ref("plus"), v("a"), { type: "number", value: 1 }] }, assign: true });
    expect(ab.head).toEqual({ ref: [v("a"), s("b"), v("k")], key: v("k"), value: { type: "number", value: 1 }, assign: true });
    expect(r.else).toEqual({ head: { name: "r", ref: [v("r")], value: { type: "number", value: 2 }, assign: true }, body: [{ index: 0, terms: TRUE }] });
    const tb = t.body as Record<string, unknown>[];
    expect(tb[0].terms).toMatchObject({ key: null, value: v("y"), domain: { type: "array", value: [{ type: "number", value: 1 }] } });
    expect(tb[1].with).toEqual([{ target: ref("input"), value: { type: "object", value: [] } }]);
  });

  it("reports parse errors with the file name", () => {
    expect(fails("rego.parse_module", "bad.rego", "package")).toMatch(/^eval_builtin_error: bad\.rego:1: rego_parse_error: /);
  });

  it("is usable from a policy, e.g. to check a module's package", () => {
    const r = compile([{ file: "t.rego", source: 'package t\npkg := concat(".", [p.value | some p in rego.parse_module("m.rego", input.src).package.path; p.type == "string"])' }]);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.policy.evalRule("data.t.pkg", { input: { src: "package a.b\n" }, data: {} })).toEqual({ ok: true, defined: true, value: "a.b" });
  });
});
