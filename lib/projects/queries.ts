import { prisma } from "@/lib/db/client";
import { parseJsonColumn, processSnapshotSchema, tagsSchema, type SnapshotStep } from "@/lib/db/json";
import { getDashboardStates, getViolationStates, latestDeploymentIds } from "@/lib/executions/dashboard";
import { requiresApproval } from "@/lib/executions/input/approval";
import { ENFORCING_OUTCOMES, enforcedAction, worstViolation } from "@/lib/policies/decision";

const latestDeploymentSelect = {
  id: true,
  createdAt: true,
  environmentId: true,
  tenantId: true,
  environment: { select: { name: true } },
  release: { select: { version: true } },
  task: { select: { id: true, state: true, completedAt: true } },
} as const;

/** Project groups of a space with their projects and each project's most recent deployment. */
export async function listProjectGroups(spaceId: string) {
  const groups = await prisma.projectGroup.findMany({
    where: { spaceId },
    orderBy: { name: "asc" },
    select: {
      id: true,
      name: true,
      description: true,
      projects: {
        orderBy: { name: "asc" },
        select: { id: true, name: true, slug: true, description: true, tags: true, tenantedMode: true },
      },
    },
  });
  const projectIds = groups.flatMap((g) => g.projects.map((p) => p.id));
  // The same violation state as each project's banner, so the list shows which projects need a look.
  const [latest, violationByProject] = await Promise.all([
    latestDeploymentIds(prisma, projectIds).then((ids) =>
      prisma.deployment.findMany({ where: { id: { in: ids } }, select: { projectId: true, ...latestDeploymentSelect } }),
    ),
    getViolationStates(prisma, projectIds),
  ]);
  const latestByProject = new Map(latest.map((d) => [d.projectId, d]));
  return groups.map((group) => ({
    ...group,
    projects: group.projects.map((project) => ({
      ...project,
      tags: parseJsonColumn(tagsSchema, project.tags),
      latestDeployment: latestByProject.get(project.id) ?? null,
      violation: violationByProject.get(project.id) ?? "none",
    })),
  }));
}

export type ProjectGroupListing = Awaited<ReturnType<typeof listProjectGroups>>[number];

/** How many releases the dashboard loads; the deploy dialog pages to older ones through GET /api/releases. */
export const RECENT_RELEASES = 10;
const RECENT_RUNS = 5;

/** Steps as the start dialogs show them: top-level steps with their children, required ones locked. */
export interface DialogStep {
  id: string;
  name: string;
  /** The step's action type ("Octopus.Manual"), so the dialog can say which step is which kind. */
  actionType: string;
  isRequired: boolean;
  enabled: boolean;
  /** The run condition of a conditional step (policies see it as IsConditional). */
  runCondition?: string;
  children: Omit<DialogStep, "children">[];
}

const dialogStep = (s: Omit<SnapshotStep, "children">): Omit<DialogStep, "children"> => ({
  id: s.id, name: s.name, actionType: s.actionType, isRequired: s.isRequired, enabled: s.enabled, ...(s.runCondition ? { runCondition: s.runCondition } : {}),
});

export const dialogSteps = (snapshot: string): DialogStep[] =>
  parseJsonColumn(processSnapshotSchema, snapshot).map((s) => ({ ...dialogStep(s), children: s.children.map(dialogStep) }));

const recentRunSelect = {
  id: true,
  createdAt: true,
  environment: { select: { name: true } },
  tenant: { select: { name: true } },
  task: { select: { id: true, state: true } },
  // By run alone, outcomes filtered below: with an outcome term SQLite may walk the (outcome,
  // evaluatedAt) index over every violation in history instead of these runs' few rows.
  policyEvaluations: { select: { outcome: true, reason: true, policy: { select: { name: true } }, policyVersion: { select: { violationAction: true } } } },
} as const;

/**
 * Each runbook's last runs, one limited query per runbook: a `take` nested under the runbooks
 * is applied after Prisma has read every run of the runbook (all of its history) and their evaluations.
 */
async function withRecentRuns<R extends { id: string }>(runbooks: R[]) {
  const enforcing = new Set<string>(ENFORCING_OUTCOMES);
  return Promise.all(
    runbooks.map(async (runbook) => {
      const runs = await prisma.runbookRun.findMany({
        where: { runbookId: runbook.id },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        take: RECENT_RUNS,
        select: recentRunSelect,
      });
      return { ...runbook, runs: runs.map((run) => ({ ...run, policyEvaluations: run.policyEvaluations.filter((e) => enforcing.has(e.outcome)) })) };
    }),
  );
}

