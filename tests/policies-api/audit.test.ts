import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma, setUpApi, tearDownApi } from "./harness";
import { api } from "./api";

beforeAll(async () => {
  await setUpApi();
  await prisma.user.create({ data: { id: "Users-42", username: "ada", displayName: "Ada Platform", email: "ada@example.com" } });
});
afterAll(tearDownApi);

describe("audit records", () => {
  it("records create, commit, publish, activate and deactivate, each in its own group, with who, what and when", async () => {
    const started = Date.now() - 1000;
    const as = { user: "ada" };
    await api.create({ name: "Audited", slug: "audited", starter: "manual_intervention_required" }, as);
    const { body } = await api.read("audited");
    const { slug: _slug, ...fields } = body.policy;
    const commit = await api.commit("audited", { branch: "main", policy: { ...fields, violationAction: "warn" }, message: "Warn only" }, as);
    const version = (await api.publish("audited", { bump: "major" }, as)).body.version;
    await api.activate("audited", "1.0.0", as);
    await api.deactivate("audited", as);

    const policy = await prisma.policy.findUniqueOrThrow({ where: { slug: "audited" } });
    const events = await prisma.auditEvent.findMany({ where: { policyId: policy.id }, orderBy: { id: "asc" } });
    expect(events.map((e) => e.eventGroup)).toEqual([
      "Compliance Policy Created",
      "Compliance Policy Committed",
      "Compliance Policy Published",
      "Compliance Policy Activated",
      "Compliance Policy Deactivated",
    ]);
    for (const e of events) {
      expect(e).toMatchObject({ userId: "Users-42", username: "ada", policyId: policy.id });
      expect(e.occurredAt.getTime()).toBeGreaterThan(started);
      expect(e.message).toContain("audited");
    }
    expect(events.slice(2).map((e) => e.policyVersionId)).toEqual([version.id, version.id, version.id]);
    expect(JSON.parse(events[1].details)).toMatchObject({ branch: "main", commitId: commit.body.commitId, message: "Warn only" });
    expect(JSON.parse(events[2].details)).toMatchObject({ version: "1.0.0", bump: "major", commitId: version.commitId });
    expect(events.some((e) => e.eventGroup === "Compliance Policy Evaluated")).toBe(false);
    // The commit itself names the same person.
    expect(policy.createdById).toBe("Users-42");
  });

  it("writes nothing for refused changes", async () => {
    const before = await prisma.auditEvent.count();
    expect((await api.publish("audited", { bump: "patch" })).status).toBe(409);
    expect((await api.create({ name: "Audited", slug: "audited" })).status).toBe(409);
    expect((await api.deactivate("audited")).body.deactivated).toBeNull();
    expect(await prisma.auditEvent.count()).toBe(before);
  });

  it("acts as the owner of the API key, and refuses a request without credentials", async () => {
    await api.create({ name: "By default", slug: "by_default" });
    const event = await prisma.auditEvent.findFirstOrThrow({ where: { eventGroup: "Compliance Policy Created" }, orderBy: { id: "desc" } });
    expect(event.username).toBe("admin");
    expect(JSON.parse(event.details)).toMatchObject({ via: "apiKey" });
    const anonymous = await api.create({ name: "Ghost", slug: "ghost" }, { user: null });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error.code).toBe("unauthenticated");
  });
});
