/**
 * The space a request's resource belongs to, so space-scoped permissions (ProjectView, Deploy)
 * are checked where the resource lives. An unknown resource has no space: the permission held
 * anywhere lets the request through to the handler, which answers 404.
 */
import type { DbOrTx } from "@/lib/db/client";

export async function spaceOfProject(db: DbOrTx, projectId: string | undefined): Promise<string | null> {
  if (!projectId) return null;
  return (await db.project.findUnique({ where: { id: projectId }, select: { spaceId: true } }))?.spaceId ?? null;
}

export async function spaceOfRelease(db: DbOrTx, releaseId: string): Promise<string | null> {
  return (await db.release.findUnique({ where: { id: releaseId }, select: { spaceId: true } }))?.spaceId ?? null;
}

export async function spaceOfRunbook(db: DbOrTx, runbookId: string): Promise<string | null> {
  return (await db.runbook.findUnique({ where: { id: runbookId }, select: { project: { select: { spaceId: true } } } }))?.project.spaceId ?? null;
}

export async function spaceOfTask(db: DbOrTx, taskId: string): Promise<string | null> {
  return (await db.serverTask.findUnique({ where: { id: taskId }, select: { spaceId: true } }))?.spaceId ?? null;
}
