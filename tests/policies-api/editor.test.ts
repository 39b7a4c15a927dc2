import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readStarter } from "@/lib/policies/starters";
import type { PolicyDocument } from "@/lib/policies/document";
import { seedDemoData } from "@/lib/seed";
import { buildInput } from "../fixtures/inputs";
import { prisma, setUpApi, tearDownApi } from "./harness";
import { api } from "./api";

let manual: PolicyDocument;

beforeAll(async () => {
  await setUpApi();
  await seedDemoData(prisma);
  const starter = await readStarter("manual_intervention_required");
  if (!starter.ok) throw new Error(starter.error.message);
  manual = starter.starter.policy;
});
afterAll(tearDownApi);

describe("testing unsaved policies", () => {
  it("passes, blocks and leaves out of scope with the gate's rules", async () => {
    const passed = await api.test({ policy: manual, input: buildInput() });
    expect(passed.status).toBe(200);
    expect(passed.body).toMatchObject({
      scope: { value: true, defined: true, inScope: true },
      result: { value: { allowed: true }, defined: true },
      decision: { outcome: "pass" },
      problems: [],
    });
    expect(passed.body.durationMs).toBeGreaterThanOrEqual(0);

    const blocked = await api.test({ policy: manual, input: buildInput({ skip: ["approve-change"] }) });
    expect(blocked.body.decision).toEqual({ outcome: "block", enforced: "block", reason: manual.violationReason });
    const warned = await api.test({ policy: { ...manual, violationAction: "warn" }, input: buildInput({ skip: ["approve-change"] }) });
    expect(warned.body.decision.outcome).toBe("warn");

    const outOfScope = await api.test({ policy: manual, input: buildInput({ environment: "staging" }) });
    expect(outOfScope.body).toMatchObject({ scope: { value: false, defined: true, inScope: false }, result: null, decision: null });
  });

  it("fails closed on errors and reports compile problems at their module positions", async () => {
    const malformed = await api.test({ policy: { ...manual, conditionsRego: "package manual_intervention_required\nresult := {\"allowed\": \"yes\"}\n" }, input: buildInput() });
    expect(malformed.body.decision).toMatchObject({ outcome: "error", enforced: "block", error: expect.stringContaining("allowed") });

    const broken = await api.test({ policy: { ...manual, scopeRego: "package manual_intervention_required\nevaluate if { nope == 1 }\n" }, input: buildInput() });
    expect(broken.body.scope.inScope).toBe("error");
    expect(broken.body.decision).toMatchObject({ outcome: "error", enforced: "block" });
    expect(broken.body.problems).toContainEqual(expect.objectContaining({ module: "scope", moduleLine: 2 }));
  });

  it("rebuilds the input of a recorded deployment or runbook run from its task", async () => {
    const items = (await api.testInputs({ limit: "5" })).body.items;
    expect(items).toHaveLength(5);
    const deployment = (await api.testInputs({ q: "Production", limit: "50" })).body.items.find((i: { kind: string }) => i.kind === "Deploy");
    expect(deployment).toMatchObject({ taskId: expect.stringMatching(/^ServerTasks-\d+$/), project: expect.any(String), release: expect.any(String) });

    const { status, body } = await api.test({ policy: manual, taskId: deployment.taskId });
    expect(status).toBe(200);
    expect(body.input).toMatchObject({ Environment: { Name: deployment.environment }, Project: { Name: deployment.project }, Release: { Version: deployment.release } });
    expect(body.scope.inScope).toBe(true);

    expect((await api.test({ policy: manual, taskId: "ServerTasks-999999" })).status).toBe(404);
    expect((await api.test({ policy: manual })).status).toBe(400);
    expect((await api.test({ policy: manual, input: {}, taskId: deployment.taskId })).status).toBe(400);
  });

  it("lists test inputs newest first and filters them", async () => {
    const { items } = (await api.testInputs()).body;
    expect(items).toHaveLength(20);
    const times = items.map((i: { queuedAt: string }) => Date.parse(i.queuedAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    const runbooks = (await api.testInputs({ q: "Runbook", limit: "100" })).body.items;
    expect(runbooks.every((i: { description: string; project: string }) => /runbook/i.test(i.description + i.project))).toBe(true);
    expect((await api.testInputs({ limit: "0" })).status).toBe(400);
  });
});

describe("reference endpoints", () => {
  it("serves the starters and the input schema with its fields", async () => {
    const starters = (await api.starters()).body.starters;
    expect(starters.length).toBeGreaterThanOrEqual(16);
    expect(Object.keys(starters[0]).sort()).toEqual(["slug", "summary", "title"]);
    const { schema, fields } = (await api.inputSchema()).body;
    expect(schema.properties).toHaveProperty("Environment");
    expect(fields).toContainEqual(expect.objectContaining({ path: "input.Steps[_].ActionType" }));
  });
});

describe("the list's last 7 days", () => {
  it("counts in-scope evaluations by outcome, older ones left out", async () => {
    await api.create({ name: "Counted", slug: "counted", starter: "manual_intervention_required" });
    const version = (await api.publish("counted", { bump: "major" })).body.version;
    const policy = await prisma.policy.findUniqueOrThrow({ where: { slug: "counted" } });
    const deployment = await prisma.deployment.findFirstOrThrow();
    const day = 24 * 60 * 60 * 1000;
    const rows = [
      ["pass", 1],
      ["pass", 2],
      ["warn", 3],
      ["block", 6],
      ["error", 0.5],
      ["block", 8],
      ["pass", 30],
    ] as const;
    await prisma.policyEvaluation.createMany({
      data: rows.map(([outcome, daysAgo], i) => ({
        id: `PolicyEvaluations-${9000 + i}`,
        policyId: policy.id,
        policyVersionId: version.id,
        taskId: deployment.taskId,
        deploymentId: deployment.id,
        spaceId: deployment.spaceId,
        projectId: deployment.projectId,
        environmentId: deployment.environmentId,
        outcome,
        scopeValue: "true",
        durationMs: 1,
        evaluatedAt: new Date(Date.now() - daysAgo * day),
      })),
    });
    const listed = (await api.list()).body.policies.find((p: { slug: string }) => p.slug === "counted");
    expect(listed.stats7d).toEqual({ passed: 2, warned: 1, blocked: 1, errored: 1 });
  });
});
