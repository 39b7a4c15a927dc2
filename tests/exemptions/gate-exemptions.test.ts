/**
 * Exemptions at the gate (#17): a covered violation is exempted until the exemption expires, by
 * the gate's clock, and not after; errors are never exempted; scope and revocation are honoured.
 */
import { describe, expect, it } from "vitest";
import { AuditEventGroups } from "@/lib/audit/event-groups";
import { createExemption, listExemptions, revokeExemption, type NewExemption } from "@/lib/exemptions/service";
import { getProjectDashboardState } from "@/lib/executions/dashboard";
import { CompiledPolicyCache } from "@/lib/policies/decision";
import { processQueue } from "@/lib/executions/worker";
import { actor, deployWeb, taskOf, unwrap, useWorld, webRelease } from "../executions/helpers";
import { activatePolicy, inlinePolicy, W } from "../executions/world";

const world = useWorld();

const GRANTED = new Date("2026-06-01T12:00:00Z");
const EXPIRES = new Date("2026-06-11T12:00:00Z");
const DAY = 86_400_000;

const BLOCKING = inlinePolicy("no_friday_deploys", {
  name: "No Friday deploys", reason: "Not on Fridays", scope: "default evaluate := true", conditions: 'result := {"allowed": false}',
});
const ERRORING = inlinePolicy("broken_policy", { scope: "default evaluate := true", conditions: 'result := {"allowed": to_number(input.Project.Name) > 0}' });

const exemption = (overrides: Partial<NewExemption> = {}): NewExemption => ({
  policySlug: "no_friday_deploys", projectId: W.web, owner: "Web team", justification: "Release train INC-42", expiresAt: EXPIRES.toISOString(), ...overrides,
});

/** Deploys the web project and runs the gate with the clock at `at`. */
let releases = 0;
async function deployAt(at: Date, environmentId: string = W.production) {
  const releaseId = await webRelease(world.db, `2.4.${++releases}`);
  const { taskId } = await deployWeb(world.db, { environmentId, releaseId });
  await processQueue(world.db, { stepDelayMs: 0, concurrency: 1, cache: new CompiledPolicyCache(), now: () => at });
  return { task: await taskOf(world.db, taskId), evaluations: await world.db.policyEvaluation.findMany({ where: { taskId } }), taskId };
}

