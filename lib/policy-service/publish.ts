import { isUniqueViolation } from "@/lib/db/errors";
import { allocateId } from "@/lib/db/ids";
import { readPolicy } from "@/lib/platform-hub";
import { policyFilePath } from "@/lib/policies/document";
import { failingTests } from "@/lib/policies/tests";
import type { Actor } from "@/lib/identity/acting-user";
import { recordPolicyEvent } from "./audit";
import type { PolicyContext } from "./context";
import { fail, fromHub, ok, type Result } from "./errors";
import { indexPolicy } from "./policy-index";
import { runCommittedTests } from "./policy-tests";
import { checkCommittedPolicy } from "./problems";
import { NEWEST_FIRST, VERSION_VIEW_SELECT, nextVersion, toVersionView, versionParts, type Bump, type VersionView } from "./versions";

export type PublishRequest = {
  slug: string;
  bump: Bump;
  /** The branch the caller means to publish from; only the default branch is accepted. */
  branch?: string;
};

/**
 * Publishes the policy as committed at the head of the default branch as a new immutable version,
 * after checking every rule of a policy, compiling its Rego and running its tests (a failing or
 * erroring test refuses the version, naming each).
 */
export async function publishPolicy(ctx: PolicyContext, request: PublishRequest, actor: Actor): Promise<Result<VersionView>> {
  const { slug, bump } = request;
  const main = await ctx.hub.defaultBranch();
  if (!main.ok) return fromHub(main);
  if (request.branch !== undefined && request.branch !== main.value) {
    return fail("not_default_branch", `Policies are published from the default branch "${main.value}" only: merge "${request.branch}" into "${main.value}", then publish`);
  }
  const head = await ctx.hub.headCommit(main.value);
  if (!head.ok) return fromHub(head);
  const stored = await readPolicy(ctx.hub, head.value, slug);
  if (!stored.ok) {
    if (stored.error.code !== "file_not_found") return fromHub(stored);
    const elsewhere = await branchesHolding(ctx, slug);
    const where = elsewhere.length > 0 ? ` (it is on ${elsewhere.map((b) => `"${b}"`).join(", ")})` : "";
    return fail("policy_not_found", `There is no policy "${slug}" on the default branch "${main.value}"${where}: commit or merge it there before publishing`, { branches: elsewhere });
  }
  const { text, policy } = stored.value;
  const problems = checkCommittedPolicy(slug, stored.value.blobOid, text);
  if (problems.length > 0 || !policy) {
    return fail("validation_failed", `The policy on "${main.value}" has ${problems.length} problem(s) to fix before it can be published`, { problems });
  }
  const tested = await runCommittedTests(slug, text);
  const failing = failingTests(tested.tests);
  if (failing.length > 0) {
    const names = failing.map((t) => `${t.name} (${t.status === "error" ? t.message : "fails"}, line ${t.location.line})`).join("; ");
    return fail("tests_failed", `${failing.length} of ${tested.tests.length} test(s) of "${slug}" on "${main.value}" do not pass: ${names}. Fix the policy or its tests, commit, then publish`, {
      tests: failing,
      counts: tested.counts,
    });
  }
  const row = await indexPolicy(ctx.db, { slug, name: policy.name, description: policy.description }, { refresh: true, createdById: actor.id });

  try {
    return await ctx.db.$transaction(async (tx): Promise<Result<VersionView>> => {
      const latest = await tx.policyVersion.findFirst({ where: { policyId: row.id }, orderBy: [...NEWEST_FIRST], select: { version: true, ocl: true, commitId: true } });
      if (latest && latest.ocl === text) {
        return fail("nothing_to_publish", `Version ${latest.version} already holds this policy as it is on "${main.value}" (commit ${latest.commitId.slice(0, 7)}): commit a change there first`, {
          version: latest.version,
        });
      }
      const version = nextVersion(latest?.version ?? null, bump);
      if (!version) return fail("first_version_must_be_major", `The first version of a policy is a major version (1.0.0): publish "${slug}" with a major bump`);
      const created = await tx.policyVersion.create({
        data: {
          id: await allocateId(tx, "PolicyVersions"),
          policyId: row.id,
          version,
          ...versionParts(version),
          name: policy.name,
          description: policy.description,
          violationReason: policy.violationReason || null,
          violationAction: policy.violationAction,
          ocl: text,
          commitId: head.value,
          publishedById: actor.id,
        },
        select: VERSION_VIEW_SELECT,
      });
      await recordPolicyEvent(tx, {
        kind: "published",
        actor,
        message: `${actor.username} published ${slug} version ${version} from ${main.value} at ${head.value.slice(0, 7)}`,
        policyId: row.id,
        policyVersionId: created.id,
        details: { slug, version, bump, previousVersion: latest?.version ?? null, commitId: head.value, branch: main.value },
      });
      return ok(toVersionView(created));
    });
  } catch (e) {
    if (isUniqueViolation(e)) return fail("version_conflict", `Another version of "${slug}" was published at the same time: reload the versions and try again`);
    throw e;
  }
}

/** The branches where a policy file exists, to tell someone publishing a draft where it is. */
async function branchesHolding(ctx: PolicyContext, slug: string): Promise<string[]> {
  const branches = await ctx.hub.listBranches();
  if (!branches.ok) return [];
  const found = await Promise.all(branches.value.map(async (b) => ((await ctx.hub.readFile(b, policyFilePath(slug))).ok ? [b] : [])));
  return found.flat();
}
