import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gitCli, policyOcl, prisma, setUpApi, tearDownApi } from "./harness";
import { api } from "./api";

beforeAll(setUpApi);
afterAll(tearDownApi);

describe("the repository as the source of truth", () => {
  it("shows a policy committed and pushed with the git command line, and indexes it", async () => {
    const cli = gitCli();
    cli.write("policies/cli_made.ocl", policyOcl("cli_made", { name: "Made on the command line" }));
    cli.git("add", "policies/cli_made.ocl");
    cli.git("commit", "--quiet", "-m", "Add cli_made by hand");
    cli.git("push", "--quiet", "origin", "HEAD:main");
    const head = cli.git("rev-parse", "HEAD").trim();

    const listed = await api.list({ branch: "main" });
    expect(listed.status).toBe(200);
    expect(listed.body.policies).toContainEqual({
      slug: "cli_made",
      name: "Made on the command line",
      description: "Hand-written policy cli_made",
      violationAction: "block",
      // Nothing is published, so nothing is enforced, and the committed file is all unpublished.
      enforcedAction: null,
      unpublishedChanges: true,
      activeVersion: null,
      latestVersion: null,
      problemCount: 0,
      stats7d: { passed: 0, warned: 0, blocked: 0, errored: 0 },
    });
    expect(await prisma.policy.findUnique({ where: { slug: "cli_made" } })).toMatchObject({ name: "Made on the command line" });

    const read = await api.read("cli_made");
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ branch: "main", commitId: head, problems: [], activeVersion: null, policy: { slug: "cli_made", violationReason: "Add a manual intervention" } });
    expect(read.body.ocl).toBe(policyOcl("cli_made", { name: "Made on the command line" }));
    expect(read.body.policy.scopeRego).toMatch(/^package cli_made\n/);

    // A rename on main renames the indexed policy; a draft on another branch does not.
    cli.git("checkout", "--quiet", "-b", "draft");
    cli.write("policies/cli_made.ocl", policyOcl("cli_made", { name: "Draft name" }));
    cli.git("commit", "--quiet", "-am", "Draft rename");
    cli.git("push", "--quiet", "origin", "draft");
    expect((await api.list({ branch: "draft" })).body.policies.find((p: { slug: string }) => p.slug === "cli_made").name).toBe("Draft name");
    expect((await prisma.policy.findUniqueOrThrow({ where: { slug: "cli_made" } })).name).toBe("Made on the command line");
  });

  it("lists branches with their heads, the default first, and creates branches", async () => {
    const created = await api.createBranch({ name: "feature/x" });
    expect(created.status).toBe(201);
    const { body } = await api.branches();
    expect(body.defaultBranch).toBe("main");
    expect(body.branches[0]).toMatchObject({ name: "main", isDefault: true, commitId: created.body.commitId });
    expect(body.branches.map((b: { name: string }) => b.name)).toContain("feature/x");
    expect((await api.createBranch({ name: "feature/x" })).status).toBe(409);
    expect((await api.createBranch({ name: "bad name" })).body.error.code).toBe("invalid_branch_name");
    expect((await api.createBranch({ name: "y", from: "nowhere" })).status).toBe(404);
  });

  it("creates policies from starters or blank and refuses taken, invalid or reserved slugs", async () => {
    const blank = await api.create({ name: "From scratch", slug: "from_scratch" });
    expect(blank.status).toBe(201);
    expect(blank.body.policy.scopeRego).toMatch(/^package from_scratch\n/);
    expect((await api.starters()).body.starters).toContainEqual(expect.objectContaining({ slug: "blank_policy", title: "Blank policy" }));

    expect((await api.create({ name: "Again", slug: "from_scratch" })).status).toBe(409);
    const dashed = await api.create({ name: "Dashed", slug: "has-dash" });
    expect(dashed.status).toBe(400);
    expect(dashed.body.error).toMatchObject({ code: "invalid_slug", message: expect.stringContaining("has_dash") });
    expect((await api.create({ name: "Reserved", slug: "test" })).body.error.code).toBe("invalid_slug");
    expect((await api.create({ name: "Nope", slug: "nope", starter: "no_such_starter" })).status).toBe(400);
    expect((await api.create({ name: "Nope", slug: "nope", branch: "no_such_branch" })).status).toBe(404);
    expect((await api.create({ slug: "no_name" })).status).toBe(400);
  });

  it("commits edits, refuses a stale base commit and reports the problems of what was saved", async () => {
    const { body } = await api.read("from_scratch");
    const { slug: _slug, ...fields } = body.policy;
    const saved = await api.commit("from_scratch", { branch: "main", policy: { ...fields, scopeRego: "package wrong\nevaluate := true\n" }, baseCommitId: body.commitId });
    expect(saved.status).toBe(200);
    expect(saved.body.problems).toContainEqual(expect.objectContaining({ code: "package_mismatch", module: "scope", moduleLine: 1 }));
    expect(gitCli().git("log", "-1", "--format=%s|%an", saved.body.commitId)).toBe("Update policy from_scratch|Administrator\n");

    const stale = await api.commit("from_scratch", { branch: "main", policy: fields, baseCommitId: body.commitId });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe("stale_branch");
    const unchanged = await api.commit("from_scratch", { branch: "main", policy: { ...fields, scopeRego: "package wrong\nevaluate := true\n" } });
    expect(unchanged.body.error.code).toBe("nothing_to_commit");
    expect((await api.commit("missing_policy", { branch: "main", policy: fields })).status).toBe(404);
    expect((await api.commit("from_scratch", { branch: "main", policy: { ...fields, violationAction: "stop" } })).status).toBe(400);
    const messaged = await api.commit("from_scratch", { branch: "main", policy: fields, message: "Fix the package" });
    expect(gitCli().git("log", "-1", "--format=%s", messaged.body.commitId)).toBe("Fix the package\n");
  });

  it("answers 404 for unknown policies and branches", async () => {
    expect((await api.read("nothing_here")).body.error.code).toBe("policy_not_found");
    expect((await api.read("from_scratch", { branch: "gone" })).status).toBe(404);
    expect((await api.list({ branch: "gone" })).status).toBe(404);
    expect((await api.versions("nothing_here")).status).toBe(404);
  });
});

