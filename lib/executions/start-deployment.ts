import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { parseJsonColumn, processSnapshotSchema } from "@/lib/db/json";
import { AuditEventGroups } from "@/lib/audit/event-groups";
import { fail, ok, type Result } from "./errors";
import { queueExecution, type QueuedExecution } from "./queue-execution";
import { checkSkippedSteps } from "./skipped-steps";
import { resolveTarget } from "./target";
import type { Actor } from "@/lib/identity/acting-user";

export const startDeploymentBody = z
  .object({
    /** When given, the release must belong to it (guards against a stale page). */
    projectId: z.string().min(1).optional(),
    releaseId: z.string().min(1),
    environmentId: z.string().min(1),
    tenantId: z.string().min(1).optional(),
    skippedStepIds: z.array(z.string().min(1)).default([]),
  })
  .strict();

export type StartDeploymentRequest = z.input<typeof startDeploymentBody>;

export type { QueuedExecution };

/** Queues a deployment of a release to an environment (and tenant) and returns at once. */
export async function startDeployment(db: Db, request: StartDeploymentRequest, actor: Actor): Promise<Result<QueuedExecution>> {
  const parsed = startDeploymentBody.safeParse(request);
  if (!parsed.success) return fail("invalid_request", "The deployment request is invalid", { issues: parsed.error.issues });
  const body = parsed.data;

  const release = await db.release.findUnique({
    where: { id: body.releaseId },
    select: { id: true, version: true, projectId: true, processSnapshot: true },
  });
  if (!release) return fail("release_not_found", `There is no release ${body.releaseId}`, { releaseId: body.releaseId });
  if (body.projectId && release.projectId !== body.projectId) {
    return fail("release_of_another_project", `Release ${release.version} belongs to another project`, {
      releaseId: release.id,
      releaseProjectId: release.projectId,
      projectId: body.projectId,
    });
  }
  const target = await resolveTarget(db, release.projectId, body.environmentId, body.tenantId);
  if (!target.ok) return target;
  const skipped = checkSkippedSteps(parseJsonColumn(processSnapshotSchema, release.processSnapshot), body.skippedStepIds);
  if (!skipped.ok) return skipped;

  const { project, environment, tenant } = target.value;
  const name = `Deploy ${project.name} release ${release.version} to ${environment.name}${tenant ? ` for ${tenant.name}` : ""}`;
  return ok(await queueExecution(db, target.value, actor, {
    kind: "Deploy", idPrefix: "Deployments", name,
    create: (tx, id, taskId) => tx.deployment.create({
      data: {
        id, spaceId: project.spaceId, projectId: project.id, releaseId: release.id, environmentId: environment.id,
        tenantId: tenant?.id ?? null, taskId, name, skippedStepIds: JSON.stringify(skipped.value), createdById: actor.id,
      },
    }),
    audit: { eventGroup: AuditEventGroups.deploymentQueued, category: "DeployQueued", details: { releaseId: release.id, releaseVersion: release.version } },
  }));
}
