import { createPolicy, listPolicies, readPolicy, savePolicy, type StoredPolicy } from "@/lib/platform-hub";
import type { PolicyDocument, ViolationAction } from "@/lib/policies/document";
import { RESERVED_SLUGS } from "@/lib/policies/slug";
import type { Actor } from "@/lib/identity/acting-user";
import { commitAuthor } from "./actor";
import { recordPolicyEvent } from "./audit";
import type { PolicyContext } from "./context";
import { fail, fromHub, ok, type Result } from "./errors";
import { indexPolicies, indexPolicy, type IndexedFields } from "./policy-index";
import { checkCommittedPolicy, type Problem } from "./problems";
import { noOutcomes, outcomesOfLastWeek, type OutcomeCounts } from "./stats";
import { NEWEST_FIRST } from "./versions";

/** The starter a policy created without one starts from. */
export const BLANK_STARTER = "blank_policy";

export type PolicyListItem = {
  slug: string;
  name: string;
  description: string;
  /** The action as committed on the branch; what the gate enforces is `enforcedAction`. */
  violationAction: ViolationAction;
  /** The active published version's action: what the gate enforces now; null when none is active. */
  enforcedAction: ViolationAction | null;
  activeVersion: string | null;
  latestVersion: string | null;
  /** The committed file differs from the latest published version (or nothing is published yet). */
  unpublishedChanges: boolean;
  problemCount: number;
  stats7d: OutcomeCounts;
};

/** A file that is not valid OCL still gets a name in lists: its slug. */
function indexedFields(stored: StoredPolicy): IndexedFields {
  return { slug: stored.slug, name: stored.policy?.name || stored.slug, description: stored.policy?.description ?? "" };
}

/** The branch asked for, the default branch when none is; and whether it is the default one. */
async function resolveBranch(ctx: PolicyContext, branch: string | undefined): Promise<Result<{ branch: string; isDefault: boolean }>> {
  const main = await ctx.hub.defaultBranch();
  if (!main.ok) return fromHub(main);
  return ok({ branch: branch ?? main.value, isDefault: (branch ?? main.value) === main.value });
}

/** The policies on a branch with their published state and last week's outcomes; indexes files the database does not know yet. */
export async function listBranchPolicies(ctx: PolicyContext, requested?: string): Promise<Result<{ branch: string; policies: PolicyListItem[] }>> {
  const resolved = await resolveBranch(ctx, requested);
  if (!resolved.ok) return resolved;
  const { branch, isDefault } = resolved.value;
  const head = await ctx.hub.headCommit(branch);
  if (!head.ok) return fromHub(head);
  const files = await listPolicies(ctx.hub, head.value);
  if (!files.ok) return fromHub(files);

  const rows = await indexPolicies(ctx.db, files.value.map(indexedFields), { refresh: isDefault });
  const ids = [...rows.values()].map((r) => r.id);
  const [versions, stats] = await Promise.all([
    ctx.db.policyVersion.findMany({ where: { policyId: { in: ids } }, orderBy: [...NEWEST_FIRST], select: { policyId: true, version: true, isActive: true, violationAction: true, ocl: true } }),
    outcomesOfLastWeek(ctx.db, ids),
  ]);
  const policies = files.value.map((file): PolicyListItem => {
    const id = rows.get(file.slug)!.id;
    const own = versions.filter((v) => v.policyId === id);
    const active = own.find((v) => v.isActive);
    return {
      ...indexedFields(file),
      violationAction: file.policy?.violationAction ?? "block",
      enforcedAction: active ? (active.violationAction as ViolationAction) : null,
      activeVersion: active?.version ?? null,
      latestVersion: own[0]?.version ?? null,
      unpublishedChanges: own[0]?.ocl !== file.text,
      problemCount: checkCommittedPolicy(file.slug, file.blobOid, file.text).length,
      stats7d: stats.get(id) ?? noOutcomes(),
    };
  });
  policies.sort((a, b) => a.name.localeCompare(b.name) || a.slug.localeCompare(b.slug));
  return ok({ branch, policies });
}

export type PolicyDetail = {
  branch: string;
  commitId: string;
  /** When the file is not valid OCL its fields are empty; `ocl` holds the text and `problems` the syntax error. */
  policy: PolicyDocument;
  ocl: string;
  problems: Problem[];
  activeVersion: string | null;
};

function emptyPolicy(slug: string): PolicyDocument {
  return { slug, name: "", description: "", violationReason: "", violationAction: "block", scopeRego: "", conditionsRego: "" };
}

