import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gitCli, policyOcl, prisma, setUpApi, tearDownApi } from "./harness";
import { api } from "./api";

beforeAll(setUpApi);
afterAll(tearDownApi);

/** A policy edit as the editor sends it: every field of the document but the slug. */
async function fieldsOf(slug: string, branch = "main") {
  const { body } = await api.read(slug, { branch });
  const { slug: _slug, ...fields } = body.policy;
  return { fields, commitId: body.commitId as string };
}

async function edit(slug: string, change: Record<string, string>, branch = "main") {
  const { fields, commitId } = await fieldsOf(slug, branch);
  const saved = await api.commit(slug, { branch, policy: { ...fields, ...change }, baseCommitId: commitId });
  expect(saved.status).toBe(200);
  return saved.body.commitId as string;
}

describe("publishing", () => {
  it("refuses a policy committed on a feature branch until it is merged into main", async () => {
    expect((await api.createBranch({ name: "feature/approvals" })).status).toBe(201);
    const created = await api.create({ name: "Approvals", slug: "approvals", starter: "manual_intervention_required", branch: "feature/approvals" });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ branch: "feature/approvals", policy: { slug: "approvals", name: "Approvals" } });

    const fromMain = await api.publish("approvals", { bump: "major" });
    expect(fromMain.status).toBe(404);
    expect(fromMain.body.error).toMatchObject({
      code: "policy_not_found",
      message: expect.stringContaining('default branch "main" (it is on "feature/approvals")'),
      details: { branches: ["feature/approvals"] },
    });
    const fromFeature = await api.publish("approvals", { bump: "major", branch: "feature/approvals" });
    expect(fromFeature.status).toBe(409);
    expect(fromFeature.body.error.code).toBe("not_default_branch");
    expect(await prisma.policyVersion.count()).toBe(0);

    const cli = gitCli();
    cli.git("merge", "--quiet", "--no-ff", "-m", "Merge approvals", "origin/feature/approvals");
    cli.git("push", "--quiet", "origin", "HEAD:main");

    const published = await api.publish("approvals", { bump: "major" });
    expect(published.status).toBe(201);
    expect(published.body.version).toMatchObject({ version: "1.0.0", publishedBy: "admin", publishedByDisplayName: "Administrator", isActive: false, commitId: cli.git("rev-parse", "HEAD").trim() });
  });

  it("makes the first version a major one, then bumps from the latest", async () => {
    await api.create({ name: "Bumps", slug: "bumps", starter: "no_steps_skipped" });
    for (const bump of ["minor", "patch"]) {
      const refused = await api.publish("bumps", { bump });
      expect(refused.status).toBe(409);
      expect(refused.body.error).toMatchObject({ code: "first_version_must_be_major", message: expect.stringContaining("1.0.0") });
    }
    const published: string[] = [];
    for (const [i, bump] of (["major", "minor", "minor", "patch", "major", "patch"] as const).entries()) {
      if (i > 0) await edit("bumps", { description: `Revision ${i}` });
      const { status, body } = await api.publish("bumps", { bump });
      expect(status).toBe(201);
      published.push(body.version.version);
    }
    expect(published).toEqual(["1.0.0", "1.1.0", "1.2.0", "1.2.1", "2.0.0", "2.0.1"]);
    expect((await api.versions("bumps")).body.versions.map((v: { version: string }) => v.version)).toEqual([...published].reverse());
  });

  it("refuses a bump that is not major, minor or patch", async () => {
    const { status, body } = await api.publish("bumps", { bump: "huge" });
    expect(status).toBe(400);
    expect(body.error.code).toBe("invalid_request");
  });

  it("refuses to publish when nothing changed since the last version, even after commits to other policies", async () => {
    await api.create({ name: "Unchanged", slug: "unchanged", starter: "no_steps_disabled" });
    expect((await api.publish("unchanged", { bump: "major" })).status).toBe(201);
    const again = await api.publish("unchanged", { bump: "patch" });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: "nothing_to_publish", details: { version: "1.0.0" } });

    await edit("bumps", { description: "Someone else's change" });
    expect((await api.publish("unchanged", { bump: "minor" })).body.error.code).toBe("nothing_to_publish");
    await edit("unchanged", { violationAction: "block" });
    expect((await api.publish("unchanged", { bump: "minor" })).body.version.version).toBe("1.1.0");
  });

  it("never changes a published version: later edits and versions leave its text and commit as they were", async () => {
    await api.create({ name: "Frozen", slug: "frozen", starter: "manual_intervention_required" });
    const first = (await api.publish("frozen", { bump: "major" })).body.version;
    const frozen = await prisma.policyVersion.findUniqueOrThrow({ where: { id: first.id } });
    expect(frozen.ocl).toMatch(/^name += "Frozen"$/m);

    const editCommit = await edit("frozen", { name: "Frozen, renamed", violationAction: "warn" });
    const second = (await api.publish("frozen", { bump: "minor" })).body.version;
    expect(second).toMatchObject({ version: "1.1.0", commitId: editCommit });

    const stillFrozen = await prisma.policyVersion.findUniqueOrThrow({ where: { id: first.id } });
    expect(stillFrozen).toEqual(frozen);
    expect(stillFrozen.commitId).not.toBe(editCommit);
    const latest = await prisma.policyVersion.findUniqueOrThrow({ where: { id: second.id } });
    expect(latest).toMatchObject({ name: "Frozen, renamed", violationAction: "warn", violationReason: expect.stringContaining("Manual Intervention") });
    expect(latest.ocl).toMatch(/^violation_action += "warn"$/m);
    // What the version stores is exactly the file at its commit.
    expect(gitCli().git("show", `${editCommit}:policies/frozen.ocl`)).toBe(latest.ocl);
  });

  it("refuses a policy with problems, answering 422 with every problem and where it is", async () => {
    await api.create({ name: "Broken", slug: "broken", starter: "blank_policy" });
    await edit("broken", { scopeRego: "package elsewhere\ndefault evaluate := false\n", conditionsRego: "package broken\nresult := 1\n" });
    const { status, body } = await api.publish("broken", { bump: "major" });
    expect(status).toBe(422);
    expect(body.error.code).toBe("validation_failed");
    expect(body.error.details.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: "package_mismatch", file: "policies/broken.ocl", line: 8, column: 17, module: "scope", moduleLine: 1, moduleColumn: 9 }),
        expect.objectContaining({ code: "rule_type", line: 16, column: 9, module: "conditions", moduleLine: 2, moduleColumn: 1 }),
      ]),
    );
    expect(await prisma.policyVersion.count({ where: { policy: { slug: "broken" } } })).toBe(0);
  });
});
