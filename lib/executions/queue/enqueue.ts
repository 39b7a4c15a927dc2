import type { DbOrTx } from "@/lib/db/client";
import type { TaskKind } from "@/lib/db/enums";
import { allocateId } from "@/lib/db/ids";
import type { ExecutionTarget } from "../target";
import { credentialSuffix } from "@/lib/credential";
import type { Actor } from "@/lib/identity/acting-user";

/** Writes a Queued server task for an execution; the caller writes the deployment or run that owns it. */
export async function createQueuedTask(
  tx: DbOrTx,
  kind: TaskKind,
  description: string,
  target: ExecutionTarget,
  actor: Actor,
): Promise<string> {
  const id = await allocateId(tx, "ServerTasks");
  await tx.serverTask.create({
    data: {
      id, kind, description, state: "Queued", spaceId: target.project.spaceId, projectId: target.project.id,
      environmentId: target.environment.id, tenantId: target.tenant?.id ?? null, createdById: actor.id,
      logEntries: { create: [{ seq: 1, level: "Info", section: "", message: `${description} was queued by ${actor.displayName}${credentialSuffix(actor.via)}` }] },
    },
  });
  return id;
}
