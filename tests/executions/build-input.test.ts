import { describe, expect, it } from "vitest";
import { workerConfigFromEnv } from "@/lib/executions/config";
import { BUILT_IN_FEED_ID, type FeedInfo } from "@/lib/executions/input/feeds";
import { buildPolicyInput } from "@/lib/executions/input/build-input";
import type { ExecutionContext } from "@/lib/executions/load-execution";
import { validatePolicyInput } from "@/lib/policy-input/validate";

const FIRST = "7c9e6679-7425-40de-944b-e07fc1f90ae7";
const SECOND = "a8098c1a-f86e-11da-bd1a-00112444be1e";

const step = (id: string, startTrigger: "StartAfterPrevious" | "StartWithPrevious" = "StartAfterPrevious", feedId = BUILT_IN_FEED_ID) => ({
  id, slug: id.slice(0, 4), name: id, actionType: "Octopus.Script", enabled: true, isRequired: false, startTrigger,
  source: { type: "Step" as const, slugOrId: id.slice(0, 4) }, packages: [{ name: "", packageId: "pkg", feedId }],
});

const registry: FeedInfo = { id: "Feeds-1", name: "Registry", slug: "registry", type: "Docker", uri: "https://registry.example.com", source: "Platform Hub" };
const feeds = new Map<string, FeedInfo>([
  [BUILT_IN_FEED_ID, { id: BUILT_IN_FEED_ID, name: "Built-in", slug: "built-in", type: "BuiltIn", source: "Space" }],
  [registry.id, registry],
]);

const context = (steps: ExecutionContext["steps"], extra: Partial<ExecutionContext> = {}): ExecutionContext => ({
  taskId: "ServerTasks-1", kind: "Deploy", executionId: "Deployments-1", name: "Deploy",
  space: { id: "Spaces-1", name: "Default", slug: "default" },
  projectGroup: { id: "ProjectGroups-1", name: "Group", slug: "group" },
  project: { id: "Projects-1", name: "P", slug: "p", tags: [] },
  environment: { id: "Environments-1", name: "E", slug: "e", tags: [] },
  steps, skippedStepIds: [], startedBy: null, feeds, requiresApproval: false,
  release: { id: "Releases-1", version: "1.0.0", packages: [{ stepId: SECOND, name: "", packageId: "pkg", version: "1.0.0" }] },
  ...extra,
});

describe("building the input", () => {
  it("starts the first phase after previous even when its step says otherwise", () => {
    const input = buildPolicyInput(context([{ ...step(FIRST, "StartWithPrevious"), children: [] }, { ...step(SECOND, "StartWithPrevious"), children: [] }]));
    expect(input.Execution.map((e) => e.StartTrigger)).toEqual(["StartAfterPrevious", "StartWithPrevious"]);
  });

  it("leaves out GitRef when the package has no build information, and Packages on steps without any", () => {
    const input = buildPolicyInput(context([{ ...step(FIRST), children: [] }, { ...step(SECOND), children: [] }]));
    expect(input.Steps[0]).not.toHaveProperty("Packages");
    expect(input.Steps[1].Packages).toEqual([{ Id: "pkg", Name: "", Version: "1.0.0", Feed: { Id: BUILT_IN_FEED_ID, Name: "Built-in", Slug: "built-in", Type: "BuiltIn", Source: "Space" } }]);
    expect(input.Release).toEqual({ Id: "Releases-1", Name: "1.0.0", Version: "1.0.0" });
    expect(validatePolicyInput(input)).toEqual({ ok: true });
  });

  it("names each package's feed with its source, marks conditional steps and says whether approval is required", () => {
    const input = buildPolicyInput(
      context([{ ...step(FIRST), runCondition: "#{Octopus.Deployment.Error}", children: [] }, { ...step(SECOND, "StartAfterPrevious", registry.id), children: [] }], {
        requiresApproval: true,
        project: { id: "Projects-1", name: "P", slug: "p", tags: [], template: { slug: "web-service", version: "1.2.0" } },
      }),
    );
    expect(input.Steps.map((s) => s.IsConditional)).toEqual([true, false]);
    expect(input.Steps[1].Packages?.[0].Feed).toEqual({ Id: "Feeds-1", Name: "Registry", Slug: "registry", Type: "Docker", Uri: "https://registry.example.com", Source: "Platform Hub" });
    expect(input.RequiresApproval).toBe(true);
    expect(input.Project.Template).toEqual({ Slug: "web-service", Version: "1.2.0" });
    expect(validatePolicyInput(input)).toEqual({ ok: true });
  });

  it("fails rather than invent a feed the package reference does not name", () => {
    expect(() => buildPolicyInput(context([{ ...step(SECOND, "StartAfterPrevious", "Feeds-99"), children: [] }]))).toThrow(/no known feed \(Feeds-99\)/);
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
    expect(workerConfigFromEnv({})).toEqual({ enabled: true, concurrency: 4, pollIntervalMs: 1000, stepDelayMs: 1000, shutdownGraceMs: 30_000 });
    expect(workerConfigFromEnv({
      POLICY_HUB_WORKER: "OFF", POLICY_HUB_WORKER_CONCURRENCY: "0", POLICY_HUB_STEP_DELAY_MS: "0", POLICY_HUB_WORKER_POLL_MS: "x", POLICY_HUB_SHUTDOWN_GRACE_MS: "-1",
    })).toEqual({ enabled: false, concurrency: 4, pollIntervalMs: 1000, stepDelayMs: 0, shutdownGraceMs: 30_000 });
    expect(workerConfigFromEnv({ POLICY_HUB_SHUTDOWN_GRACE_MS: "0" }).shutdownGraceMs).toBe(0);
  });
});
