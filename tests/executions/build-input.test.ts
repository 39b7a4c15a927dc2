import { describe, expect, it } from "vitest";
import { workerConfigFromEnv } from "@/lib/executions/config";
import { buildPolicyInput } from "@/lib/executions/input/build-input";
import type { ExecutionContext } from "@/lib/executions/load-execution";
import { validatePolicyInput } from "@/lib/policy-input/validate";

const step = (id: string, startTrigger: "StartAfterPrevious" | "StartWithPrevious" = "StartAfterPrevious") => ({
  id, slug: id.toLowerCase(), name: id, actionType: "Octopus.Script", enabled: true, isRequired: false, startTrigger,
  source: { type: "Step" as const, slugOrId: id.toLowerCase() }, packages: [],
});

const context = (steps: ExecutionContext["steps"]): ExecutionContext => ({
  taskId: "ServerTasks-1", kind: "Deploy", executionId: "Deployments-1", name: "Deploy",
  space: { id: "Spaces-1", name: "Default", slug: "default" },
  projectGroup: { id: "ProjectGroups-1", name: "Group", slug: "group" },
  project: { id: "Projects-1", name: "P", slug: "p", tags: [] },
  environment: { id: "Environments-1", name: "E", slug: "e", tags: [] },
  steps, skippedStepIds: [], startedBy: null,
  release: { id: "Releases-1", version: "1.0.0", packages: [{ stepId: "Steps-2", name: "", packageId: "pkg", version: "1.0.0" }] },
});

describe("building the input", () => {
  it("starts the first phase after previous even when its step says otherwise", () => {
    const input = buildPolicyInput(context([{ ...step("Steps-1", "StartWithPrevious"), children: [] }, { ...step("Steps-2", "StartWithPrevious"), children: [] }]));
    expect(input.Execution.map((e) => e.StartTrigger)).toEqual(["StartAfterPrevious", "StartWithPrevious"]);
  });

  it("leaves out GitRef when the package has no build information, and Packages on steps without any", () => {
    const input = buildPolicyInput(context([{ ...step("Steps-1"), children: [] }, { ...step("Steps-2"), children: [] }]));
    expect(input.Steps[0]).not.toHaveProperty("Packages");
    expect(input.Steps[1].Packages).toEqual([{ Id: "pkg", Name: "", Version: "1.0.0" }]);
    expect(input.Release).toEqual({ Id: "Releases-1", Name: "1.0.0", Version: "1.0.0" });
    expect(validatePolicyInput(input)).toEqual({ ok: true });
  });

  it("handles an empty process", () => {
    const input = buildPolicyInput(context([]));
    expect(input.Steps).toEqual([]);
    expect(input.Execution).toEqual([]);
    expect(validatePolicyInput(input)).toEqual({ ok: true });
  });
});

describe("worker settings", () => {
  it("reads the environment and falls back on unusable values", () => {
    expect(workerConfigFromEnv({})).toEqual({ enabled: true, concurrency: 4, pollIntervalMs: 1000, stepDelayMs: 1000 });
    expect(workerConfigFromEnv({ POLICY_HUB_WORKER: "OFF", POLICY_HUB_WORKER_CONCURRENCY: "0", POLICY_HUB_STEP_DELAY_MS: "0", POLICY_HUB_WORKER_POLL_MS: "x" })).toEqual({
      enabled: false, concurrency: 4, pollIntervalMs: 1000, stepDelayMs: 0,
    });
  });
});
