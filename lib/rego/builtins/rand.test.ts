import { describe, expect, it } from "vitest";
import { compile } from "@/lib/rego";
import { fails } from "./testing";

const evalQuery = (query: string) => {
  const r = compile([{ file: "t.rego", source: "package t" }]);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.policy.query(query, { input: {}, data: {} });
};

describe("rand.intn", () => {
  it("draws in [0, |n|) and repeats the draw for the same arguments within one query", () => {
    const seen = new Set<number>();
    for (let i = 0; i < 30; i++) {
      const q = evalQuery('a := rand.intn("k", 1000); b := rand.intn("k", 1000); c := rand.intn("k", -1000)');
      if (!q.ok) throw new Error(JSON.stringify(q.error));
      const { a, b, c } = q.results[0].bindings as { a: number; b: number; c: number };
      expect(a).toBe(b);
      expect(c).toBe(a); // |n| is the bound and the cache key, as in OPA
      expect(Number.isInteger(a) && a >= 0 && a < 1000).toBe(true);
      seen.add(a);
    }
    expect(seen.size).toBeGreaterThan(1); // a new query draws again
  });

  it("is 0 for n = 0 and rejects non-integers", () => {
    const q = evalQuery('x := rand.intn("k", 0)');
    expect(q.ok && q.results[0].bindings.x).toBe(0);
    expect(fails("rand.intn", "k", 1.5)).toBe("eval_type_error: operand 2 must be integer number but got floating-point number");
    expect(fails("rand.intn", 1, 1)).toBe("eval_type_error: operand 1 must be string but got number");
  });
});
