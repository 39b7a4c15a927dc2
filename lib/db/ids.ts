import type { DbOrTx } from "./client";
import type { RawDb } from "./sqlite-statements";
import { isPostgres } from "./dialect";

/** Id prefixes, as Octopus spells them ("Projects-3", "ActionTemplates-1"). */
export const ID_PREFIXES = [
  "Users",
  "Spaces",
  "ProjectGroups",
  "Projects",
  "Environments",
  "Tenants",
  "ActionTemplates",
  "ProcessTemplates",
  "ProjectTemplates",
  "Feeds",
  "Steps",
  "Runbooks",
  "RunbookSnapshots",
  "BuildInformation",
  "Releases",
  "Deployments",
  "RunbookRuns",
  "ServerTasks",
  "Policies",
  "PolicyVersions",
  "PolicyEvaluations",
  "Events",
  "Roles",
  "ApiKeys",
  "PolicyExemptions",
  "WebhookSubscriptions",
] as const;

export type IdPrefix = (typeof ID_PREFIXES)[number];

export function formatId(prefix: IdPrefix, n: number): string {
  return `${prefix}-${n}`;
}

/** The number of an id of the given prefix, or null when the id has another shape. */
export function idNumber(prefix: IdPrefix, id: string): number | null {
  const match = /^(.+)-(\d+)$/.exec(id);
  return match && match[1] === prefix ? Number(match[2]) : null;
}

/**
 * Reserves `count` consecutive ids. A single upsert statement does the read and the increment,
 * so concurrent callers (web requests, the task worker) never get the same id.
 */
export async function allocateIds(db: RawDb, prefix: IdPrefix, count: number): Promise<string[]> {
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`count must be a positive integer, got ${count}`);
  const rows = await db.$queryRaw<{ next: number | bigint }[]>`
    INSERT INTO "Counter" ("prefix", "next") VALUES (${prefix}, ${count + 1})
    ON CONFLICT ("prefix") DO UPDATE SET "next" = "Counter"."next" + ${count}
    RETURNING "next"`;
  const end = Number(rows[0].next);
  return Array.from({ length: count }, (_, i) => formatId(prefix, end - count + i));
}

export async function allocateId(db: DbOrTx, prefix: IdPrefix): Promise<string> {
  const [id] = await allocateIds(db, prefix, 1);
  return id;
}

/**
 * Moves a counter past ids that were written without it (the demo seed writes fixed ids), so
 * the next allocation cannot collide with them. Never moves a counter backwards.
 */
export async function reserveThrough(db: DbOrTx, prefix: IdPrefix, highest: number): Promise<void> {
  // SQLite's two-argument max() is PostgreSQL's greatest().
  if (isPostgres(db)) {
    await db.$executeRaw`
      INSERT INTO "Counter" ("prefix", "next") VALUES (${prefix}, ${highest + 1})
      ON CONFLICT ("prefix") DO UPDATE SET "next" = GREATEST("Counter"."next", ${highest + 1})`;
    return;
  }
  await db.$executeRaw`
    INSERT INTO "Counter" ("prefix", "next") VALUES (${prefix}, ${highest + 1})
    ON CONFLICT ("prefix") DO UPDATE SET "next" = MAX("next", ${highest + 1})`;
}
