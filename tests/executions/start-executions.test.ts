import { describe, expect, it } from "vitest";
import { createRelease } from "@/lib/executions/create-release";
import { buildPolicyInput } from "@/lib/executions/input/build-input";
import { loadExecution } from "@/lib/executions/load-execution";
import { startDeployment } from "@/lib/executions/start-deployment";
import { startRunbookRun } from "@/lib/executions/start-runbook-run";
import { validatePolicyInput } from "@/lib/policy-input/validate";
import { actor, deployWeb, drain, taskOf, unwrap, useWorld, webRelease } from "./helpers";
import { W } from "./world";

const world = useWorld();

async function inputOf(taskId: string) {
  const ctx = await loadExecution(world.db, taskId);
  const input = buildPolicyInput(ctx!);
  expect(validatePolicyInput(input)).toEqual({ ok: true });
  return input;
}

describe("creating a release", () => {
  it("copies the process and picks package versions with the git refs of their build information", async () => {
    const release = unwrap(await createRelease(world.db, { projectId: W.web, version: "2.4.1", packages: [{ packageId: "acme-web", version: "2.4.0" }] }, actor));
    expect(release.packages).toEqual([
      { stepId: W.steps.deploy, name: "", packageId: "acme-web", version: "2.4.0", gitRef: "refs/heads/feature/x", gitCommit: "a".repeat(40) },
      // Not chosen: the latest version with build information.
      { stepId: W.steps.verify, name: "", packageId: "acme-checks", version: "1.0.7", gitRef: "refs/heads/main", gitCommit: "c".repeat(40) },
    ]);
    const row = await world.db.release.findUniqueOrThrow({ where: { id: release.id } });
    expect(JSON.parse(row.processSnapshot).map((s: { slug: string }) => s.slug)).toEqual(["approve-change", "deploy-web-app", "smoke-test", "notify-release"]);
  });

  it("refuses a duplicate version, an unknown package and an unknown project", async () => {
    await webRelease(world.db, "1.0.0");
    expect(await createRelease(world.db, { projectId: W.web, version: "1.0.0" }, actor)).toMatchObject({ ok: false, error: { code: "release_exists" } });
    expect(await createRelease(world.db, { projectId: W.web, version: "1.0.1", packages: [{ packageId: "nope", version: "1" }] }, actor)).toMatchObject({
      ok: false,
      error: { code: "unknown_package" },
    });
    expect(await createRelease(world.db, { projectId: "Projects-99", version: "1" }, actor)).toMatchObject({ ok: false, error: { code: "project_not_found" } });
    expect(await createRelease(world.db, { projectId: W.web, version: "" }, actor)).toMatchObject({ ok: false, error: { code: "invalid_request" } });
  });
});

describe("the input object of an execution", () => {
  it("describes a deployment: steps in process order, packages with git refs, phases, release, no tenant or runbook", async () => {
    const releaseId = await webRelease(world.db);
    const { taskId } = await deployWeb(world.db, { releaseId, skippedStepIds: [W.steps.smoke] });
    const input = await inputOf(taskId);

    expect(input.Steps.map((s) => s.Id)).toEqual([W.steps.approve, W.steps.deploy, W.steps.verify, W.steps.smoke, W.steps.notify]);
    expect(input.SkippedSteps).toEqual([W.steps.smoke]);
    expect(input.Steps.find((s) => s.Id === W.steps.smoke)).toBeDefined();
    expect(input.Steps.find((s) => s.Id === W.steps.notify)!.Enabled).toBe(false);
    expect(input.Steps.find((s) => s.Id === W.steps.approve)!.IsRequired).toBe(true);
    expect(input.Steps.find((s) => s.Id === W.steps.deploy)).toMatchObject({
      Source: { Type: "Process Template", SlugOrId: "deploy-to-kubernetes", Version: "2.3.0" },
      Packages: [{ Id: "acme-web", Name: "", Version: "2.4.1", GitRef: "refs/heads/main" }],
    });
    expect(input.Steps.find((s) => s.Id === W.steps.approve)).not.toHaveProperty("Packages");
    expect(input.Steps.find((s) => s.Id === W.steps.approve)!.Source).toEqual({ Type: "Step", SlugOrId: "approve-change" });
    expect(input.Execution).toEqual([
      { StartTrigger: "StartAfterPrevious", Steps: [W.steps.approve] },
      { StartTrigger: "StartAfterPrevious", Steps: [W.steps.deploy, W.steps.verify] },
      { StartTrigger: "StartWithPrevious", Steps: [W.steps.smoke] },
      { StartTrigger: "StartAfterPrevious", Steps: [W.steps.notify] },
    ]);
    expect(input.Release).toEqual({ Id: releaseId, Name: "2.4.1", Version: "2.4.1" });
    expect(input).not.toHaveProperty("Tenant");
    expect(input).not.toHaveProperty("Runbook");
    expect(input.Environment).toEqual({ Id: W.production, Name: "Production", Slug: "production", Tags: ["tier/critical"] });
    expect(input.Project).toEqual({ Id: W.web, Name: "ACME Web", Slug: "acme-web", Tags: ["team/web"] });
    expect(input.Space).toEqual({ Id: W.space, Name: "Default", Slug: "default" });
    expect(input.ProjectGroup).toEqual({ Id: W.group, Name: "Web Applications", Slug: "web-applications" });
  });

  it("describes a runbook run: Runbook with its snapshot, no Release and no packages", async () => {
    const { taskId } = unwrap(await startRunbookRun(world.db, { runbookId: W.runbook, environmentId: W.development }, actor));
    const input = await inputOf(taskId);
    expect(input.Runbook).toEqual({ Id: W.runbook, Name: "Restart web servers", Snapshot: "Snapshot 7XK2P", GitRef: "refs/heads/main" });
    expect(input).not.toHaveProperty("Release");
    expect(input).not.toHaveProperty("Tenant");
    expect(input.Steps.map((s) => s.Slug)).toEqual(["restart", "health-check"]);
    expect(input.Steps.some((s) => "Packages" in s)).toBe(false);
  });

  it("has the tenant of a tenanted execution", async () => {
    const release = unwrap(await createRelease(world.db, { projectId: W.portal, version: "1.0.0" }, actor));
    const { taskId } = unwrap(await startDeployment(world.db, { releaseId: release.id, environmentId: W.production, tenantId: W.contoso }, actor));
    const input = await inputOf(taskId);
    expect(input.Tenant).toEqual({ Id: W.contoso, Name: "Contoso", Slug: "contoso", Tags: ["tier/gold", "region/us-east"] });
  });
});