describe("validation problems through the API", () => {
  // Each broken file, committed by hand, shows its problem at its place on read, on list and on publish.
  const valid = policyOcl("checked");
  const cases: { what: string; text: string; code: string; line: number; module: string; moduleLine?: number }[] = [
    { what: "OCL syntax", text: valid.replace('violation_action = "block"', 'violation_action = "block'), code: "ocl_unterminated_string", line: 4, module: "ocl" },
    { what: "no name", text: valid.replace(/^name = .*\n/, ""), code: "attribute_missing", line: 1, module: "ocl" },
    { what: "unknown attribute", text: valid.replace("description =", "summary ="), code: "attribute_unknown", line: 2, module: "ocl" },
    { what: "bad violation action", text: valid.replace('"block"', '"stop"'), code: "violation_action_invalid", line: 4, module: "ocl" },
    { what: "no conditions block", text: valid.slice(0, valid.indexOf("conditions {")), code: "block_missing", line: 13, module: "ocl" },
    { what: "no package", text: valid.replace("        package checked\n        default evaluate", "        default evaluate"), code: "package_missing", line: 8, module: "scope", moduleLine: 1 },
    { what: "another package", text: valid.replace("package checked\n        default result", "package other\n        default result"), code: "package_mismatch", line: 16, module: "conditions", moduleLine: 1 },
    { what: "no evaluate rule", text: valid.replace(/evaluate/g, "in_scope"), code: "rule_missing", line: 8, module: "scope", moduleLine: 1 },
    { what: "evaluate not a boolean", text: valid.replace("default evaluate := false", 'default evaluate := "no"'), code: "rule_type", line: 9, module: "scope", moduleLine: 2 },
    { what: "Rego that does not compile", text: valid.replace("step.ActionType ==", "unknown_var.ActionType =="), code: "rego_unsafe_var_error", line: 20, module: "conditions", moduleLine: 5 },
  ];

  it.each(cases)("$what", async ({ text, code, line, module, moduleLine }) => {
    const cli = gitCli();
    cli.write("policies/checked.ocl", text);
    cli.git("add", "-A");
    cli.git("commit", "--quiet", "-m", "Break it");
    cli.git("push", "--quiet", "origin", "HEAD:main");

    const expected = expect.objectContaining({ code, file: "policies/checked.ocl", line, column: expect.any(Number), module, ...(moduleLine ? { moduleLine } : {}) });
    const read = await api.read("checked");
    expect(read.body.problems).toContainEqual(expected);
    const listed = (await api.list()).body.policies.find((p: { slug: string }) => p.slug === "checked");
    expect(listed.problemCount).toBe(read.body.problems.length);
    const published = await api.publish("checked", { bump: "major" });
    expect(published.status).toBe(422);
    expect(published.body.error.details.problems).toEqual(read.body.problems);
  });

  it("checks unsaved text for the editor, positions inside the Rego modules included", async () => {
    const policy = { slug: "unsaved", name: "Unsaved", description: "", violationReason: "", violationAction: "warn", scopeRego: "package unsaved\nevaluate if {\n  unbound == input.Project.Slug\n}\n", conditionsRego: "package unsaved\nresult := {\"allowed\": true}\n" };
    const { status, body } = await api.validate({ policy });
    expect(status).toBe(200);
    expect(body.problems).toEqual([expect.objectContaining({ module: "scope", moduleLine: 3, moduleColumn: 3 })]);
    expect((await api.validate({ policy: { ...policy, scopeRego: policy.scopeRego.replace("unbound == input.Project.Slug", "input.Project.Slug") } })).body.problems).toEqual([]);
    // A ref the input schema does not know is a warning, not a problem that blocks publishing.
    const trap = await api.validate({ policy: { ...policy, scopeRego: "package unsaved\nevaluate if {\n  input.Environment.\n  input.Project.Slug == \"acme\"\n}\n" } });
    expect(trap.body.problems).toEqual([
      expect.objectContaining({ code: "unknown_input_field", severity: "warning", module: "scope", moduleLine: 4, moduleColumn: 3, message: expect.stringMatching(/the line before ends with "\."/) }),
    ]);
    expect((await api.validate({ policy: { ...policy, violationAction: "stop" } })).status).toBe(400);
  });
});
