import { describe, expect, it } from "vitest";
import { compile } from "../index";

function q(src: string, query: string, input?: unknown) {
  const r = compile([{ file: "r.rego", source: src }]);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  const out = r.policy.query(query, { input });
  if (!out.ok) throw new Error(JSON.stringify(out.error));
  return out.results.map((x) => x.bindings);
}

describe("rule kinds", () => {
  const src = `package t
s contains x if { some x in input.xs }
o[k] := v if { some k, v in input.o }
a.b.c := 1
a.b[k] := 2 if { some k in ["d", "e"] }
g.h contains "m"
deep[x][y] := true if { some x in ["p"]; some y in ["q", "r"] }
f(x) := 1 if x < 0
f(x) := 2 if x > 0
default f(_) := 0`;
  const input = { xs: [3, 1, 3], o: { z: 1, y: 2 } };

  it("builds sets, objects and multi-level ref heads", () => {
    expect(q(src, "x := data.t.s", input)).toEqual([{ x: [1, 3] }]);
    expect(q(src, "x := data.t.o", input)).toEqual([{ x: { y: 2, z: 1 } }]);
    expect(q(src, "x := data.t.a", input)).toEqual([{ x: { b: { c: 1, d: 2, e: 2 } } }]);
    expect(q(src, "x := data.t.g", input)).toEqual([{ x: { h: ["m"] } }]);
    expect(q(src, "x := data.t.deep", input)).toEqual([{ x: { p: { q: true, r: true } } }]);
  });

  it("looks up one key of a partial rule and iterates the others", () => {
    expect(q(src, 'data.t.o["y"] = v', input)).toEqual([{ v: 2 }]);
    expect(q(src, 'data.t.o["nope"] = v', input)).toEqual([]);
    expect(q(src, "data.t.s[x]", input)).toEqual([{ x: 1 }, { x: 3 }]);
    expect(q(src, "data.t.a.b[k] = v", input)).toEqual([
      { k: "c", v: 1 },
      { k: "d", v: 2 },
      { k: "e", v: 2 },
    ]);
  });

  it("calls functions with several definitions and a default", () => {
    expect(q(src, "a := data.t.f(-5); b := data.t.f(5); c := data.t.f(0)")).toEqual([{ a: 1, b: 2, c: 0 }]);
  });

  it("omits functions from package documents", () => {
    expect(q("package t\nf(x) := x\np := 1", "x := data.t")).toEqual([{ x: { p: 1 } }]);
  });

  it("uses else chains in order and the default when no body succeeds", () => {
    const e = `package t
default p := "none"
p := "big" if input.n > 10 else := "small" if input.n > 0`;
    expect(q(e, "x := data.t.p", { n: 50 })).toEqual([{ x: "big" }]);
    expect(q(e, "x := data.t.p", { n: 5 })).toEqual([{ x: "small" }]);
    expect(q(e, "x := data.t.p", { n: -1 })).toEqual([{ x: "none" }]);
  });

  it("evaluates every, some-in and not with OPA's scoping", () => {
    const e = `package t
all_pos if every x in input.xs { x > 0 }
has_two if { some i, x in input.xs; x == 2; i >= 0 }
none_neg if not any_neg
any_neg if { some x in input.xs; x < 0 }`;
    expect(q(e, "a := data.t.all_pos; b := data.t.has_two; c := data.t.none_neg", { xs: [1, 2] })).toEqual([{ a: true, b: true, c: true }]);
    expect(q(e, "x := data.t", { xs: [-1] })).toEqual([{ x: { any_neg: true } }]);
  });

  it("indexes many rules on an input equality and still honours the others", () => {
    const rules = Array.from({ length: 20 }, (_, i) => `kind := ${i} if input.kind == "k${i}"`).join("\n");
    const e = `package t\n${rules}\nkind := 100 if { input.kind == "k100"; true }\nset contains x if { input.kind == "k3"; x := 3 }\nset contains 4 if true`;
    expect(q(e, "x := data.t.kind", { kind: "k7" })).toEqual([{ x: 7 }]);
    expect(q(e, "x := data.t.kind", { kind: "k100" })).toEqual([{ x: 100 }]);
    expect(q(e, "x := data.t.kind", { kind: "nope" })).toEqual([]);
    expect(q(e, "x := data.t.kind", {})).toEqual([]);
    expect(q(e, "x := data.t.kind with input.kind as \"k2\"", { kind: "k7" })).toEqual([{ x: 2 }]);
    expect(q(e, "x := data.t.set", { kind: "k3" })).toEqual([{ x: [3, 4] }]);
  });

  it("answers membership in a partial set without building it, whatever the member term", () => {
    const e = `package t
names contains s.name if { some s in input.items; s.on }
pairs contains [a, b] if { some a in input.xs; some b in input.xs; a < b }
plain contains x if { some x in input.xs; x > 1 }`;
    const input = { items: [{ name: "a", on: true }, { name: "b", on: false }], xs: [1, 2, 3] };
    expect(q(e, 'data.t.names["a"]; x := true', input)).toEqual([{ x: true }]);
    expect(q(e, 'data.t.names["b"]; x := true', input)).toEqual([]);
    expect(q(e, "data.t.pairs[[1, 3]]; x := true", input)).toEqual([{ x: true }]);
    expect(q(e, "data.t.pairs[[3, 1]]; x := true", input)).toEqual([]);
    expect(q(e, "y := 2; data.t.plain[y]; x := true", input)).toEqual([{ y: 2, x: true }]);
    expect(q(e, "y := 1; data.t.plain[y]; x := true", input)).toEqual([]);
  });
});
