import { describe, expect, it } from "vitest";
import { compile } from "@/lib/rego";

/** Builtins given a decimal literal that no double holds (kept exact by the engine) still answer. */
function evalExpr(expr: string): unknown {
  const r = compile([{ file: "t.rego", source: `package t\nx := ${expr}` }]);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join("; "));
  const v = r.policy.evalRule("data.t.x", { input: {} });
  if (!v.ok) throw new Error(v.error.message);
  return v.defined ? v.value : undefined;
}

describe("exact decimals in builtins", () => {
  it("json.marshal writes the literal's digits", () => {
    expect(evalExpr("json.marshal([1e-400, 0.1000000000000000001])")).toBe("[1e-400,0.1000000000000000001]");
  });
  it("yaml.marshal writes the nearest double", () => {
    expect(evalExpr("yaml.marshal({\"a\": 0.1000000000000000001})")).toBe("a: 0.1\n");
  });
  it("sum and to_number accept them", () => {
    expect(evalExpr("sum([0.1000000000000000001, 1])")).toBeCloseTo(1.1, 12);
    expect(evalExpr("to_number(1e-400) == 1e-400")).toBe(true);
  });
});
