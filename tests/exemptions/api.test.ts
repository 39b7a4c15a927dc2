/**
 * The exemptions API (#17): granting and revoking need ExemptionGrant in the project's space
 * (403 naming it otherwise), the body is checked (expiry required, at most the maximum), and the
 * list shows what was granted.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { endpoint, send, startTestApp, type TestApp } from "../http/app";
import { activatePolicy, inlinePolicy, W } from "../executions/world";
import { credentialForRole, type TestCredential } from "../security/credentials";

let app: TestApp;
let deployer: TestCredential;
let approver: TestCredential;
let elsewhere: TestCredential;

const DAY = 86_400_000;
const body = (overrides: Record<string, unknown> = {}) =>
  JSON.stringify({
    policySlug: "no_friday_deploys", projectId: W.web, environmentId: W.production, owner: "Web team", justification: "Release train",
    expiresAt: new Date(Date.now() + 7 * DAY).toISOString(), ...overrides,
  });

beforeAll(async () => {
  app = await startTestApp();
  const db = app.database.db;
  await activatePolicy(db, "no_friday_deploys", inlinePolicy("no_friday_deploys", { scope: "default evaluate := true", conditions: 'result := {"allowed": false}' }));
  await db.space.create({ data: { id: "Spaces-2", name: "Other", slug: "other" } });
  deployer = await credentialForRole(db, "deployer", "Deployer");
  approver = await credentialForRole(db, "approver", "Policy Approver");
  elsewhere = await credentialForRole(db, "approver-elsewhere", "Policy Approver", "Spaces-2");
}, 120_000);
afterAll(() => app.dispose());

const create = (who: TestCredential, payload = body()) => send(app, endpoint(app, "POST /api/exemptions"), { body: payload, headers: who.headers });
const errorOf = (text: string) => (JSON.parse(text) as { error: { code: string; message: string; details?: { permission?: string } } }).error;

describe("exemptions API", () => {
  it("refuses a user without ExemptionGrant, or with it only in another space, with 403", async () => {
    const denied = await create(deployer);
    expect(denied.status).toBe(403);
    expect(errorOf(denied.text).details?.permission).toBe("ExemptionGrant");
    expect((await create(elsewhere)).status).toBe(403);
    expect(await app.database.db.policyExemption.count()).toBe(0);
  });

  it("grants with the permission, lists it, and revokes it (403 for a deployer)", async () => {
    const created = await create(approver);
    expect(created.status).toBe(201);
    const exemption = JSON.parse(created.text) as { id: string; status: string; createdBy: string; environment: { name: string } };
    expect(exemption).toMatchObject({ status: "active", createdBy: "approver", environment: { name: "Production" } });

    const list = await send(app, endpoint(app, "GET /api/exemptions"), { headers: deployer.headers });
    expect(list.status).toBe(200);
    expect((JSON.parse(list.text) as { items: { id: string }[] }).items.map((e) => e.id)).toContain(exemption.id);

    const revoke = endpoint(app, "POST /api/exemptions/[id]/revoke");
    expect((await send(app, revoke, { params: { id: exemption.id }, headers: deployer.headers })).status).toBe(403);
    const revoked = await send(app, revoke, { params: { id: exemption.id }, headers: approver.headers });
    expect(revoked.status).toBe(200);
    expect(JSON.parse(revoked.text)).toMatchObject({ status: "revoked", revokedBy: "approver" });
  });

  it("checks the body: expiry required, within the maximum, known policy", async () => {
    const missing = await create(approver, body({ expiresAt: undefined }));
    expect(missing.status).toBe(400);
    const tooLong = await create(approver, body({ expiresAt: new Date(Date.now() + 91 * DAY).toISOString() }));
    expect(tooLong.status).toBe(400);
    expect(errorOf(tooLong.text).message).toMatch(/at most 90 days/);
    expect((await create(approver, body({ policySlug: "no_such_policy" }))).status).toBe(404);
    expect((await create(approver, body({ owner: " " }))).status).toBe(400);
  });
});
