import { policyFilePath, type PolicyDocument, type PolicyProblem } from "@/lib/policies/document";
import { policyFromStarter } from "@/lib/policies/create";
import { readPolicyFile, slugOfPath } from "@/lib/policies/read";
import { slugProblem } from "@/lib/policies/slug";
import { readStarter } from "@/lib/policies/starters";
import { validatePolicyRead } from "@/lib/policies/validate";
import { writePolicyFile } from "@/lib/policies/write";
import type { CommitOptions, PlatformHub } from "./repository";
import { fail, ok, type HubResult } from "./result";

/** A policy file on a branch, read as far as it can be, with every problem validation finds. */
export type StoredPolicy = { path: string; slug: string; blobOid: string; text: string; policy: PolicyDocument | null; problems: PolicyProblem[] };

/** Policies on a branch (or at any ref), invalid ones included so they can be fixed. */
export async function listPolicies(hub: PlatformHub, ref: string): Promise<HubResult<StoredPolicy[]>> {
  const files = await hub.readPolicyFiles(ref);
  if (!files.ok) return files;
  return ok(files.value.map((f) => toStored(f.path, f.blobOid, f.text)));
}

export async function readPolicy(hub: PlatformHub, ref: string, slug: string): Promise<HubResult<StoredPolicy>> {
  const path = policyFilePath(slug);
  const file = await hub.readFile(ref, path);
  if (!file.ok) return file;
  return ok(toStored(path, file.value.blobOid, file.value.text));
}

function toStored(path: string, blobOid: string, text: string): StoredPolicy {
  const read = readPolicyFile(path, text);
  return { path, slug: slugOfPath(path), blobOid, text, policy: read.policy, problems: validatePolicyRead(path, read) };
}

/**
 * Commits a policy in the canonical layout to its own file, keeping the comments of the file on
 * the branch; returns the commit. The commit is made against the file as read here: if another
 * save changes it first, this one is an `edit_conflict` naming that commit, never an overwrite.
 */
export async function savePolicy(hub: PlatformHub, branch: string, policy: PolicyDocument, options: CommitOptions): Promise<HubResult<string>> {
  const path = policyFilePath(policy.slug);
  const previous = await hub.readFile(branch, path);
  if (!previous.ok && previous.error.code !== "file_not_found") return previous;
  const content = writePolicyFile(policy, previous.ok ? previous.value.text : undefined);
  return hub.commitFiles(branch, [{ path, content }], { ...options, expectedFiles: { [path]: previous.ok ? previous.value.blobOid : null } });
}

export type NewPolicy = { starter: string; name: string; slug: string };

/** Creates a policy from a starter (the blank one included) as a commit on a branch. */
export async function createPolicy(hub: PlatformHub, branch: string, spec: NewPolicy, options: CommitOptions): Promise<HubResult<{ commit: string; policy: PolicyDocument }>> {
  const invalid = slugProblem(spec.slug);
  if (invalid) return fail("invalid_slug", invalid);
  if (spec.name.trim() === "") return fail("invalid_policy", "Give the policy a name");
  const existing = await hub.readFile(branch, policyFilePath(spec.slug));
  if (existing.ok) return fail("policy_exists", `A policy with the slug "${spec.slug}" already exists on ${branch}: choose another slug`);
  if (existing.error.code !== "file_not_found") return existing;
  const starter = await readStarter(spec.starter);
  if (!starter.ok) return fail("starter_not_found", starter.error.message);
  const policy = policyFromStarter(starter.starter.policy, spec.name.trim(), spec.slug);
  const commit = await savePolicy(hub, branch, policy, options);
  if (!commit.ok && commit.error.code === "edit_conflict") return fail("policy_exists", `A policy with the slug "${spec.slug}" was just created on ${branch}: choose another slug`);
  return commit.ok ? ok({ commit: commit.value, policy }) : commit;
}
