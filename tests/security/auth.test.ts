import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiKeyOwner, createApiKey, revokeApiKey } from "@/lib/auth/api-keys";
import { authenticate } from "@/lib/auth/principal";
import { createSession, SESSION_COOKIE, sessionUserId } from "@/lib/auth/sessions";
import { signIn } from "@/lib/auth/sign-in";
import { changeRoleGrant, needsSetup, setupFirstAdministrator } from "@/lib/auth/users";
import { principalFromSessionToken } from "@/lib/auth/principal";
import { statusOf } from "@/lib/http/status";
import { createTestDatabase, type TestDatabase } from "@/lib/db/test-database";
import { sha256Hex } from "@/lib/auth/tokens";

let testDb: TestDatabase;
let adminId: string;
const PASSWORD = "a long enough password";

beforeAll(async () => {
  testDb = createTestDatabase();
  expect(await needsSetup(testDb.db)).toBe(true);
  const created = await setupFirstAdministrator(testDb.db, { username: "first", displayName: "First Admin", password: PASSWORD });
  if (!created.ok) throw new Error(created.error.message);
  adminId = created.value.id;
});
afterAll(() => testDb.dispose());

describe("first start", () => {
  it("creates the first administrator once; afterwards setup refuses", async () => {
    expect(await needsSetup(testDb.db)).toBe(false);
    const again = await setupFirstAdministrator(testDb.db, { username: "second", displayName: "Second", password: PASSWORD });
    expect(again).toMatchObject({ ok: false, error: { code: "conflict" } });
    if (!again.ok) expect(statusOf(again.error)).toBe(409);
    const user = await testDb.db.user.findUniqueOrThrow({ where: { id: adminId }, include: { roleGrants: { include: { role: true } } } });
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    expect(user.roleGrants.map((g) => g.role.name)).toEqual(["Administrator"]);
  });
});

describe("sign-in", () => {
  it("stores only the session token's hash and audits success and failure", async () => {
    const ok = await signIn(testDb.db, "first", PASSWORD, "10.0.0.1");
    if (!ok.ok) throw new Error(ok.message);
    expect(await testDb.db.session.findUnique({ where: { id: ok.token } })).toBeNull();
    expect(await testDb.db.session.findUnique({ where: { id: sha256Hex(ok.token) } })).not.toBeNull();
    expect(await signIn(testDb.db, "first", "wrong password!", "10.0.0.1")).toMatchObject({ ok: false, code: "invalid_credentials" });
    expect(await signIn(testDb.db, "nobody", "wrong password!", "10.0.0.1")).toMatchObject({ ok: false, code: "invalid_credentials" });
    const groups = (await testDb.db.auditEvent.findMany({ orderBy: { seq: "asc" } })).map((e) => e.eventGroup);
    expect(groups.slice(-3)).toEqual(["User signed in", "User sign-in failed", "User sign-in failed"]);
  });

  it("locks a username after five failures, even for the right password", async () => {
    await testDb.db.user.create({ data: { id: "Users-50", username: "target", displayName: "Target", passwordHash: (await testDb.db.user.findUniqueOrThrow({ where: { id: adminId } })).passwordHash } });
    for (let i = 0; i < 5; i++) expect((await signIn(testDb.db, "target", `guess number ${i}`, `10.0.1.${i}`)).ok).toBe(false);
    expect(await signIn(testDb.db, "target", PASSWORD, "10.0.2.1")).toMatchObject({ ok: false, code: "too_many_attempts" });
  });

  it("ends an expired session", async () => {
    const { token } = await createSession(testDb.db, adminId, new Date(Date.now() - 13 * 3_600_000));
    expect(await sessionUserId(testDb.db, token)).toBeNull();
    const request = new Request("http://x/api/tasks", { headers: { cookie: `${SESSION_COOKIE}=${token}` } });
    expect(await authenticate(testDb.db, request)).toMatchObject({ kind: "rejected" });
  });
});

describe("API keys", () => {
  it("authenticate as their user until revoked, recording when they were last used", async () => {
    const { id, key } = await createApiKey(testDb.db, adminId, "ci");
    const bearer = new Request("http://x/api/tasks", { headers: { authorization: `Bearer ${key}` } });
    expect(await authenticate(testDb.db, bearer)).toMatchObject({ kind: "authenticated", principal: { id: adminId, via: { kind: "apiKey", apiKeyId: id, apiKeyName: "ci" } } });
    expect((await testDb.db.apiKey.findUniqueOrThrow({ where: { id } })).lastUsedAt).not.toBeNull();
    expect(await apiKeyOwner(testDb.db, `${key.slice(0, -1)}${key.endsWith("X") ? "Y" : "X"}`)).toBeNull();
    await revokeApiKey(testDb.db, id);
    expect(await authenticate(testDb.db, new Request("http://x/api/tasks", { headers: { "x-octopus-apikey": key } }))).toMatchObject({ kind: "rejected" });
    expect(JSON.stringify(await testDb.db.apiKey.findUniqueOrThrow({ where: { id } }))).not.toContain(key);
  });
});

describe("role grants", () => {
  it("grants and revokes a role once each, audited, and names a missing user or role", async () => {
    const { token } = await createSession(testDb.db, adminId);
    const actor = await principalFromSessionToken(testDb.db, token);
    if (!actor) throw new Error("no principal for the administrator's session");
    const user = await testDb.db.user.create({ data: { id: "Users-60", username: "grantee", displayName: "Grantee" } });
    const role = await testDb.db.role.findFirstOrThrow({ where: { name: { not: "Administrator" } } });
    expect(await changeRoleGrant(testDb.db, actor, user.id, role.id, null, true)).toEqual({ ok: true, value: { changed: true } });
    expect(await changeRoleGrant(testDb.db, actor, user.id, role.id, null, true)).toEqual({ ok: true, value: { changed: false } });
    expect(await changeRoleGrant(testDb.db, actor, user.id, role.id, null, false)).toEqual({ ok: true, value: { changed: true } });
    const events = await testDb.db.auditEvent.findMany({ where: { eventGroup: { in: ["Role granted", "Role revoked"] } }, orderBy: { seq: "asc" } });
    expect(events.map((e) => e.message)).toEqual([`first granted role ${role.name} to grantee`, `first revoked role ${role.name} from grantee`]);
    expect(await changeRoleGrant(testDb.db, actor, "Users-999", role.id, null, true)).toMatchObject({ ok: false, error: { code: "not_found", message: "There is no user Users-999" } });
    expect(await changeRoleGrant(testDb.db, actor, user.id, "Roles-999", null, true)).toMatchObject({ ok: false, error: { code: "not_found", message: "There is no role Roles-999" } });
  });
});
