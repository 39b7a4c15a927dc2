import { describe, expect, it } from "vitest";
import { compile } from "../index";

const POLICY = `package loops
deep if {
  some x in numbers.range(1, 1000)
  some y in numbers.range(1, 1000)
  x + y < 0
}
names := [n | some i in numbers.range(1, 100000); n := sprintf("%d", [i])]
spin(n) := count([x | some x in numbers.range(1, n)])
calls if spin(1e9) > 0
each if {
  every i in numbers.range(1, 100000) { i > 0 }
}
`;

function limitMessage(rule: string, maxSteps: number): string {
  const compiled = compile([{ file: "loops.rego", source: POLICY }]);
  if (!compiled.ok) throw new Error(compiled.errors.map((e) => e.message).join("\n"));
  const r = compiled.policy.evalRule(`data.loops.${rule}`, { limits: { maxSteps, timeoutMs: Infinity } });
  if (r.ok) throw new Error(`${rule} did not hit the limit`);
  expect(r.error.code).toBe("eval_limit_error");
  return r.error.message;
}

describe("a limit's message names what was looping", () => {
  it("names the rule of a loop in its body", () => {
    expect(limitMessage("deep", 20_000)).toMatch(/^evaluation exceeded the step limit of 20000\b.* in the rule deep \(loops\.rego:2:1\)$/);
  });

  it("names a comprehension in a rule's head, where its body starts, and the rule", () => {
    expect(limitMessage("names", 150_000)).toBe(
      "evaluation exceeded the step limit of 150000 in the array comprehension at loops.rego:7:15 of the rule names (loops.rego:7:1)",
    );
  });

  it("names the function a charging builtin runs in, not only the builtin", () => {
    expect(limitMessage("calls", 10_000_000)).toBe(
      "evaluation exceeded the step limit of 10000000 (numbers.range of 1000000000 numbers) in the array comprehension at loops.rego:8:23 of the function spin (loops.rego:8:1)",
    );
  });

  it("names an every", () => {
    expect(limitMessage("each", 120_000)).toBe("evaluation exceeded the step limit of 120000 in the every at loops.rego:11:3 of the rule each (loops.rego:10:1)");
  });
});
