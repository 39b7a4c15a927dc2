import semver from "semver";
import type { DbOrTx } from "@/lib/db/client";
import { ok, type Result } from "./errors";
import { findPolicyRow, policyNotFound } from "./policy-index";

export { BUMPS, nextVersion, type Bump } from "@/lib/policies/versions";

/**
 * A published version as the API shows it; `publishedBy` is the publisher's username and
 * `publishedByDisplayName` the name pages show for them, `ocl` the file as published.
 */
export type VersionView = {
  id: string;
  version: string;
  commitId: string;
  violationAction: string;
  ocl: string;
  publishedBy: string | null;
  publishedByDisplayName: string | null;
  publishedAt: Date;
  isActive: boolean;
};

export const VERSION_VIEW_SELECT = {
  id: true,
  version: true,
  commitId: true,
  violationAction: true,
  ocl: true,
  publishedAt: true,
  isActive: true,
  publishedBy: { select: { username: true, displayName: true } },
} as const;

type VersionRow = { id: string; version: string; commitId: string; violationAction: string; ocl: string; publishedAt: Date; isActive: boolean; publishedBy: { username: string; displayName: string } | null };

export function toVersionView(row: VersionRow): VersionView {
  return { ...row, publishedBy: row.publishedBy?.username ?? null, publishedByDisplayName: row.publishedBy?.displayName ?? null };
}

/** Semantic order, newest first; the string alone would put 1.10.0 before 1.9.0. */
export const NEWEST_FIRST = [{ major: "desc" }, { minor: "desc" }, { patch: "desc" }] as const;

export function versionParts(version: string): { major: number; minor: number; patch: number } {
  const v = semver.parse(version);
  if (!v) throw new RangeError(`Not a semantic version: ${version}`);
  return { major: v.major, minor: v.minor, patch: v.patch };
}

/** The versions of a policy, newest first. */
export async function policyVersions(db: DbOrTx, slug: string): Promise<Result<{ versions: VersionView[] }>> {
  const policy = await findPolicyRow(db, slug);
  if (!policy) return policyNotFound(slug);
  const rows = await db.policyVersion.findMany({ where: { policyId: policy.id }, orderBy: [...NEWEST_FIRST], select: VERSION_VIEW_SELECT });
  return ok({ versions: rows.map(toVersionView) });
}