describe("exemptions at the policy gate", () => {
  it("turns a block into Exempted until the expiry and not after", async () => {
    const { policyId } = await activatePolicy(world.db, "no_friday_deploys", BLOCKING);
    const granted = unwrap(await createExemption(world.db, actor, exemption(), GRANTED));

    const before = await deployAt(new Date(EXPIRES.getTime() - 1000));
    expect(before.task.state).toBe("Success");
    expect(before.evaluations).toMatchObject([{ policyId, outcome: "exempted", exemptionId: granted.id, reason: "Not on Fridays" }]);
    const line = before.task.logEntries.find((l) => l.message.includes("exempted by"));
    expect(line?.message).toContain(`exemption ${granted.id} (owner Web team, until ${EXPIRES.toISOString()})`);
    expect(line?.level).toBe("Info");
    const [audit] = await world.db.auditEvent.findMany({ where: { eventGroup: AuditEventGroups.policyEvaluated, taskId: before.taskId } });
    expect(audit).toMatchObject({ outcome: "exempted" });
    expect(audit.message).toContain(`under exemption ${granted.id}`);
    expect(JSON.parse(audit.details).exemption).toEqual({ id: granted.id, owner: "Web team", expiresAt: EXPIRES.toISOString() });
    const dashboard = unwrap(await getProjectDashboardState(world.db, { id: W.web }));
    expect(dashboard.banner).toBeNull();
    expect(dashboard.exempted.map((e) => e.taskId)).toEqual([before.taskId]);
    expect(dashboard.exempted[0].exempted).toEqual([
      { policyId, policyName: "No Friday deploys", policySlug: "no_friday_deploys", reason: "Not on Fridays", exemption: { id: granted.id, owner: "Web team", expiresAt: EXPIRES } },
    ]);

    const atExpiry = await deployAt(EXPIRES);
    expect(atExpiry.task.state).toBe("Failed");
    expect(atExpiry.evaluations).toMatchObject([{ outcome: "block", exemptionId: null }]);
    const later = await deployAt(new Date(EXPIRES.getTime() + DAY));
    expect(later.evaluations.map((e) => e.outcome)).toEqual(["block"]);
  });

  it("exempts a warning too, and the task has no warnings", async () => {
    await activatePolicy(world.db, "no_friday_deploys", inlinePolicy("no_friday_deploys", { action: "warn", scope: "default evaluate := true", conditions: 'result := {"allowed": false}' }));
    unwrap(await createExemption(world.db, actor, exemption(), GRANTED));
    const run = await deployAt(GRANTED);
    expect(run.task.logEntries.filter((l) => l.level === "Warning").map((l) => l.message)).toEqual([]);
    expect(run.task.state).toBe("Success");
    expect(run.evaluations.map((e) => e.outcome)).toEqual(["exempted"]);
  });

  it("never exempts an evaluation error: it still blocks (fail closed)", async () => {
    await activatePolicy(world.db, "broken_policy", ERRORING);
    unwrap(await createExemption(world.db, actor, exemption({ policySlug: "broken_policy" }), GRANTED));
    const run = await deployAt(GRANTED);
    expect(run.task.state).toBe("Failed");
    expect(run.evaluations).toMatchObject([{ outcome: "error", exemptionId: null }]);
  });

  it("applies only to its environment, and not once revoked", async () => {
    await activatePolicy(world.db, "no_friday_deploys", BLOCKING);
    const granted = unwrap(await createExemption(world.db, actor, exemption({ environmentId: W.development }), GRANTED));
    expect((await deployAt(GRANTED, W.production)).evaluations.map((e) => e.outcome)).toEqual(["block"]);
    expect((await deployAt(GRANTED, W.development)).evaluations.map((e) => e.outcome)).toEqual(["exempted"]);

    unwrap(await revokeExemption(world.db, actor, granted.id, GRANTED));
    expect((await deployAt(GRANTED, W.development)).evaluations.map((e) => e.outcome)).toEqual(["block"]);
    const audits = await world.db.auditEvent.findMany({ where: { eventGroup: { in: [AuditEventGroups.exemptionGranted, AuditEventGroups.exemptionRevoked] } }, orderBy: { seq: "asc" } });
    expect(audits.map((a) => [a.category, JSON.parse(a.details).exemptionId, a.username])).toEqual([
      ["ExemptionGranted", granted.id, "admin"],
      ["ExemptionRevoked", granted.id, "admin"],
    ]);
  });

  it("requires an expiry in the future and within the configured maximum", async () => {
    await activatePolicy(world.db, "no_friday_deploys", BLOCKING);
    const past = await createExemption(world.db, actor, exemption({ expiresAt: GRANTED.toISOString() }), GRANTED);
    expect(!past.ok && past.error.message).toMatch(/future/);
    const tooLong = await createExemption(world.db, actor, exemption({ expiresAt: new Date(GRANTED.getTime() + 11 * DAY).toISOString() }), GRANTED, 10);
    expect(!tooLong.ok && tooLong.error.message).toMatch(/at most 10 days/);
    expect(await world.db.policyExemption.count()).toBe(0);
  });

  it("lists active exemptions before expired and revoked ones, by the clock it is given", async () => {
    await activatePolicy(world.db, "no_friday_deploys", BLOCKING);
    const short = unwrap(await createExemption(world.db, actor, exemption({ expiresAt: new Date(GRANTED.getTime() + DAY).toISOString() }), GRANTED));
    const long = unwrap(await createExemption(world.db, actor, exemption(), GRANTED));
    const listed = await listExemptions(world.db, "all", new Date(GRANTED.getTime() + 2 * DAY));
    expect(listed.map((e) => [e.id, e.status])).toEqual([[long.id, "active"], [short.id, "expired"]]);
    expect(listed[0]).toMatchObject({ policy: { slug: "no_friday_deploys", name: "No Friday deploys" }, project: { id: W.web, name: "ACME Web" }, environment: null });
  });
});
