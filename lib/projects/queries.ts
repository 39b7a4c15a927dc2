import { prisma } from "../db/client";
import { parseJsonColumn, tagsSchema } from "../db/json";

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
  const [groups, latest] = await Promise.all([
    prisma.projectGroup.findMany({
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
    }),
    prisma.deployment.findMany({
      where: { spaceId },
      orderBy: { createdAt: "desc" },
      distinct: ["projectId"],
      select: { projectId: true, ...latestDeploymentSelect },
    }),
  ]);
  const latestByProject = new Map(latest.map((d) => [d.projectId, d]));
  return groups.map((group) => ({
    ...group,
    projects: group.projects.map((project) => ({
      ...project,
      tags: parseJsonColumn(tagsSchema, project.tags),
      latestDeployment: latestByProject.get(project.id) ?? null,
    })),
  }));
}

export type ProjectGroupListing = Awaited<ReturnType<typeof listProjectGroups>>[number];

const RECENT_RELEASES = 10;

/**
 * A project's dashboard: its environments as columns, one row per connected tenant (or a single
 * row for untenanted projects) holding the latest deployment there, then its recent releases
 * and runbooks. Looks in the preferred space first, as slugs are only unique within a space.
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
      space: { select: { name: true, slug: true } },
      projectGroup: { select: { name: true } },
    },
  });
  const project = candidates.find((p) => p.spaceId === preferredSpaceId) ?? candidates[0];
  if (!project) return null;

  const [environments, tenants, deployments, releases, runbooks] = await Promise.all([
    prisma.environment.findMany({
      where: { spaceId: project.spaceId },
      orderBy: { sortOrder: "asc" },
      select: { id: true, name: true },
    }),
    prisma.tenantProject.findMany({
      where: { projectId: project.id },
      orderBy: { tenant: { name: "asc" } },
      select: { tenant: { select: { id: true, name: true, tags: true } } },
    }),
    prisma.deployment.findMany({
      where: { projectId: project.id },
      orderBy: { createdAt: "desc" },
      distinct: ["environmentId", "tenantId"],
      select: latestDeploymentSelect,
    }),
    prisma.release.findMany({
      where: { projectId: project.id },
      orderBy: { createdAt: "desc" },
      take: RECENT_RELEASES,
      select: {
        id: true,
        version: true,
        gitRef: true,
        createdAt: true,
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
        publishedSnapshot: { select: { name: true } },
        _count: { select: { runs: true } },
      },
    }),
  ]);

  const rows = project.tenantedMode === "Untenanted"
    ? [{ tenant: null }]
    : tenants.map(({ tenant }) => ({ tenant: { ...tenant, tags: parseJsonColumn(tagsSchema, tenant.tags) } }));
  const cell = (tenantId: string | null, environmentId: string) =>
    deployments.find((d) => d.tenantId === tenantId && d.environmentId === environmentId) ?? null;

  return {
    project: { ...project, tags: parseJsonColumn(tagsSchema, project.tags) },
    environments,
    rows: rows.map((row) => ({
      ...row,
      cells: environments.map((env) => cell(row.tenant?.id ?? null, env.id)),
    })),
    releases: releases.map((release) => ({
      ...release,
      environmentIds: [...new Set(release.deployments.map((d) => d.environmentId))],
    })),
    runbooks,
  };
}

export type ProjectDashboard = NonNullable<Awaited<ReturnType<typeof getProjectDashboard>>>;
