/**
 * A small instance for execution tests, written as real rows: one space with two environments,
 * an untenanted web project whose process has a required, a disabled, a parallel and a child
 * step, a tenanted portal project, a runbook with a published snapshot, and build information.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Db } from "@/lib/db/client";
import { reserveThrough, type IdPrefix } from "@/lib/db/ids";
import type { ProcessSnapshot } from "@/lib/db/json";
import { readPolicyFile } from "@/lib/policies/read";
import { snapshotProcess } from "@/lib/executions/process-snapshot";

export const W = {
  user: "Users-1",
  space: "Spaces-1",
  group: "ProjectGroups-1",
  development: "Environments-1",
  production: "Environments-2",
  web: "Projects-1",
  portal: "Projects-2",
  contoso: "Tenants-1",
  fabrikam: "Tenants-2",
  // Step ids are GUIDs, as Octopus gives them.
  steps: {
    approve: "00000000-0000-4000-8000-000000000001", deploy: "00000000-0000-4000-8000-000000000002",
    verify: "00000000-0000-4000-8000-000000000003", smoke: "00000000-0000-4000-8000-000000000004",
    notify: "00000000-0000-4000-8000-000000000005", portal: "00000000-0000-4000-8000-000000000006",
    restart: "00000000-0000-4000-8000-000000000007", check: "00000000-0000-4000-8000-000000000008",
  },
  runbook: "Runbooks-1",
  snapshot: "RunbookSnapshots-1",
} as const;

export async function createWorld(db: Db): Promise<void> {
  await db.user.create({ data: { id: W.user, username: "admin", displayName: "Administrator" } });
  await db.space.create({ data: { id: W.space, name: "Default", slug: "default", isDefault: true } });
  await db.projectGroup.create({ data: { id: W.group, spaceId: W.space, name: "Web Applications", slug: "web-applications" } });
  await db.environment.createMany({
    data: [
      { id: W.development, spaceId: W.space, name: "Development", slug: "development", sortOrder: 0 },
      { id: W.production, spaceId: W.space, name: "Production", slug: "production", sortOrder: 1, tags: JSON.stringify(["tier/critical"]) },
    ],
  });
  await db.tenant.createMany({
    data: [
      { id: W.contoso, spaceId: W.space, name: "Contoso", slug: "contoso", tags: JSON.stringify(["tier/gold", "region/us-east"]) },
      { id: W.fabrikam, spaceId: W.space, name: "Fabrikam", slug: "fabrikam" },
    ],
  });
  await db.project.createMany({
    data: [
      { id: W.web, spaceId: W.space, projectGroupId: W.group, name: "ACME Web", slug: "acme-web", tags: JSON.stringify(["team/web"]) },
      { id: W.portal, spaceId: W.space, projectGroupId: W.group, name: "ACME Portal", slug: "acme-portal", tenantedMode: "Tenanted" },
    ],
  });
  await db.tenantProject.createMany({ data: [{ tenantId: W.contoso, projectId: W.portal }, { tenantId: W.fabrikam, projectId: W.portal }] });
  await db.tenantProjectEnvironment.createMany({
    data: [
      { tenantId: W.contoso, projectId: W.portal, environmentId: W.production },
      { tenantId: W.fabrikam, projectId: W.portal, environmentId: W.development },
    ],
  });

  const web = "deploymentprocess-Projects-1";
  await db.process.create({ data: { id: web, kind: "Deployment", projectId: W.web, revision: 3 } });
  const step = (id: string, sortOrder: number, slug: string, name: string, actionType: string, extra: Record<string, unknown> = {}) => ({
    id, processId: web, sortOrder, slug, name, actionType, sourceSlugOrId: slug, ...extra,
  });
  await db.step.createMany({
    data: [
      step(W.steps.approve, 0, "approve-change", "Approve change", "Octopus.Manual", { isRequired: true }),
      step(W.steps.deploy, 1, "deploy-web-app", "Deploy web app", "Octopus.KubernetesDeployContainers", {
        sourceType: "Process Template", sourceSlugOrId: "deploy-to-kubernetes", sourceVersion: "2.3.0",
      }),
      step(W.steps.smoke, 2, "smoke-test", "Smoke test", "Octopus.Script", { startTrigger: "StartWithPrevious" }),
      step(W.steps.notify, 3, "notify-release", "Notify release", "Octopus.Email", { enabled: false }),
    ],
  });
  await db.step.create({ data: step(W.steps.verify, 0, "verify-rollout", "Verify rollout", "Octopus.Script", { parentStepId: W.steps.deploy }) });
  await db.stepPackage.createMany({
    data: [
      { stepId: W.steps.deploy, name: "", packageId: "acme-web" },
      { stepId: W.steps.verify, name: "", packageId: "acme-checks" },
    ],
  });
  await db.buildInformation.createMany({
    data: [
      { id: "BuildInformation-1", packageId: "acme-web", version: "2.4.0", gitRef: "refs/heads/feature/x", gitCommit: "a".repeat(40), createdAt: new Date(Date.now() - 60_000) },
      { id: "BuildInformation-2", packageId: "acme-web", version: "2.4.1", gitRef: "refs/heads/main", gitCommit: "b".repeat(40) },
      { id: "BuildInformation-3", packageId: "acme-checks", version: "1.0.7", gitRef: "refs/heads/main", gitCommit: "c".repeat(40) },
    ],
  });

  const portal = "deploymentprocess-Projects-2";
  await db.process.create({ data: { id: portal, kind: "Deployment", projectId: W.portal } });
  await db.step.create({ data: { id: W.steps.portal, processId: portal, sortOrder: 0, slug: "deploy-portal", name: "Deploy portal", actionType: "Octopus.Script", sourceSlugOrId: "deploy-portal" } });

  await db.runbook.create({ data: { id: W.runbook, projectId: W.web, name: "Restart web servers", slug: "restart-web-servers" } });
  const runbookProcess = "RunbookProcess-Runbooks-1";
  await db.process.create({ data: { id: runbookProcess, kind: "Runbook", projectId: W.web, runbookId: W.runbook } });
  await db.step.createMany({
    data: [
      { id: W.steps.restart, processId: runbookProcess, sortOrder: 0, slug: "restart", name: "Restart", actionType: "Octopus.Script", sourceSlugOrId: "restart" },
      { id: W.steps.check, processId: runbookProcess, sortOrder: 1, slug: "health-check", name: "Health check", actionType: "Octopus.Script", sourceSlugOrId: "health-check" },
    ],
  });
  const snapshot: ProcessSnapshot = await snapshotProcess(db, runbookProcess);
  await db.runbookSnapshot.create({
    data: { id: W.snapshot, runbookId: W.runbook, name: "Snapshot 7XK2P", processSnapshot: JSON.stringify(snapshot), processRevision: 1, gitRef: "refs/heads/main" },
  });
  await db.runbook.update({ where: { id: W.runbook }, data: { publishedSnapshotId: W.snapshot } });

  const highest: [IdPrefix, number][] = [["Users", 1], ["Spaces", 1], ["Projects", 2], ["Environments", 2], ["Tenants", 2], ["Runbooks", 1], ["RunbookSnapshots", 1], ["BuildInformation", 3]];
  for (const [prefix, n] of highest) await reserveThrough(db, prefix, n);
}

let policyCounter = 0;

/** Publishes and activates a policy version from OCL text, as the policy lifecycle would. */
export async function activatePolicy(db: Db, slug: string, ocl: string, version = "1.0.0"): Promise<{ policyId: string; versionId: string }> {
  const read = readPolicyFile(`policies/${slug}.ocl`, ocl);
  if (!read.policy) throw new Error(`OCL of ${slug} does not parse: ${JSON.stringify(read.problems)}`);
  const n = ++policyCounter;
  const policy = await db.policy.upsert({ where: { slug }, update: {}, create: { id: `Policies-${1000 + n}`, slug, name: read.policy.name } });
  await db.policyVersion.updateMany({ where: { policyId: policy.id }, data: { isActive: false } });
  const [major, minor, patch] = version.split(".").map(Number);
  const row = await db.policyVersion.create({
    data: {
      id: `PolicyVersions-${1000 + n}`, policyId: policy.id, version, major, minor, patch, name: read.policy.name,
      violationReason: read.policy.violationReason || null, violationAction: read.policy.violationAction, ocl, commitId: "0".repeat(40), isActive: true,
    },
  });
  return { policyId: policy.id, versionId: row.id };
}

export function starterOcl(slug: string): string {
  return readFileSync(path.join(process.cwd(), "policies", `${slug}.ocl`), "utf8");
}

/** A policy written inline: `scope` and `conditions` are Rego bodies after the package line. */
export function inlinePolicy(slug: string, opts: { name?: string; action?: "block" | "warn"; reason?: string; scope: string; conditions: string }): string {
  const indent = (s: string) => s.trim().split("\n").map((l) => `        ${l}`).join("\n");
  return [
    `name = "${opts.name ?? slug}"`,
    ...(opts.reason ? [`violation_reason = "${opts.reason}"`] : []),
    `violation_action = "${opts.action ?? "block"}"`,
    "",
    "scope {",
    "    rego = <<-EOT",
    `        package ${slug}`,
    indent(opts.scope),
    "    EOT",
    "}",
    "",
    "conditions {",
    "    rego = <<-EOT",
    `        package ${slug}`,
    indent(opts.conditions),
    "    EOT",
    "}",
    "",
  ].join("\n");
}
