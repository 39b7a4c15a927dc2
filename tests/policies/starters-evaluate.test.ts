import { describe, expect, it } from "vitest";
import type { PolicyInput } from "@/lib/policy-input/schema";
import { STARTERS } from "@/lib/policies/starters";
import { buildInput, largeDeploymentInput, standardProcess, TEAM_NUGET, webPackage, type InputOptions, type StepSpec } from "../fixtures/inputs";
import { starterEvaluator, type Evaluation } from "./evaluate-policy";

/** The standard process with one step changed (or removed, when `change` returns null). */
function processWith(slug: string, change: (step: StepSpec) => StepSpec | null): StepSpec[] {
  const steps = standardProcess();
  if (!steps.some((s) => s.slug === slug)) throw new Error(`No step ${slug}`);
  return steps.flatMap((s) => (s.slug === slug ? (change(s) ?? []) : [s]));
}

const without = (slug: string) => processWith(slug, () => null);

/** The standard process with one step moved to position `to` (negative counts from the end). */
function moved(slug: string, to: number): StepSpec[] {
  const rest = without(slug);
  const step = standardProcess().find((s) => s.slug === slug)!;
  const at = to < 0 ? rest.length + 1 + to : to;
  return [...rest.slice(0, at), step, ...rest.slice(at)];
}

const processTemplateAt = (Version: string) => processWith("deploy-web-app", (s) => ({ ...s, source: { Type: "Process Template", SlugOrId: "deploy-to-kubernetes", Version } }));

/** A production deployment of another project. */
function ofProject(slug: string): PolicyInput {
  const input = buildInput();
  return { ...input, Project: { ...input.Project, Slug: slug, Name: slug } };
}

type Case = [title: string, input: InputOptions | PolicyInput, expected: Evaluation["outcome"], reason?: RegExp];

