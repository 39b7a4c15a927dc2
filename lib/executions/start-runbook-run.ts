import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { parseJsonColumn, processSnapshotSchema } from "@/lib/db/json";
import { AuditEventGroups } from "@/lib/audit/event-groups";
import { fail, ok, type Result } from "./errors";
import { queueExecution, type QueuedExecution } from "./queue-execution";
import { checkSkippedSteps } from "./skipped-steps";
import { resolveTarget } from "./target";
import type { Actor } from "@/lib/identity/acting-user";

export const startRunbookRunBody = z
  .object({
    projectId: z.string().min(1).optional(),
    runbookId: z.string().min(1),
    /** Defaults to the runbook's published snapshot. */
    snapshotId: z.string().min(1).optional(),
    environmentId: z.string().min(1),
    tenantId: z.string().min(1).optional(),
    skippedStepIds: z.array(z.string().min(1)).default([]),
  })
  .strict();

export type StartRunbookRunRequest = z.input<typeof startRunbookRunBody>;

/** Queues a run of a runbook snapshot in an environment (and for a tenant) and returns at once. */
export async function startRunbookRun(db: Db, request: StartRunbookRunRequest, actor: Actor): Promise<Result<QueuedExecution>> {
  const parsed = startRunbookRunBody.safeParse(request);
  if (!parsed.success) return fail("invalid_request", "The runbook run request is invalid", { issues: parsed.error.issues });
  const body = parsed.data;

  const runbook = await db.runbook.findUnique({
    where: { id: body.runbookId },
    select: { id: true, name: true, projectId: true, publishedSnapshotId: true },
  });
  if (!runbook) return fail("runbook_not_found", `There is no runbook ${body.runbookId}`, { runbookId: body.runbookId });
  if (body.projectId && runbook.projectId !== body.projectId) {
    return fail("runbook_of_another_project", `${runbook.name} belongs to another project`, { runbookId: runbook.id, projectId: body.projectId });
  }
  const snapshotId = body.snapshotId ?? runbook.publishedSnapshotId;
  if (!snapshotId) return fail("runbook_not_published", `${runbook.name} has no published snapshot: publish one or choose a snapshot`, { runbookId: runbook.id });
  const snapshot = await db.runbookSnapshot.findUnique({ where: { id: snapshotId }, select: { id: true, name: true, runbookId: true, processSnapshot: true } });
  if (!snapshot) return fail("snapshot_not_found", `There is no runbook snapshot ${snapshotId}`, { snapshotId });
  if (snapshot.runbookId !== runbook.id) return fail("snapshot_of_another_runbook", `${snapshot.name} is not a snapshot of ${runbook.name}`, { snapshotId });

  const target = await resolveTarget(db, runbook.projectId, body.environmentId, body.tenantId);
  if (!target.ok) return target;
  const skipped = checkSkippedSteps(parseJsonColumn(processSnapshotSchema, snapshot.processSnapshot), body.skippedStepIds);
  if (!skipped.ok) return skipped;

  const { project, environment, tenant } = target.value;
  const name = `Run ${runbook.name} in ${environment.name}${tenant ? ` for ${tenant.name}` : ""}`;
  return ok(await queueExecution(db, target.value, actor, {
    kind: "RunbookRun", idPrefix: "RunbookRuns", name,
    create: (tx, id, taskId) => tx.runbookRun.create({
      data: {
        id, spaceId: project.spaceId, projectId: project.id, runbookId: runbook.id, snapshotId: snapshot.id,
        environmentId: environment.id, tenantId: tenant?.id ?? null, taskId, name,
        skippedStepIds: JSON.stringify(skipped.value), createdById: actor.id,
      },
    }),
    audit: { eventGroup: AuditEventGroups.runbookRunQueued, category: "RunbookRunQueued", details: { runbookId: runbook.id, snapshotId: snapshot.id } },
  }));
}
