import type { Db, DbOrTx } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import { allocateId } from "@/lib/db/ids";
import { fail, type Result } from "./errors";

/** What the database keeps of a policy file: the repository stays the source of its text. */
export type IndexedFields = { slug: string; name: string; description: string };

export type PolicyRow = { id: string; slug: string; name: string; description: string };

const SELECT = { id: true, slug: true, name: true, description: true } as const;

/**
 * Makes sure each policy has its row, so policies committed with the git command line get one the
 * first time they are listed. Names and descriptions are refreshed only when `refresh` is set:
 * the default branch names a policy, drafts on other branches do not rename it.
 */
export async function indexPolicies(db: Db, files: IndexedFields[], options: { refresh: boolean; createdById?: string }): Promise<Map<string, PolicyRow>> {
  const rows = new Map((await db.policy.findMany({ where: { slug: { in: files.map((f) => f.slug) } }, select: SELECT })).map((r) => [r.slug, r]));
  for (const file of files) {
    const row = rows.get(file.slug);
    if (!row) {
      rows.set(file.slug, await createRow(db, file, options.createdById));
    } else if (options.refresh && (row.name !== file.name || row.description !== file.description)) {
      rows.set(file.slug, await db.policy.update({ where: { id: row.id }, data: { name: file.name, description: file.description }, select: SELECT }));
    }
  }
  return rows;
}

/** The row of a policy the database has indexed, or null. */
export function findPolicyRow(db: DbOrTx, slug: string): Promise<PolicyRow | null> {
  return db.policy.findUnique({ where: { slug }, select: SELECT });
}

export const policyNotFound = (slug: string): Result<never> => fail("policy_not_found", `There is no policy "${slug}"`);

/** The row of one policy, created when missing. */
export async function indexPolicy(db: Db, file: IndexedFields, options: { refresh: boolean; createdById?: string }): Promise<PolicyRow> {
  return (await indexPolicies(db, [file], options)).get(file.slug)!;
}

async function createRow(db: DbOrTx, file: IndexedFields, createdById: string | undefined): Promise<PolicyRow> {
  try {
    return await db.policy.create({ data: { id: await allocateId(db, "Policies"), ...file, createdById }, select: SELECT });
  } catch (e) {
    // Another request indexed the same file first.
    if (isUniqueViolation(e)) return db.policy.findUniqueOrThrow({ where: { slug: file.slug }, select: SELECT });
    throw e;
  }
}
