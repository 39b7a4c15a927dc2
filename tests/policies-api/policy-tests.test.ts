/**
 * Policy tests over the API: publishing refuses a version whose tests fail (naming them), the
 * editor's tests route runs a draft's tests, and a client that does not send tests keeps them.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// The harness first: it points the database client at this file's own database before any route loads it.
import { call, prisma, setUpApi, tearDownApi } from "./harness";
import { api } from "./api";
import * as tests from "@/app/api/policies/[slug]/tests/route";

beforeAll(setUpApi);
afterAll(tearDownApi);

const runTests = (slug: string, body: unknown, user?: string) => call(tests.POST, "POST", { params: { slug }, body, ...(user ? { user } : {}) });

async function fieldsOf(slug: string) {
  const { body } = await api.read(slug, { branch: "main" });
  const { slug: _slug, ...fields } = body.policy;
  return { fields, commitId: body.commitId as string, policy: body.policy };
}

describe("policy tests and publishing", () => {
  it("refuses to publish while a test fails, naming it and its line, and publishes once the tests pass", async () => {
    expect((await api.create({ name: "Gate approvals", slug: "gate_approvals", starter: "approval_required_in_production" })).status).toBe(201);
    const { fields, commitId, policy } = await fieldsOf("gate_approvals");
    expect(policy.testsRego).toMatch(/^package gate_approvals\n/);

    // A change that lets unapproved production deployments through: the starter's own test catches it.
    const broken = { ...fields, conditionsRego: fields.conditionsRego.replace("input.RequiresApproval == true", "true") };
    expect((await api.commit("gate_approvals", { branch: "main", policy: broken, baseCommitId: commitId })).status).toBe(200);

    const refused = await api.publish("gate_approvals", { bump: "major" });
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({
      code: "tests_failed",
      message: expect.stringContaining("data.gate_approvals.test_blocks_without_change_approval"),
      details: { counts: { pass: 3, fail: 1, error: 0, skip: 0 }, tests: [{ name: "data.gate_approvals.test_blocks_without_change_approval", status: "fail", location: { file: "policies/gate_approvals.ocl" } }] },
    });
    const { ocl } = (await api.read("gate_approvals", { branch: "main" })).body;
    const line = refused.body.error.details.tests[0].location.line;
    expect(ocl.split("\n")[line - 1]).toMatch(/^\s+test_blocks_without_change_approval if/);
    expect(await prisma.policyVersion.count({ where: { policy: { slug: "gate_approvals" } } })).toBe(0);

    // The author agrees with the new behaviour: the test changes with it.
    const latest = await fieldsOf("gate_approvals");
    const testsRego = latest.fields.testsRego.replace("test_blocks_without_change_approval if not result.allowed", "test_allows_without_change_approval if result.allowed");
    expect((await api.commit("gate_approvals", { branch: "main", policy: { ...latest.fields, testsRego }, baseCommitId: latest.commitId })).status).toBe(200);
    const published = await api.publish("gate_approvals", { bump: "major" });
    expect(published.status).toBe(201);
  });

  it("keeps the tests block when a client saves without testsRego", async () => {
    await api.create({ name: "Keeps tests", slug: "keeps_tests", starter: "no_steps_skipped" });
    const { fields, commitId } = await fieldsOf("keeps_tests");
    const { testsRego, ...withoutTests } = fields;
    expect((await api.commit("keeps_tests", { branch: "main", policy: { ...withoutTests, description: "Edited" }, baseCommitId: commitId })).status).toBe(200);
    expect((await fieldsOf("keeps_tests")).fields).toMatchObject({ description: "Edited", testsRego });
  });
});

describe("POST /api/policies/:slug/tests", () => {
  it("runs the unsaved policy's tests with results and locations, for any viewer", async () => {
    await api.create({ name: "Draft tests", slug: "draft_tests", starter: "manual_intervention_required" });
    const { policy } = await fieldsOf("draft_tests");
    const draft = { ...policy, testsRego: `${policy.testsRego}\ntest_wrong if evaluate with input as {"Environment": {"Slug": "dev"}}\n\ntest_boom if 1 / 0 == 0\n` };
    const { status, body } = await runTests("draft_tests", { policy: draft }, "tom.berg");
    expect(status).toBe(200);
    expect(body.problems).toEqual([]);
    expect(body.counts).toMatchObject({ fail: 1, error: 1 });
    expect(body.counts.pass).toBeGreaterThanOrEqual(3);
    const wrong = body.tests.find((t: { rule: string }) => t.rule === "test_wrong");
    expect(wrong).toMatchObject({ status: "fail", message: "undefined", location: { file: "policies/draft_tests.ocl", moduleColumn: 1 } });
    expect(draft.testsRego.split("\n")[wrong.location.moduleLine - 1]).toMatch(/^test_wrong if/);
    expect(body.tests.find((t: { rule: string }) => t.rule === "test_boom")).toMatchObject({ status: "error", message: expect.stringMatching(/divide by zero/), errorLocation: { block: "tests" } });
    expect(await prisma.policyVersion.count({ where: { policy: { slug: "draft_tests" } } })).toBe(0);
  });

  it("reports a tests block that does not compile as problems and runs nothing", async () => {
    const { policy } = await fieldsOf("draft_tests");
    const { body } = await runTests("draft_tests", { policy: { ...policy, testsRego: "package draft_tests\n\ntest_x if nope(1)\n" } });
    expect(body.tests).toEqual([]);
    expect(body.problems).toMatchObject([{ code: "rego_type_error", message: expect.stringContaining("in the tests Rego") }]);
  });

  it("refuses a body for another policy and a caller without sign-in", async () => {
    const { policy } = await fieldsOf("draft_tests");
    expect((await runTests("other", { policy })).body.error.code).toBe("invalid_request");
    expect((await call(tests.POST, "POST", { params: { slug: "draft_tests" }, body: { policy }, user: null })).status).toBe(401);
  });
});
