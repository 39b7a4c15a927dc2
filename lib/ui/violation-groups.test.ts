import { describe, expect, it } from "vitest";
import { groupViolations } from "./violation-groups";

describe("groupViolations", () => {
  it("gives one line per policy and outcome, worst outcome first, each execution and reason once", () => {
    const groups = groupViolations([
      { taskId: "t1", name: "Deploy 1.0 to Production", violations: [{ policyName: "B", policySlug: "b", outcome: "warn", reason: "r1" }, { policyName: "A", policySlug: "a", outcome: "block", reason: "no" }] },
      { taskId: "t2", name: "Deploy 1.0 to Staging", violations: [{ policyName: "B", policySlug: "b", outcome: "warn", reason: "r1" }, { policyName: "C", policySlug: "c", outcome: "error", reason: null }] },
    ]);
    expect(groups.map((g) => g.outcome)).toEqual(["block", "error", "warn"]);
    expect(groups[2].policies).toEqual([{ policyName: "B", policySlug: "b", reasons: ["r1"], executions: [{ taskId: "t1", name: "Deploy 1.0 to Production" }, { taskId: "t2", name: "Deploy 1.0 to Staging" }] }]);
    expect(groups[1].policies[0].reasons).toEqual([]);
  });
});