describe("skipped and disabled steps", () => {
  it("are listed in SkippedSteps, stay in Steps and say so in the log", async () => {
    const { taskId } = await deployWeb(world.db, { skippedStepIds: [W.steps.smoke] });
    await drain(world.db);
    const task = await taskOf(world.db, taskId);
    expect(task.state).toBe("Success");
    const line = (section: string) => task.logEntries.filter((l) => l.section === section).map((l) => l.message);
    expect(line("Step 3: Smoke test")).toEqual(["Starts with the previous step", 'Skipped: "Smoke test" was excluded when the task was created']);
    expect(line("Step 4: Notify release")).toEqual(['Skipped: "Notify release" is disabled']);
    expect(line("Step 2: Deploy web app")).toContain("Acquiring package acme-web v2.4.1 (built from refs/heads/main)");
    expect(line("Step 2: Deploy web app")).toContain('Executing "Verify rollout" (Octopus.Script)');
  });
});

describe("refused requests", () => {
  it("refuses to exclude a required step", async () => {
    const releaseId = await webRelease(world.db);
    const refused = await startDeployment(world.db, { releaseId, environmentId: W.production, skippedStepIds: [W.steps.approve] }, actor);
    expect(refused).toEqual({
      ok: false,
      error: { code: "step_required", message: '"Approve change" is a required step and cannot be excluded', details: { stepId: W.steps.approve, stepSlug: "approve-change" } },
    });
    expect(await world.db.serverTask.count()).toBe(0);
  });

  it("names what is wrong with the target", async () => {
    const releaseId = await webRelease(world.db);
    const portal = unwrap(await createRelease(world.db, { projectId: W.portal, version: "1.0.0" }, actor)).id;
    const cases: [Parameters<typeof startDeployment>[1], string][] = [
      [{ releaseId, environmentId: "Environments-99" }, "unknown_environment"],
      [{ releaseId, environmentId: W.production, projectId: W.portal }, "release_of_another_project"],
      [{ releaseId: "Releases-99", environmentId: W.production }, "release_not_found"],
      [{ releaseId, environmentId: W.production, skippedStepIds: ["Steps-99"] }, "unknown_step"],
      [{ releaseId, environmentId: W.production, tenantId: W.contoso }, "tenant_not_allowed"],
      [{ releaseId: portal, environmentId: W.production }, "tenant_required"],
      [{ releaseId: portal, environmentId: W.production, tenantId: W.fabrikam }, "tenant_not_connected"],
      [{ releaseId: portal, environmentId: W.production, tenantId: "Tenants-99" }, "unknown_tenant"],
      [{ releaseId, environmentId: W.production, extra: true } as never, "invalid_request"],
    ];
    for (const [request, code] of cases) {
      const result = await startDeployment(world.db, request, actor);
      expect(result.ok ? "ok" : result.error.code, JSON.stringify(request)).toBe(code);
    }
    expect(await startRunbookRun(world.db, { runbookId: W.runbook, environmentId: W.production, projectId: W.portal }, actor)).toMatchObject({
      ok: false,
      error: { code: "runbook_of_another_project" },
    });
    expect(await world.db.serverTask.count()).toBe(0);
  });
});
