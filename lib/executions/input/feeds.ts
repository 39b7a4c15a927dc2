import type { DbOrTx } from "@/lib/db/client";
import type { ProcessSnapshot } from "@/lib/db/json";
import { flattenSteps } from "../process-snapshot";

/** Every space has a built-in package repository with this id; it has no Feed row. */
export const BUILT_IN_FEED_ID = "feeds-builtin";

export interface FeedInfo {
  id: string;
  name: string;
  slug: string;
  type: string;
  uri?: string;
  /** Kept in the execution's space, or shared from Platform Hub. */
  source: "Space" | "Platform Hub";
}

const BUILT_IN_FEED: FeedInfo = { id: BUILT_IN_FEED_ID, name: "Octopus Server (built-in)", slug: "octopus-server-built-in", type: "BuiltIn", source: "Space" };

/**
 * The feeds the packages of a process come from: the built-in feed, feeds of the space and
 * Platform Hub feeds. A package whose feed is gone throws, so the task fails instead of a policy
 * seeing a feed that does not exist.
 */
export async function loadFeeds(db: DbOrTx, spaceId: string, steps: ProcessSnapshot): Promise<Map<string, FeedInfo>> {
  const wanted = new Set(flattenSteps(steps).flatMap((s) => s.packages.map((p) => p.feedId)));
  wanted.delete(BUILT_IN_FEED_ID);
  const rows = wanted.size
    ? await db.feed.findMany({ where: { id: { in: [...wanted] }, OR: [{ spaceId }, { spaceId: null }] } })
    : [];
  const feeds = new Map<string, FeedInfo>([[BUILT_IN_FEED_ID, BUILT_IN_FEED]]);
  for (const row of rows) {
    feeds.set(row.id, {
      id: row.id, name: row.name, slug: row.slug, type: row.feedType,
      ...(row.uri ? { uri: row.uri } : {}),
      source: row.spaceId === null ? "Platform Hub" : "Space",
    });
  }
  const missing = [...wanted].filter((id) => !feeds.has(id));
  if (missing.length > 0) throw new Error(`Packages refer to feeds that are neither in space ${spaceId} nor in Platform Hub: ${missing.join(", ")}`);
  return feeds;
}
