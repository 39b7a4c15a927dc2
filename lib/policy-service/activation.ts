import { fourEyesProblem } from "@/lib/auth/four-eyes";
import type { DbOrTx } from "@/lib/db/client";
import { isPostgres } from "@/lib/db/dialect";
import type { Actor } from "@/lib/identity/acting-user";
import { recordPolicyEvent } from "./audit";
import type { PolicyContext } from "./context";
import { fail, ok, type Result } from "./errors";
import { findPolicyRow, policyNotFound } from "./policy-index";
import { VERSION_VIEW_SELECT, toVersionView, type VersionView } from "./versions";

/**
 * Takes the policy's row on PostgreSQL, so that activations and deactivations of one policy run
 * one after the other, each from what the one before it committed. Without it, under READ
 * COMMITTED, an activation whose deactivating statement waited for another activation and then
 * matched nothing (the version that one turned on was not in its snapshot) turned its own version
 * on beside it; with a third switching meanwhile, two of them waited on each other in the
 * one-active index, a deadlock answered 500 (seen when four activations raced under load).
 * FOR NO KEY UPDATE leaves inserts that reference the policy (evaluations, audit records) free.
 * SQLite runs the process's transactions one at a time already.
 */
async function lockPolicy(tx: DbOrTx, policyId: string): Promise<void> {
  if (isPostgres(tx)) await tx.$executeRaw`SELECT 1 FROM "Policy" WHERE "id" = ${policyId} FOR NO KEY UPDATE`;
}

/**
 * Makes a published version the one executions evaluate. The previously active version is
 * deactivated in the same transaction, so there is never a moment with two; of activations at
 * the same time, the last to run is the one that stays active.
 */
export async function activateVersion(ctx: PolicyContext, slug: string, version: string, actor: Actor): Promise<Result<VersionView>> {
  const policy = await findPolicyRow(ctx.db, slug);
  if (!policy) return policyNotFound(slug);
  return ctx.db.$transaction(async (tx): Promise<Result<VersionView>> => {
    await lockPolicy(tx, policy.id);
    const target = await tx.policyVersion.findUnique({ where: { policyId_version: { policyId: policy.id, version } }, select: VERSION_VIEW_SELECT });
    if (!target) return fail("version_not_found", `Policy "${slug}" has no published version ${version}`);
    if (target.isActive) return ok(toVersionView(target));
    const fourEyes = await fourEyesProblem(tx, { policyId: policy.id, version, publishedAt: target.publishedAt }, actor.id);
    if (fourEyes) return fail("four_eyes", fourEyes);
    const previous = await tx.policyVersion.findFirst({ where: { policyId: policy.id, isActive: true }, select: { version: true } });
    await tx.policyVersion.updateMany({ where: { policyId: policy.id, isActive: true }, data: { isActive: false } });
    const activated = await tx.policyVersion.update({ where: { id: target.id }, data: { isActive: true }, select: VERSION_VIEW_SELECT });
    await recordPolicyEvent(tx, {
      kind: "activated",
      actor,
      message: `${actor.username} activated ${slug} version ${version}${previous ? ` (was ${previous.version})` : ""}`,
      policyId: policy.id,
      policyVersionId: target.id,
      details: { slug, version, previousVersion: previous?.version ?? null },
    });
    return ok(toVersionView(activated));
  });
}

/** Stops evaluating a policy; its versions stay. Returns the version that was active, if any. */
export async function deactivatePolicy(ctx: PolicyContext, slug: string, actor: Actor): Promise<Result<{ deactivated: string | null }>> {
  const policy = await findPolicyRow(ctx.db, slug);
  if (!policy) return policyNotFound(slug);
  return ctx.db.$transaction(async (tx) => {
    await lockPolicy(tx, policy.id);
    const active = await tx.policyVersion.findFirst({ where: { policyId: policy.id, isActive: true }, select: { id: true, version: true } });
    if (!active) return ok({ deactivated: null });
    await tx.policyVersion.update({ where: { id: active.id }, data: { isActive: false } });
    await recordPolicyEvent(tx, {
      kind: "deactivated",
      actor,
      message: `${actor.username} deactivated ${slug} version ${active.version}`,
      policyId: policy.id,
      policyVersionId: active.id,
      details: { slug, version: active.version },
    });
    return ok({ deactivated: active.version });
  });
}