/** One policy as committed at the head of a branch, with every problem that would stop publishing it. */
export async function readBranchPolicy(ctx: PolicyContext, requested: string | undefined, slug: string): Promise<Result<PolicyDetail>> {
  const resolved = await resolveBranch(ctx, requested);
  if (!resolved.ok) return resolved;
  const { branch, isDefault } = resolved.value;
  const head = await ctx.hub.headCommit(branch);
  if (!head.ok) return fromHub(head);
  const stored = await readPolicy(ctx.hub, head.value, slug);
  if (!stored.ok) return stored.error.code === "file_not_found" ? fail("policy_not_found", `There is no policy "${slug}" on branch "${branch}"`) : fromHub(stored);
  const row = await indexPolicy(ctx.db, indexedFields(stored.value), { refresh: isDefault });
  const active = await ctx.db.policyVersion.findFirst({ where: { policyId: row.id, isActive: true }, select: { version: true } });
  const { policy, text, blobOid } = stored.value;
  return ok({ branch, commitId: head.value, policy: policy ?? emptyPolicy(slug), ocl: text, problems: checkCommittedPolicy(slug, blobOid, text), activeVersion: active?.version ?? null });
}

export type NewPolicyRequest = { name: string; slug: string; starter?: string; branch?: string };

/** Creates a policy from a starter (blank by default) as a commit on a branch, the default branch unless told otherwise. */
export async function createBranchPolicy(ctx: PolicyContext, request: NewPolicyRequest, actor: Actor): Promise<Result<{ policy: PolicyDocument; commitId: string; branch: string }>> {
  if (RESERVED_SLUGS.includes(request.slug)) return fail("invalid_slug", `The slug "${request.slug}" is reserved by Policy Hub: choose another, e.g. "${request.slug}_policy"`);
  const resolved = await resolveBranch(ctx, request.branch);
  if (!resolved.ok) return resolved;
  const { branch, isDefault } = resolved.value;
  const starter = request.starter ?? BLANK_STARTER;
  const created = await createPolicy(ctx.hub, branch, { starter, name: request.name, slug: request.slug }, { author: commitAuthor(actor) });
  if (!created.ok) return fromHub(created);
  const { policy, commit } = created.value;
  const row = await indexPolicy(ctx.db, { slug: policy.slug, name: policy.name, description: policy.description }, { refresh: isDefault, createdById: actor.id });
  await recordPolicyEvent(ctx.db, {
    kind: "created",
    actor,
    message: `${actor.username} created ${policy.slug} on ${branch} from the starter ${starter}`,
    policyId: row.id,
    details: { slug: policy.slug, name: policy.name, starter, branch, commitId: commit },
  });
  return ok({ policy, commitId: commit, branch });
}

export type CommitRequest = {
  branch: string;
  policy: Omit<PolicyDocument, "slug">;
  /** Omitted for a quick commit with a generated message. */
  message?: string;
  /** The commit the edit started from; the commit is refused when the branch has moved since. */
  baseCommitId?: string;
};

/** Commits an edit of an existing policy. Problems do not stop a commit (drafts may be broken), only publishing. */
export async function commitBranchPolicy(ctx: PolicyContext, slug: string, request: CommitRequest, actor: Actor): Promise<Result<{ commitId: string; problems: Problem[] }>> {
  const existing = await readPolicy(ctx.hub, request.branch, slug);
  if (!existing.ok) {
    return existing.error.code === "file_not_found"
      ? fail("policy_not_found", `There is no policy "${slug}" on branch "${request.branch}": create it first`)
      : fromHub(existing);
  }
  const resolved = await resolveBranch(ctx, request.branch);
  if (!resolved.ok) return resolved;
  const policy: PolicyDocument = { ...request.policy, slug };
  const commit = await savePolicy(ctx.hub, request.branch, policy, { author: commitAuthor(actor), message: request.message, expectedHead: request.baseCommitId });
  if (!commit.ok) return fromHub(commit);
  const row = await indexPolicy(ctx.db, { slug, name: policy.name || slug, description: policy.description }, { refresh: resolved.value.isDefault });
  await recordPolicyEvent(ctx.db, {
    kind: "committed",
    actor,
    message: `${actor.username} committed ${slug} on ${request.branch}`,
    policyId: row.id,
    details: { slug, branch: request.branch, commitId: commit.value, message: request.message ?? null, quickCommit: !request.message?.trim() },
  });
  const saved = await readPolicy(ctx.hub, commit.value, slug);
  if (!saved.ok) return fromHub(saved);
  return ok({ commitId: commit.value, problems: checkCommittedPolicy(slug, saved.value.blobOid, saved.value.text) });
}