/**
 * A project's dashboard: its environments as columns, one row per connected tenant (or a single
 * row for untenanted projects) holding the latest deployment there with its policy violations,
 * the violation banner, recent releases and runbooks with their last runs, and what the deploy
 * and run dialogs offer. Looks in the preferred space first, as slugs are only unique within a space.
 */
export async function getProjectDashboard(slug: string, preferredSpaceId: string | undefined) {
  const candidates = await prisma.project.findMany({
    where: { slug },
    select: {
      id: true,
      spaceId: true,
      name: true,
      slug: true,
      description: true,
      tags: true,
      tenantedMode: true,
      requiresChangeApproval: true,
      space: { select: { name: true, slug: true } },
      projectGroup: { select: { name: true } },
    },
  });
  const project = candidates.find((p) => p.spaceId === preferredSpaceId) ?? candidates[0];
  if (!project) return null;

  const [environments, tenants, [state], releases, runbooks] = await Promise.all([
    prisma.environment.findMany({
      where: { spaceId: project.spaceId },
      orderBy: { sortOrder: "asc" },
      select: { id: true, name: true, isChangeControlled: true },
    }),
    prisma.tenantProject.findMany({
      where: { projectId: project.id },
      orderBy: { tenant: { name: "asc" } },
      select: { tenant: { select: { id: true, name: true, tags: true } }, environments: { select: { environmentId: true } } },
    }),
    getDashboardStates(prisma, [project.id]),
    prisma.release.findMany({
      where: { projectId: project.id },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: RECENT_RELEASES,
      select: {
        id: true,
        version: true,
        gitRef: true,
        createdAt: true,
        processSnapshot: true,
        packages: { orderBy: { packageId: "asc" }, select: { id: true, packageId: true, version: true, gitRef: true } },
        deployments: { select: { environmentId: true } },
      },
    }),
    prisma.runbook.findMany({
      where: { projectId: project.id },
      orderBy: { name: "asc" },
      select: {
        id: true,
        name: true,
        description: true,
        publishedSnapshot: { select: { id: true, name: true, processSnapshot: true } },
      },
    }).then(withRecentRuns),
  ]);

  const tenantRows = tenants.map(({ tenant, environments: connected }) => ({
    tenant: { ...tenant, tags: parseJsonColumn(tagsSchema, tenant.tags) },
    environmentIds: connected.map((c) => c.environmentId),
  }));
  const rows = project.tenantedMode === "Untenanted" ? [{ tenant: null }] : tenantRows.map(({ tenant }) => ({ tenant }));
  const cell = (tenantId: string | null, environmentId: string) =>
    state.deployments.find((d) => (d.tenant?.id ?? null) === tenantId && d.environment.id === environmentId) ?? null;

  return {
    project: { ...project, tags: parseJsonColumn(tagsSchema, project.tags) },
    /** With whether executions there need an approved change request (the input's RequiresApproval). */
    environments: environments.map(({ isChangeControlled, ...env }) => ({ ...env, requiresApproval: requiresApproval(project, { isChangeControlled }) })),
    /** Tenants a deployment or run may target, with the environments each is connected in. */
    tenants: tenantRows.map(({ tenant, environmentIds }) => ({ id: tenant.id, name: tenant.name, environmentIds })),
    banner: state.banner,
    exempted: state.exempted,
    rows: rows.map((row) => ({
      ...row,
      cells: environments.map((env) => cell(row.tenant?.id ?? null, env.id)),
    })),
    releases: releases.map(({ processSnapshot, deployments, ...release }) => ({
      ...release,
      steps: dialogSteps(processSnapshot),
      environmentIds: [...new Set(deployments.map((d) => d.environmentId))],
    })),
    runbooks: runbooks.map(({ publishedSnapshot, runs, ...runbook }) => ({
      ...runbook,
      publishedSnapshot: publishedSnapshot ? { id: publishedSnapshot.id, name: publishedSnapshot.name, steps: dialogSteps(publishedSnapshot.processSnapshot) } : null,
      runs: runs.map(({ policyEvaluations, ...run }) => ({
        ...run,
        violation: worstViolation(policyEvaluations.map((e) => enforcedAction(e.outcome, e.policyVersion.violationAction))),
        violations: policyEvaluations.map((e) => ({ policyName: e.policy.name, outcome: e.outcome, reason: e.reason })),
      })),
    })),
  };
}

export type ProjectDashboard = NonNullable<Awaited<ReturnType<typeof getProjectDashboard>>>;
