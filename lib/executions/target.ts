import type { DbOrTx } from "@/lib/db/client";
import { fail, ok, type Result } from "./errors";

export interface ExecutionTarget {
  project: { id: string; name: string; spaceId: string };
  environment: { id: string; name: string };
  tenant: { id: string; name: string } | null;
}

/**
 * Checks where an execution goes: an environment of the project's space, and a tenant exactly
 * when the project's tenanted mode asks for one, connected to the project in that environment.
 */
export async function resolveTarget(
  db: DbOrTx,
  projectId: string,
  environmentId: string,
  tenantId: string | undefined,
): Promise<Result<ExecutionTarget>> {
  const project = await db.project.findUnique({
    where: { id: projectId },
    select: { id: true, name: true, spaceId: true, tenantedMode: true, isDisabled: true },
  });
  if (!project) return fail("project_not_found", `There is no project ${projectId}`, { projectId });
  if (project.isDisabled) return fail("project_disabled", `${project.name} is disabled`, { projectId });

  const environment = await db.environment.findUnique({ where: { id: environmentId }, select: { id: true, name: true, spaceId: true } });
  if (!environment || environment.spaceId !== project.spaceId) {
    return fail("unknown_environment", `There is no environment ${environmentId} in the space of ${project.name}`, { environmentId });
  }
  const target = { project: { id: project.id, name: project.name, spaceId: project.spaceId }, environment: { id: environment.id, name: environment.name } };

  if (!tenantId) {
    if (project.tenantedMode === "Tenanted") {
      return fail("tenant_required", `${project.name} is tenanted: choose a tenant connected to it in ${environment.name}`, { projectId });
    }
    return ok({ ...target, tenant: null });
  }
  if (project.tenantedMode === "Untenanted") {
    return fail("tenant_not_allowed", `${project.name} is not tenanted: start it without a tenant`, { projectId, tenantId });
  }
  const tenant = await db.tenant.findUnique({ where: { id: tenantId }, select: { id: true, name: true, spaceId: true } });
  if (!tenant || tenant.spaceId !== project.spaceId) {
    return fail("unknown_tenant", `There is no tenant ${tenantId} in the space of ${project.name}`, { tenantId });
  }
  const connection = await db.tenantProjectEnvironment.findUnique({
    where: { tenantId_projectId_environmentId: { tenantId, projectId, environmentId } },
  });
  if (!connection) {
    return fail("tenant_not_connected", `${tenant.name} is not connected to ${project.name} in ${environment.name}`, {
      tenantId,
      projectId,
      environmentId,
    });
  }
  return ok({ ...target, tenant: { id: tenant.id, name: tenant.name } });
}
