import { describe, expect, it } from "vitest";
import { fails, json, o, s } from "./testing";

const render = (src: string, vars: Record<string, unknown>) => json("strings.render_template", src, o(vars));

// Examples from OPA's policy reference (strings.render_template) and Go's text/template rules.
describe("strings.render_template", () => {
  it("substitutes fields, as OPA's documented example", () => {
    expect(render("{{.test}}", { test: "foo" })).toBe("foo");
    expect(render("Hello {{.user.name}}!", { user: { name: "Ada" } })).toBe("Hello Ada!");
  });

  it("ranges with index and value, and branches with if / else if / else", () => {
    expect(render("{{range $i, $name := .hellonames}}{{if $i}},{{end}}hello {{$name}}{{end}}", { hellonames: ["rego", "opa"] })).toBe(
      "hello rego,hello opa",
    );
    const tier = "{{if eq .t \"gold\"}}G{{else if eq .t \"silver\"}}S{{else}}-{{end}}";
    expect(render(tier, { t: "gold" })).toBe("G");
    expect(render(tier, { t: "silver" })).toBe("S");
    expect(render(tier, { t: "x" })).toBe("-");
    expect(render("{{range .m}}{{.}};{{end}}", { m: { b: 2, a: 1 } })).toBe("1;2;");
    expect(render("{{range .xs}}x{{else}}none{{end}}", { xs: [] })).toBe("none");
    expect(render("{{with .u}}{{.name}}{{end}}", { u: { name: "n" } })).toBe("n");
  });

  it("trims around {{- -}}, drops comments, prints values as Go", () => {
    expect(render("a  {{- .x -}}  b{{/* note */}}", { x: "X" })).toBe("aXb");
    expect(render("{{.xs}} {{.m}} {{.n}} {{.z}}", { xs: [1, "a"], m: { k: true }, n: 1.5, z: null })).toBe("[1 a] map[k:true] 1.5 <no value>");
    expect(json("strings.render_template", "{{.s}}", o({ s: s("b", "a") }))).toBe("[a b]");
    expect(render('{{len .xs}} {{index .xs 1}} {{printf "%s-%d" .a 7}} {{.a | printf "%q"}}', { xs: [1, 2], a: "v" })).toBe('2 2 v-7 "v"');
  });

  it("numbers are JSON numbers, always true in if (OPA round-trips the variables through JSON)", () => {
    expect(render("{{if .n}}yes{{end}}", { n: 0 })).toBe("yes");
    expect(render("{{if .f}}yes{{else}}no{{end}}", { f: false })).toBe("no");
  });

  it("a missing key is an error, as OPA sets missingkey=error", () => {
    expect(fails("strings.render_template", "{{.missing}}", o({}))).toMatch(/map has no entry for key "missing"/);
    expect(fails("strings.render_template", "{{if .a}}", o({ a: 1 }))).toMatch(/unexpected EOF/);
    expect(fails("strings.render_template", "{{nope .a}}", o({ a: 1 }))).toMatch(/function "nope" not defined/);
  });
});

describe("internal.template_string", () => {
  it("joins the parts as print does: strings raw, values as Rego, <undefined>", () => {
    expect(json("internal.template_string", [s("x = "), s(1), s(", s = "), s(s("a")), s(), s(o({ k: "v" }))])).toBe(
      'x = 1, s = {"a"}<undefined>{"k": "v"}',
    );
    expect(fails("internal.template_string", [s(1, 2)])).toBe("eval_builtin_error: template-strings must not produce multiple outputs");
    expect(fails("internal.template_string", ["raw"])).toBe("eval_builtin_error: illegal argument type: string");
  });
});