const CASES: Record<string, Case[]> = {
  manual_intervention_required: [
    ["production deployment with an approval step", {}, "pass"],
    ["production deployment without one", { steps: without("approve-change") }, "block", /Add a Manual Intervention step/],
    ["approval step skipped", { skip: ["approve-change"] }, "block"],
    ["approval step disabled", { steps: processWith("approve-change", (s) => ({ ...s, enabled: false })) }, "block"],
    ["deployment to test", { environment: "test", steps: without("approve-change") }, "out_of_scope"],
    ["production runbook run", { runbook: {}, steps: without("approve-change") }, "out_of_scope"],
  ],
  step_template_required: [
    ["template at version 3", {}, "pass"],
    ["template referenced by slug at version 2", { steps: processWith("security-scan", (s) => ({ ...s, source: { Type: "Step Template", SlugOrId: "security-scan", Version: "2" } })) }, "pass"],
    ["template at version 1", { steps: processWith("security-scan", (s) => ({ ...s, source: { Type: "Step Template", SlugOrId: "ActionTemplates-101", Version: "1" } })) }, "block", /at version 1: update the step to version 2 or later/],
    ["no template step", { steps: without("security-scan") }, "block", /Add the "Security scan" step template/],
    ["a script step with the same slug but not from the template", { steps: processWith("security-scan", (s) => ({ ...s, source: undefined })) }, "block"],
    ["template step skipped", { skip: ["security-scan"] }, "block"],
    ["runbook run", { runbook: {}, steps: without("security-scan") }, "out_of_scope"],
  ],
  process_template_required: [
    ["template at 2.3.0", {}, "pass"],
    ["template at exactly 2.1.0", { steps: processWith("deploy-web-app", (s) => ({ ...s, source: { Type: "Process Template", SlugOrId: "deploy-to-kubernetes", Version: "2.1.0" } })) }, "pass"],
    ["template at 2.0.9", { steps: processWith("deploy-web-app", (s) => ({ ...s, source: { Type: "Process Template", SlugOrId: "deploy-to-kubernetes", Version: "2.0.9" } })) }, "block", /at version 2\.0\.9: update it to 2\.1\.0 or later/],
    ["template at 10.0.0 (compared as semver, not text)", { steps: processWith("deploy-web-app", (s) => ({ ...s, source: { Type: "Process Template", SlugOrId: "deploy-to-kubernetes", Version: "10.0.0" } })) }, "pass"],
    ["hand-built deployment step", { steps: processWith("deploy-web-app", (s) => ({ ...s, source: undefined })) }, "block", /Deploy to Kubernetes/],
    ["deployment to staging", { environment: "staging", steps: without("deploy-web-app") }, "out_of_scope"],
  ],
  no_steps_skipped: [
    ["nothing skipped", {}, "pass"],
    ["two steps skipped", { skip: ["smoke-test", "notify-release"] }, "block", /excluded from the deployment: notify-release, smoke-test/],
    ["skipping in test", { environment: "test", skip: ["smoke-test"] }, "out_of_scope"],
  ],
  no_steps_disabled: [
    ["all steps enabled", {}, "pass"],
    ["a disabled step", { steps: processWith("smoke-test", (s) => ({ ...s, enabled: false })) }, "warn", /These steps are disabled: smoke-test/],
    ["a disabled step in development", { environment: "development", steps: processWith("smoke-test", (s) => ({ ...s, enabled: false })) }, "out_of_scope"],
  ],
  block_in_production_warn_elsewhere: [
    ["smoke test in production", {}, "pass"],
    ["no smoke test in production", { steps: without("smoke-test") }, "block", /No smoke test runs in this deployment to Production/],
    ["no smoke test in staging", { environment: "staging", steps: without("smoke-test") }, "warn", /to Staging/],
    ["smoke test skipped in test", { environment: "test", skip: ["smoke-test"] }, "warn"],
    ["health check instead of smoke test", { steps: processWith("smoke-test", (s) => ({ ...s, slug: "health-check" })) }, "pass"],
    ["runbook run", { runbook: {}, steps: without("smoke-test") }, "out_of_scope"],
  ],
  minimum_release_version: [
    ["release 2.4.1", {}, "pass"],
    ["release 1.0.0", { release: { Version: "1.0.0" } }, "pass"],
    ["release 0.9.12", { release: { Version: "0.9.12" } }, "block", /Release 0\.9\.12 is not a semantic version of 1\.0\.0 or later/],
    ["release 1.0.0-rc.1 (a pre-release sorts before 1.0.0)", { release: { Version: "1.0.0-rc.1" } }, "block"],
    ["release with a date version", { release: { Version: "2025.09.01.3" } }, "block"],
    ["release 0.1.0 to test", { environment: "test", release: { Version: "0.1.0" } }, "out_of_scope"],
    ["runbook run in production", { runbook: {} }, "out_of_scope"],
  ],
  release_from_main: [
    ["release from main", {}, "pass"],
    ["release from a feature branch", { release: { GitRef: "refs/heads/feature/checkout" } }, "block", /created from refs\/heads\/feature\/checkout/],
    ["release of a project not under version control", { release: { GitRef: undefined } }, "out_of_scope"],
    ["feature branch release to test", { environment: "test", release: { GitRef: "refs/heads/feature/checkout" } }, "out_of_scope"],
  ],
  packages_from_main: [
    ["all packages from main", {}, "pass"],
    ["web package from a branch", { steps: processWith("deploy-web-app", (s) => ({ ...s, packages: [webPackage("refs/heads/hotfix/login")] })) }, "block", /acme-web 2\.4\.1 on step deploy-web-app \(from refs\/heads\/hotfix\/login\)/],
    ["package without build information", { steps: processWith("deploy-web-app", (s) => ({ ...s, packages: [webPackage(null)] })) }, "block", /unknown branch/],
    ["branch package on a skipped step", { skip: ["deploy-web-app"], steps: processWith("deploy-web-app", (s) => ({ ...s, packages: [webPackage("refs/heads/x")] })) }, "pass"],
    ["25-step deployment from main", largeDeploymentInput(), "pass"],
    ["branch package in test", { environment: "test", steps: processWith("deploy-web-app", (s) => ({ ...s, packages: [webPackage("refs/heads/x")] })) }, "out_of_scope"],
  ],
  runbook_runs_from_main: [
    ["runbook from main", { runbook: {} }, "pass"],
    ["runbook from a branch", { runbook: { GitRef: "refs/heads/try-restart" } }, "block", /Runbook Restart web servers runs from refs\/heads\/try-restart/],
    ["runbook not under version control", { runbook: { GitRef: undefined } }, "out_of_scope"],
    ["runbook from a branch in development", { environment: "development", runbook: { GitRef: "refs/heads/x" } }, "out_of_scope"],
    ["a deployment", {}, "out_of_scope"],
  ],
  no_parallel_steps: [
    ["sequential steps", {}, "pass"],
    ["parallel steps", { steps: processWith("smoke-test", (s) => ({ ...s, parallel: true })) }, "warn", /in parallel with the step before them: smoke-test/],
    ["25-step deployment with parallel regions", largeDeploymentInput(), "warn", /deploy-ap-south, deploy-eu-west, deploy-us-west/],
    ["parallel steps in a runbook run", { runbook: {}, steps: processWith("smoke-test", (s) => ({ ...s, parallel: true })) }, "warn"],
    ["parallel steps in test", { environment: "test", steps: processWith("smoke-test", (s) => ({ ...s, parallel: true })) }, "out_of_scope"],
  ],
  step_runs_first: [
    ["approval first", {}, "pass"],
    ["approval second", { steps: [standardProcess()[1], standardProcess()[0], ...standardProcess().slice(2)] }, "block", /starts with security-scan: make approve-change the first step/],
    ["approval skipped", { skip: ["approve-change"] }, "block"],
    ["disabled step before the approval", { steps: [{ slug: "legacy-backup", enabled: false }, ...standardProcess()] }, "pass"],
    ["approval missing", { steps: without("approve-change") }, "block"],
    ["approval missing in staging", { environment: "staging", steps: without("approve-change") }, "out_of_scope"],
  ],
  step_runs_last: [
    ["notification last", {}, "pass"],
    ["notification with child steps after it still ends the deployment", { steps: processWith("notify-release", (s) => ({ ...s, children: [{ slug: "notify-slack" }] })) }, "pass"],
    ["notification before the smoke test", { steps: [...without("smoke-test").slice(0, -1), standardProcess()[5], standardProcess()[4]] }, "warn", /ends with smoke-test/],
    ["notification skipped", { skip: ["notify-release"] }, "warn", /ends with smoke-test/],
    ["runbook run", { runbook: {}, steps: without("notify-release") }, "out_of_scope"],
  ],
  step_order: [
    ["migrations before the app", {}, "pass"],
    ["migrations after the app", { steps: [...without("run-database-migrations"), standardProcess()[2]] }, "block", /run-database-migrations runs after deploy-web-app/],
    ["migrations skipped", { skip: ["run-database-migrations"] }, "block", /does not run in this deployment/],
    ["a process without the app", { steps: without("deploy-web-app") }, "pass"],
    ["runbook run", { runbook: {} }, "out_of_scope"],
  ],
  required_tags: [
    ["tagged project, untenanted", {}, "pass"],
    ["tagged project and tenant", { tenant: {} }, "pass"],
    ["project without cost center", { projectTags: ["team/web"] }, "block", /project ACME Web has no cost-center tag/],
    ["tenant without a region", { tenant: { Tags: ["tier/gold"] } }, "block", /^Missing tags: tenant Contoso has no region tag$/],
    ["both missing tags", { projectTags: [], tenant: { Tags: [] } }, "block", /project ACME Web has no cost-center tag; tenant Contoso has no region tag; tenant Contoso has no tier tag/],
    ["a tag set name as a prefix of another is not enough", { projectTags: ["cost-center-legacy/x"] }, "block"],
    ["untagged project in test", { environment: "test", projectTags: [] }, "out_of_scope"],
  ],
  step_template_version: [
    ["template at version 3", {}, "pass"],
    ["template at version 2", { steps: processWith("security-scan", (s) => ({ ...s, source: { Type: "Step Template", SlugOrId: "ActionTemplates-101", Version: "2" } })) }, "block", /ActionTemplates-101 step template is at version 2: pin it to version 3/],
    ["template at version 4 (newer is not the approved one either)", { steps: processWith("security-scan", (s) => ({ ...s, source: { Type: "Step Template", SlugOrId: "ActionTemplates-101", Version: "4" } })) }, "block"],
    ["template skipped", { skip: ["security-scan"] }, "block", /Pin the "Security scan" step template/],
    ["no template step", { steps: without("security-scan") }, "block"],
    ["runbook run", { runbook: {}, steps: without("security-scan") }, "out_of_scope"],
  ],
  process_template_version: [
    ["template at 2.3.0", {}, "pass"],
    ["template at 2.3.0+build.7 (build metadata does not count)", { steps: processTemplateAt("2.3.0+build.7") }, "pass"],
    ["template at 2.4.0", { steps: processTemplateAt("2.4.0") }, "block", /process template is at version 2\.4\.0, skipped or disabled: it must run at 2\.3\.0/],
    ["template at a version that is not semantic", { steps: processTemplateAt("2.3") }, "block"],
    ["template skipped", { skip: ["deploy-web-app"] }, "block"],
    ["no template step", { steps: without("deploy-web-app") }, "block", /Update the "Deploy to Kubernetes" process template to version 2\.3\.0/],
    ["template at 1.0.0 in staging", { environment: "staging", steps: processTemplateAt("1.0.0") }, "out_of_scope"],
  ],
  process_template_first_or_last: [
    ["template first", { steps: moved("deploy-web-app", 0) }, "pass"],
    ["template last", { steps: moved("deploy-web-app", -1) }, "pass"],
    ["template last once the step after it is skipped", { steps: moved("deploy-web-app", -2), skip: ["notify-release"] }, "pass"],
    ["template in the middle", {}, "block", /runs neither first nor last: the deployment runs approve-change, security-scan/],
    ["template first but skipped", { steps: moved("deploy-web-app", 0), skip: ["deploy-web-app"] }, "block"],
    ["template in the middle in staging", { environment: "staging" }, "out_of_scope"],
  ],
  process_template_step_order: [
    ["template before the smoke test", {}, "pass"],
    ["smoke test before the template", { steps: moved("smoke-test", 3) }, "block", /does not run before smoke-test: move it before that step/],
    ["template skipped", { skip: ["deploy-web-app"] }, "block"],
    ["a process without a smoke test", { steps: without("smoke-test") }, "pass"],
    ["runbook run", { runbook: {}, steps: moved("smoke-test", 0) }, "out_of_scope"],
  ],
  step_template_builtin_order: [
    ["security scan before the container deployment", {}, "pass"],
    ["security scan after it", { steps: moved("security-scan", -1) }, "block", /ActionTemplates-101 step template does not run before Octopus\.KubernetesDeployContainers: deploy-web-app/],
    ["security scan skipped", { skip: ["security-scan"] }, "block"],
    ["no container deployment", { steps: without("deploy-web-app") }, "pass"],
    ["25-step deployment: every regional deployment after the scan", largeDeploymentInput(), "pass"],
    ["runbook run", { runbook: {}, steps: without("security-scan") }, "out_of_scope"],
  ],
  builtin_step_order: [
    ["manual intervention first", {}, "pass"],
    ["manual intervention after the deployment", { steps: moved("approve-change", -1) }, "block", /No Octopus\.Manual step runs before deploy-web-app/],
    ["manual intervention skipped", { skip: ["approve-change"] }, "block"],
    ["manual intervention disabled", { steps: processWith("approve-change", (s) => ({ ...s, enabled: false })) }, "block"],
    ["manual intervention after the deployment in staging", { environment: "staging", steps: moved("approve-change", -1) }, "out_of_scope"],
  ],
  approval_required_in_production: [
    ["production deployment that requires approval", {}, "pass"],
    ["production runbook run that requires approval", { runbook: {} }, "pass"],
    ["production deployment without approval", { requiresApproval: false }, "block", /Turn on change approval/],
    ["deployment to test without approval", { environment: "test" }, "out_of_scope"],
  ],
  packages_from_approved_feeds: [
    ["packages from Platform Hub and the built-in feed", {}, "pass"],
    ["a package from a space feed", { steps: processWith("deploy-web-app", (s) => ({ ...s, packages: [webPackage(undefined, undefined, TEAM_NUGET)] })) }, "block", /acme-web on step deploy-web-app \(from Web Team NuGet\)/],
    ["a space-feed package on a skipped step", { skip: ["deploy-web-app"], steps: processWith("deploy-web-app", (s) => ({ ...s, packages: [webPackage(undefined, undefined, TEAM_NUGET)] })) }, "pass"],
    ["25-step deployment", largeDeploymentInput(), "pass"],
    ["runbook run", { runbook: {} }, "out_of_scope"],
  ],
  no_conditional_steps_in_production: [
    ["no conditional steps", {}, "pass"],
    ["a conditional smoke test", { steps: processWith("smoke-test", (s) => ({ ...s, conditional: true })) }, "block", /These steps have run conditions: smoke-test/],
    ["a conditional step that is disabled", { steps: processWith("smoke-test", (s) => ({ ...s, conditional: true, enabled: false })) }, "pass"],
    ["a conditional step in a production runbook run", { runbook: {}, steps: processWith("notify-release", (s) => ({ ...s, conditional: true })) }, "block"],
    ["a conditional step in test", { environment: "test", steps: processWith("smoke-test", (s) => ({ ...s, conditional: true })) }, "out_of_scope"],
  ],
  all_projects_except: [
    ["nothing skipped", {}, "pass"],
    ["a step skipped", { skip: ["smoke-test"] }, "warn", /only sandbox projects may skip them/],
    ["a step skipped in a runbook run", { runbook: {}, skip: ["smoke-test"] }, "warn"],
    ["an excluded project", ofProject("sandbox"), "out_of_scope"],
  ],
  one_runbook_manual_intervention: [
    ["the runbook with a manual intervention", { runbook: {} }, "pass"],
    ["the runbook without one", { runbook: {}, steps: without("approve-change") }, "block", /Add a Manual Intervention step to the runbook/],
    ["the manual intervention skipped", { runbook: {}, skip: ["approve-change"] }, "block"],
    ["another runbook", { runbook: { Id: "Runbooks-5" }, steps: without("approve-change") }, "out_of_scope"],
    ["a deployment", { steps: without("approve-change") }, "out_of_scope"],
  ],
  blank_policy: [
    ["any deployment", {}, "out_of_scope"],
    ["any runbook run", { runbook: {} }, "out_of_scope"],
  ],
};

const isInput = (x: InputOptions | PolicyInput): x is PolicyInput => "Steps" in x;

describe.each(STARTERS.map((s) => s.slug))("starter %s", (slug) => {
  const cases = CASES[slug] ?? [];
  const evaluate = starterEvaluator(slug);

  // The blank policy is out of scope of everything until someone writes it, so it has no
  // passing or failing case to demand (and no skipped test to report).
  if (slug !== "blank_policy") {
    it("has passing, failing and out-of-scope cases", () => {
      const outcomes = new Set(cases.map((c) => c[2]));
      expect(outcomes.has("pass")).toBe(true);
      expect(outcomes.has("block") || outcomes.has("warn")).toBe(true);
      expect(outcomes.has("out_of_scope")).toBe(true);
    });
  }

  it.each(cases)("%s → %s", async (_, options, expected, reason) => {
    const result = await evaluate(isInput(options) ? options : buildInput(options));
    expect(result.error).toBeUndefined();
    expect(result.outcome).toBe(expected);
    if (reason) expect(result.reason).toMatch(reason);
  });
});
