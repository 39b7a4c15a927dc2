import { z } from "zod";
import type { DbOrTx } from "@/lib/db/client";
import { dialogSteps, type DialogStep } from "./queries";

export const RELEASE_PAGE_SIZE = 20;

export const releasePageQuery = z.object({
  projectId: z.string().min(1),
  /** Part of a version ("1.4"): only releases whose version contains it. */
  q: z.string().trim().max(100).optional(),
  /** The id of the last release already shown: the page holds the ones older than it. */
  after: z.string().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(100).optional(),
});

export type ReleasePageQuery = z.infer<typeof releasePageQuery>;

/** A release as the deploy dialog offers it. */
export interface DialogRelease {
  id: string;
  version: string;
  createdAt: Date;
  steps: DialogStep[];
}

/**
 * A project's releases newest first, keyset-paged on (createdAt, id) after a given release: the
 * Release (projectId, createdAt) index serves it however many releases the project has, where an
 * OFFSET would read every release it skips. `next` is the id to ask `after` for, or null at the end.
 */
export async function releasePage(db: DbOrTx, query: ReleasePageQuery): Promise<{ items: DialogRelease[]; next: string | null }> {
  const limit = query.limit ?? RELEASE_PAGE_SIZE;
  const after = query.after
    ? await db.release.findFirst({ where: { id: query.after, projectId: query.projectId }, select: { id: true, createdAt: true } })
    : null;
  // An `after` that is not this project's release names no position: an empty page rather than the first one again.
  if (query.after && !after) return { items: [], next: null };
  const rows = await db.release.findMany({
    where: {
      projectId: query.projectId,
      ...(query.q ? { version: { contains: query.q } } : {}),
      ...(after ? { OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }] } : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    select: { id: true, version: true, createdAt: true, processSnapshot: true },
  });
  const items = rows.slice(0, limit).map(({ processSnapshot, ...release }) => ({ ...release, steps: dialogSteps(processSnapshot) }));
  return { items, next: rows.length > limit ? items[items.length - 1].id : null };
}
